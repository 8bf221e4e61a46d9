import { ServiceClient } from '../../core/service-client';
import type { EventRoutes } from '../events';
import {
  GuardListingPricesDocument,
  RefreshSkuAvailabilityDocument,
} from '../../codegen/generated/service/catalog/tenants';

/** Outbox topic: these SKUs went on or off sale (banks' malls follow; see tenants `refreshSkuAvailability`). */
export const SKU_SALE_STATUS_CHANGED = 'catalog.sku-sale-status-changed';
/** Outbox topic: these SKUs' stock (or card pool) crossed zero, either way. Payload `{ skuIds }`. */
export const SKU_AVAILABILITY_CHANGED = 'catalog.sku-availability-changed';
/**
 * Outbox topic: suppliers changed these SKUs' supplier prices (tenants' price guard pauses or flags
 * listings that now sell below their bank's margin rule; see tenants `guardListingPrices`).
 */
export const SKU_SUPPLIER_PRICE_CHANGED = 'catalog.sku-supplier-price-changed';

/**
 * Catalog's events, who consumes each and how it is handed over: the HTTP relay (catalog's outbox)
 * and the consumer's JetStream consumer run the same function. Kept apart from the services so a
 * consuming subgraph imports only this.
 */
export function catalogEvents(): EventRoutes {
  const tenants = new ServiceClient('service', 'catalog');
  return {
    // Banks' malls hide listings of SKUs taken off sale; tenants reads the current status back, so order does not matter.
    [SKU_SALE_STATUS_CHANGED]: {
      consumer: 'tenants',
      handle: async (payload) => {
        await tenants.request('tenants', RefreshSkuAvailabilityDocument, { skuIds: payload.skuIds as string[] });
      },
    },
    // Stock (or a card pool) crossed zero: malls' "in stock" copies follow; tenants reads the present
    // fact with its version back, so a late or repeated delivery never overwrites a newer one.
    [SKU_AVAILABILITY_CHANGED]: {
      consumer: 'tenants',
      handle: async (payload) => {
        await tenants.request('tenants', RefreshSkuAvailabilityDocument, { skuIds: payload.skuIds as string[] });
      },
    },
    // Tenants' price guard pauses or flags listings a supplier price change put below their bank's rule.
    [SKU_SUPPLIER_PRICE_CHANGED]: {
      consumer: 'tenants',
      handle: async (payload) => {
        await tenants.request('tenants', GuardListingPricesDocument, {
          skuIds: payload.skuIds as string[],
          priceChangeKey: payload.priceChangeKey as string,
        });
      },
    },
  };
}
