/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What a write did to its target. */
export type AuditAction =
  | 'CREATE'
  | 'DELETE'
  | 'UPDATE';

/** Internal: one change of a batch. */
export type AuditEntryInput = {
  action: AuditAction;
  bankId?: string | null | undefined;
  changes: string;
  seq: number;
  statement?: string | null | undefined;
  supplierId?: string | null | undefined;
  targetId?: string | null | undefined;
  targetType: string;
};

/** Internal (every subgraph’s outbox relay): the audit entries of one transaction. */
export type RecordAuditEntriesInput = {
  actorId: string;
  actorRole: string;
  /** With each entry’s seq, the idempotency key. */
  batchId: string;
  entries: Array<AuditEntryInput>;
  occurredAt: string;
  /** The customer the actor acted for, if any. */
  onBehalfOfCustomerId?: string | null | undefined;
  operation: string;
  partnerAppId?: string | null | undefined;
  requestId: string;
  subgraph: string;
};

export type RecordAuditEntriesMutationVariables = Exact<{
  input: RecordAuditEntriesInput;
}>;


export type RecordAuditEntriesMutation = { recordAuditEntries: { recorded: number } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const RecordAuditEntriesDocument = new TypedDocumentString(`
    mutation RecordAuditEntries($input: RecordAuditEntriesInput!) {
  recordAuditEntries(input: $input) {
    recorded
  }
}
    `) as unknown as TypedDocumentString<RecordAuditEntriesMutation, RecordAuditEntriesMutationVariables>;