import type { SqlEntityManager } from '@mikro-orm/knex';
import { enqueueEvent } from '../../../core/outbox';
import { FulfilmentStatus } from '../entities/fulfilment';
import { SUPPLIER_ORDER_PROGRESS } from '../events';

/** The statuses orders' `recordSupplierOrderProgress` accepts, by fulfilment status. */
const ORDERS_STATUS: Partial<Record<FulfilmentStatus, string>> = {
  [FulfilmentStatus.PARTIALLY_SHIPPED]: 'PARTIALLY_SHIPPED',
  [FulfilmentStatus.SHIPPED]: 'SHIPPED',
  [FulfilmentStatus.DELIVERED]: 'DELIVERED',
  [FulfilmentStatus.CANCELLED]: 'CANCELLED',
};

/** Queues the report in the caller's transaction; one event per supplier order and status, ever. */
export function reportProgress(
  tx: SqlEntityManager,
  supplierOrderId: number,
  status: FulfilmentStatus,
  at: Date,
): void {
  const ordersStatus = ORDERS_STATUS[status];
  if (!ordersStatus) return;
  enqueueEvent(
    tx,
    SUPPLIER_ORDER_PROGRESS,
    { supplierOrderId, status: ordersStatus, at: at.toISOString() },
    `so-progress:${supplierOrderId}:${ordersStatus}`,
  );
}
