import { ServiceClient } from '../../../core/service-client';
import { RegisterReturnParcelDocument } from '../../../codegen/generated/service/orders/logistics';
import type { ReturnParcelPort } from './returns.service';

/** Logistics tracks return parcels and replacements (idempotent on the return request and direction). */
export class RemoteReturnParcels implements ReturnParcelPort {
  constructor(private readonly client = new ServiceClient('service', 'orders')) {}

  async registerReturnParcel(input: Parameters<ReturnParcelPort['registerReturnParcel']>[0]): Promise<void> {
    await this.client.request('logistics', RegisterReturnParcelDocument, { input });
  }
}

let parcels: ReturnParcelPort | undefined;

/** One client per process (it holds a signing key), like the saga's ports. */
export function returnParcels(): ReturnParcelPort {
  parcels ??= new RemoteReturnParcels();
  return parcels;
}
