/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type SupplierOrderStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'FAILED'
  | 'PAID'
  | 'PARTIALLY_SHIPPED'
  | 'PENDING_PAYMENT'
  | 'SHIPPED';

export type RecordSupplierOrderProgressMutationVariables = Exact<{
  supplierOrderId: string;
  status: SupplierOrderStatus;
  at: string;
}>;


export type RecordSupplierOrderProgressMutation = { recordSupplierOrderProgress: { id: string, status: SupplierOrderStatus } };

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

export const RecordSupplierOrderProgressDocument = new TypedDocumentString(`
    mutation RecordSupplierOrderProgress($supplierOrderId: ID!, $status: SupplierOrderStatus!, $at: DateTime!) {
  recordSupplierOrderProgress(
    supplierOrderId: $supplierOrderId
    status: $status
    at: $at
  ) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RecordSupplierOrderProgressMutation, RecordSupplierOrderProgressMutationVariables>;