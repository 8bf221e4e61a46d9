import { ServiceClient } from '../../../core/service-client';
import {
  OpenFulfilmentsDocument,
  OpenPerkDeliveriesDocument,
  type OpenPerkDeliveriesInput,
  RecordVirtualDeliveriesDocument,
  type OpenFulfilmentsInput,
  type RecordVirtualDeliveriesInput,
} from '../../../codegen/generated/service/orders/logistics';

export type { OpenFulfilmentsInput, OpenPerkDeliveriesInput, RecordVirtualDeliveriesInput };

/** What the outbox relay tells logistics once an order is paid (the saga's own calls are in ports.ts). */
export class LogisticsNotices {
  constructor(private readonly client = new ServiceClient('service', 'orders')) {}

  /** Logistics opens one fulfilment per physical supplier order; idempotent on the supplier order id. */
  async openFulfilments(paid: OpenFulfilmentsInput): Promise<number> {
    const data = await this.client.request('logistics', OpenFulfilmentsDocument, { input: paid });
    return data.openFulfilments.opened;
  }

  /** Logistics opens one perk delivery per unit of a paid line; idempotent on each unit's key. */
  async openPerkDeliveries(line: OpenPerkDeliveriesInput): Promise<number> {
    const data = await this.client.request('logistics', OpenPerkDeliveriesDocument, { input: line });
    return data.openPerkDeliveries.opened;
  }

  /** Logistics records which code went to which customer (for the reveal); idempotent on the code id. */
  async recordVirtualDeliveries(issued: RecordVirtualDeliveriesInput): Promise<number> {
    const data = await this.client.request('logistics', RecordVirtualDeliveriesDocument, { input: issued });
    return data.recordVirtualDeliveries.recorded;
  }
}
