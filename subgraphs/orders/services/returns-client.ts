import { ServiceClient } from '../../../core/service-client';
import { RegisterReturnParcelDocument } from '../../../codegen/generated/service/orders/logistics';
import { MoveExchangeStockDocument } from '../../../codegen/generated/service/orders/catalog';
import type { ExchangeStockPort, ReturnParcelPort } from './returns.service';

/** Logistics tracks return parcels and replacements (idempotent on the return request and direction). */
export class RemoteReturnParcels implements ReturnParcelPort {
  constructor(private readonly client = new ServiceClient('service', 'orders')) {}

  async registerReturnParcel(input: Parameters<ReturnParcelPort['registerReturnParcel']>[0]): Promise<void> {
    await this.client.request('logistics', RegisterReturnParcelDocument, { input });
  }
}

/** Catalog moves an exchange's stock (idempotent on the return, SKU and direction). */
export class RemoteExchangeStock implements ExchangeStockPort {
  constructor(private readonly client = new ServiceClient('service', 'orders')) {}

  async moveExchangeStock(input: Parameters<ExchangeStockPort['moveExchangeStock']>[0]): Promise<void> {
    await this.client.request('catalog', MoveExchangeStockDocument, { input });
  }
}

let parcels: ReturnParcelPort | undefined;
let stock: ExchangeStockPort | undefined;

/** One client per process (it holds a signing key), like the saga's ports. */
export function returnParcels(): ReturnParcelPort {
  parcels ??= new RemoteReturnParcels();
  return parcels;
}

/** One client per process, like `returnParcels`. */
export function exchangeStock(): ExchangeStockPort {
  stock ??= new RemoteExchangeStock();
  return stock;
}
