/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Internal (every subgraph’s outbox relay): one bank notification. */
export type BankNotificationInput = {
  /** The bank. */
  bankId: string;
  /** The event’s data, as JSON text. */
  data: string;
  /** Unique per event. */
  key: string;
  /** When it happened. */
  occurredAt: string;
  /** The event. */
  type: WebhookEventType;
};

/** Internal: notifications to fan out to the banks’ webhook endpoints. */
export type RecordBankNotificationsInput = {
  /** At most 100. */
  notifications: Array<BankNotificationInput>;
};

/** An event a bank's systems may receive by webhook. */
export type WebhookEventType =
  /** A financial-attribute perk awaits the bank’s own systems. */
  | 'FINANCIAL_PERK_REQUESTED'
  /** A supplier price change put a listing below cost or below the bank’s margin rule; the listing was paused or flagged. */
  | 'LISTING_PRICE_GUARD'
  /** An order (or one supplier’s part of it) was delivered. */
  | 'ORDER_DELIVERED'
  /** A customer’s order was paid and confirmed. */
  | 'ORDER_PAID'
  /** Money or points were refunded on an order. */
  | 'ORDER_REFUNDED'
  /** A perk was issued to a customer by a partner. */
  | 'PERK_ISSUED'
  /** A customer earned points. */
  | 'POINTS_EARNED'
  /** A customer’s points expired. */
  | 'POINTS_EXPIRED'
  /** A customer’s points were spent on an order. */
  | 'POINTS_SPENT'
  /** A customer’s tier changed. */
  | 'TIER_CHANGED';

export type RecordBankNotificationsMutationVariables = Exact<{
  input: RecordBankNotificationsInput;
}>;


export type RecordBankNotificationsMutation = { recordBankNotifications: { deliveries: number } };

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

export const RecordBankNotificationsDocument = new TypedDocumentString(`
    mutation RecordBankNotifications($input: RecordBankNotificationsInput!) {
  recordBankNotifications(input: $input) {
    deliveries
  }
}
    `) as unknown as TypedDocumentString<RecordBankNotificationsMutation, RecordBankNotificationsMutationVariables>;