import { ServiceClient } from '../../core/service-client';
import type { EventRoutes } from '../events';
import {
  LogisticsNotices,
  type OpenFulfilmentsInput,
  type OpenPerkDeliveriesInput,
  type RecordVirtualDeliveriesInput,
} from './services/logistics-client';
import {
  RecordListingRefundDocument,
  RecordListingSalesDocument,
} from '../../codegen/generated/service/orders/tenants';

/** Outbox topic: a paid order needs fulfilment (logistics opens one per physical supplier order). */
export const ORDER_PAID = 'orders.order-paid';
/**
 * Outbox topic: a line delivered unit by unit (DIRECT_TOPUP, PARTNER_ISSUED, BANK_SYSTEM) was paid;
 * logistics opens one perk delivery per unit (idempotent on `pm-<orderLineId>-<unitIndex>`).
 */
export const PERK_DELIVERY_REQUESTED = 'orders.perk-delivery-requested';
/** Outbox topic: card codes were issued to a customer (logistics records one delivery per code). */
export const CODES_ISSUED = 'orders.codes-issued';
/** Outbox topic: a paid order's units per listing (tenants' sales counts, the mall's best-selling order). */
export const LISTING_SALES = 'orders.listing-sales';
/**
 * Outbox topic: a refund of units of a confirmed order, once per refund (tenants takes them off its
 * listings' sales counts, the mall search's best-selling order; `orders.listing-sales` added them).
 * Payload `{ refundId, orderId, lines: [{ listingId, quantity }] }`.
 */
export const LISTING_REFUND = 'orders.listing-refund';

/**
 * Orders' events, who consumes each and how it is handed over (the HTTP relay and the consumer's
 * JetStream consumer run the same function). The payloads are the JSON confirmation.service enqueued
 * in these inputs' shape (its numeric ids are valid IDs).
 */
export function ordersEvents(): EventRoutes {
  const logistics = new LogisticsNotices();
  const tenants = new ServiceClient('service', 'orders');
  return {
    [ORDER_PAID]: {
      consumer: 'logistics',
      handle: async (payload) => void (await logistics.openFulfilments(payload as OpenFulfilmentsInput)),
    },
    [PERK_DELIVERY_REQUESTED]: {
      consumer: 'logistics',
      handle: async (payload) => {
        const { requestedAt: _requestedAt, ...line } = payload;
        await logistics.openPerkDeliveries(line as unknown as OpenPerkDeliveriesInput);
      },
    },
    [CODES_ISSUED]: {
      consumer: 'logistics',
      handle: async (payload) =>
        void (await logistics.recordVirtualDeliveries(payload as RecordVirtualDeliveriesInput)),
    },
    [LISTING_SALES]: {
      consumer: 'tenants',
      handle: async (payload) =>
        void (await tenants.request('tenants', RecordListingSalesDocument, {
          orderId: String(payload.orderId),
          lines: payload.lines as { listingId: string; quantity: number }[],
        })),
    },
    [LISTING_REFUND]: {
      consumer: 'tenants',
      handle: async (payload) =>
        void (await tenants.request('tenants', RecordListingRefundDocument, {
          refundId: String(payload.refundId),
          orderId: String(payload.orderId),
          lines: payload.lines as { listingId: string; quantity: number }[],
        })),
    },
  };
}
