/** Shared by the orders page and its parts: money and status colours (text passes 4.5:1). */
import type { OrderStatus, RefundState } from '../../gql/graphql';

/** Fen as yuan with two decimals (integers in, a string out: no float sums). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const ORDER_STATUS_COLOURS: Partial<Record<OrderStatus, string>> = {
  PAID: 'blue',
  COMPLETED: 'geekblue',
  CANCELLED: 'default',
  FAILED: 'red',
};

export const REFUND_STATE_COLOURS: Record<RefundState, string> = {
  REQUESTED: 'blue',
  APPROVED: 'geekblue',
  REJECTED: 'red',
};

/** A perk unit: PROCESSING → DELIVERED / FAILED. */
export const PERK_STATE_COLOURS: Record<string, string> = {
  PROCESSING: 'blue',
  DELIVERED: 'geekblue',
  FAILED: 'red',
};
