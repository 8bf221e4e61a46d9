/** Who is signed in: the `me` query, shared by the shell and every page through context. */
import { createContext, useContext } from 'react';
import { graphql } from './gql';
import type { ConsoleMeQuery } from './gql/graphql';

export const MeDocument = graphql(`
  query ConsoleMe {
    me {
      id
      loginName
      displayName
      role
      kind
      permissions
      totpEnabled
      bank {
        id
        code
        name
        timeZone
      }
      supplier {
        id
        code
        name
      }
    }
  }
`);

export type Me = NonNullable<ConsoleMeQuery['me']>;

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the signed-in shell');
  return me;
}
