import { ServiceClient } from '../../core/service-client';
import type { EventRoutes } from '../events';
import {
  RecordPerkUnitOutcomeDocument,
  RecordReturnParcelDeliveredDocument,
  RecordSupplierOrderProgressDocument,
  RecordUnitsWithdrawnDocument,
  type PerkUnitState,
  type SupplierOrderStatus,
} from '../../codegen/generated/service/logistics/orders';

/**
 * Outbox topic: a supplier order shipped (partly or wholly), was delivered, or was cancelled before
 * shipping; orders records it (settlement on DELIVERED, refund on CANCELLED).
 */
export const SUPPLIER_ORDER_PROGRESS = 'logistics.supplier-order-progress';
/** Outbox topic: a return parcel (or an exchange's replacement) was delivered; orders records it. */
export const RETURN_PARCEL_DELIVERED = 'logistics.return-parcel-delivered';
/** Outbox topic: units of a supplier order were withdrawn before shipping; orders refunds exactly them. */
export const UNITS_WITHDRAWN = 'logistics.units-withdrawn';
/** Outbox topic: a perk unit was DELIVERED or FAILED (orders settles or refunds it). */
export const PERK_UNIT_SETTLED = 'logistics.perk-unit-settled';

/** Logistics' events, all consumed by orders (the HTTP relay and orders' JetStream consumers run the same function). */
export function logisticsEvents(): EventRoutes {
  const orders = new ServiceClient('service', 'logistics');
  return {
    // Orders moves the supplier order forward only and is idempotent; DELIVERED makes it owed to the supplier.
    [SUPPLIER_ORDER_PROGRESS]: {
      consumer: 'orders',
      handle: async (payload) => {
        await orders.request('orders', RecordSupplierOrderProgressDocument, {
          supplierOrderId: String(payload.supplierOrderId),
          status: payload.status as SupplierOrderStatus,
          at: payload.at as string,
        });
      },
    },
    // Orders moves the return to RECEIVED (or the exchange to EXCHANGED); idempotent.
    [RETURN_PARCEL_DELIVERED]: {
      consumer: 'orders',
      handle: async (payload) => {
        await orders.request('orders', RecordReturnParcelDeliveredDocument, {
          returnRequestId: String(payload.returnRequestId),
          replacement: Boolean(payload.replacement),
          at: payload.at as string,
        });
      },
    },
    // Orders refunds exactly the withdrawn units, once per withdrawal key (its own call may have done it already).
    [UNITS_WITHDRAWN]: {
      consumer: 'orders',
      handle: async (payload) => {
        await orders.request('orders', RecordUnitsWithdrawnDocument, {
          input: {
            orderId: String(payload.orderId),
            supplierOrderId: String(payload.supplierOrderId),
            withdrawalKey: String(payload.withdrawalKey),
            lines: (payload.lines as { orderLineId: number; quantity: number }[]).map((l) => ({
              orderLineId: String(l.orderLineId),
              quantity: l.quantity,
            })),
            cause: String(payload.cause),
            reason: String(payload.reason),
            restock: payload.restock === true,
            requestedBy: String(payload.requestedBy),
            requester: (payload.requester as string | null) ?? null,
          },
        });
      },
    },
    // Orders settles (DELIVERED) or refunds (FAILED) the unit; idempotent per unit.
    [PERK_UNIT_SETTLED]: {
      consumer: 'orders',
      handle: async (payload) => {
        await orders.request('orders', RecordPerkUnitOutcomeDocument, {
          input: {
            orderLineId: String(payload.orderLineId),
            unitIndex: Number(payload.unitIndex),
            outcome: payload.outcome as PerkUnitState,
            at: payload.at as string,
            reason: (payload.reason as string | null) ?? null,
          },
        });
      },
    },
  };
}
