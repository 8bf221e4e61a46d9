import type { SqlEntityManager } from '@mikro-orm/knex';
import { BANK_NOTIFICATION_TOPIC, enqueueEvent } from './outbox';

/**
 * Events a bank's own systems may subscribe to with webhooks (issue 18). Producers in every
 * subgraph call `notifyBank` where the event happens, in the transaction of the change; the
 * subgraph's outbox relay hands the notification to tenants (`recordBankNotifications`), which fans
 * it out to the bank's endpoints that chose its type and delivers it (tenants' webhook dispatcher).
 */
export const BANK_NOTIFICATION_TYPES = [
  'ORDER_PAID',
  'ORDER_DELIVERED',
  'ORDER_REFUNDED',
  'POINTS_EARNED',
  'POINTS_SPENT',
  'POINTS_EXPIRED',
  'TIER_CHANGED',
  'PERK_ISSUED',
  'FINANCIAL_PERK_REQUESTED',
  'LISTING_PRICE_GUARD',
] as const;

export type BankNotificationType = (typeof BANK_NOTIFICATION_TYPES)[number];

/** What travels in the outbox row (and to tenants). */
export interface BankNotification {
  type: BankNotificationType;
  bankId: number;
  /** Unique per event (e.g. `order-paid:42`): the outbox row's dedupe key and the webhook event id's source. */
  key: string;
  data: Record<string, unknown>;
  /** ISO-8601 UTC. */
  occurredAt: string;
}

/** Longest `key`: it becomes part of the outbox dedupe key (190 characters). */
export const MAX_NOTIFICATION_KEY = 150;

/**
 * Enqueues (in the caller's transaction, through the outbox) one notification for a bank's
 * webhooks; `key` is unique per event (dedupe). Delivered by every subgraph's relay to tenants.
 * Costs no statement of its own: the row is written with the caller's next flush.
 */
export function notifyBank(
  em: SqlEntityManager,
  n: {
    type: BankNotificationType;
    bankId: number;
    key: string;
    data: Record<string, unknown>;
    occurredAt?: Date;
  },
): void {
  if (n.key.length === 0 || n.key.length > MAX_NOTIFICATION_KEY)
    throw new Error(`bank notification key must be 1–${MAX_NOTIFICATION_KEY} characters`);
  const payload: BankNotification = {
    type: n.type,
    bankId: n.bankId,
    key: n.key,
    data: n.data,
    occurredAt: (n.occurredAt ?? new Date()).toISOString(),
  };
  enqueueEvent(em, BANK_NOTIFICATION_TOPIC, payload as unknown as Record<string, unknown>, `bank:${n.bankId}:${n.key}`);
}
