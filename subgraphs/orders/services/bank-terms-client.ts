import { ServiceClient } from '../../../core/service-client';
import { BankSettlementTermsDocument } from '../../../codegen/generated/service/orders/tenants';
import type { BankTerms, BankTermsPort } from './statements.service';

/**
 * A bank's time zone and settlement terms, asked of tenants (which owns them) when the platform
 * issues statements: orders keeps only each order's time zone, and terms may change between months,
 * so the statement takes the terms in force when it is issued (its due_on keeps them).
 */
export class RemoteBankTerms implements BankTermsPort {
  constructor(private readonly client = new ServiceClient('service', 'orders')) {}

  async termsOf(bankId: number): Promise<BankTerms> {
    const data = await this.client.request('tenants', BankSettlementTermsDocument, { bankId: String(bankId) });
    return { timeZone: data.bank.timeZone, settlementTermDays: data.bank.settlementTermDays };
  }
}

let terms: BankTermsPort | undefined;

/** One client per process (it holds a signing key). */
export function bankTerms(): BankTermsPort {
  terms ??= new RemoteBankTerms();
  return terms;
}
