/**
 * The console's only way to the API: typed documents (GraphQL Code Generator's client preset,
 * `graphql(...)` in the page) posted by hash to the gateway's /graphql with the session's access token.
 * An expired token is refreshed once and the request retried.
 */
import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentString } from './gql/graphql';
import { currentSession, refresh } from './auth';
import { operationBody } from './operation';

/** One field the API refused (BAD_USER_INPUT's `extensions.problems`), for the form to show beside it. */
export interface FieldProblem {
  field: string;
  message: string;
  index?: number;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export async function request<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  const send = () => {
    const session = currentSession();
    return fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
      },
      body: operationBody(document, variables),
    });
  };
  let response = await send();
  if (response.status === 401 && (await refresh())) response = await send();
  const body = (await response.json().catch(() => ({}))) as {
    data?: R;
    errors?: { message: string; extensions?: { code?: string; problems?: FieldProblem[] } }[];
  };
  if (body.errors?.length)
    throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code, body.errors[0].extensions?.problems);
  if (!response.ok || !body.data) throw new ApiError(`HTTP ${response.status}`);
  return body.data;
}

export interface QueryState<R, V = unknown> {
  data: R | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** The variables `data` was fetched with: while new variables load, the old data is still shown. */
  dataVariables: V | undefined;
  reload: () => void;
}

/** Runs a query when mounted and whenever its variables change (compared as JSON). */
export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables?: V): QueryState<R, V> {
  const [state, setState] = useState<{ data?: R; dataVariables?: V; error?: ApiError; loading: boolean }>({
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables ?? {});
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const asked = JSON.parse(key) as V;
    request(document, asked).then(
      (data) => live && setState({ data, dataVariables: asked, loading: false }),
      (error: unknown) =>
        live && setState({ error: error instanceof ApiError ? error : new ApiError(String(error)), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [document, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, dataVariables: state.dataVariables, error: state.error, loading: state.loading, reload };
}
