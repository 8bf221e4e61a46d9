import { ServiceClient } from '../../../core/service-client';

export interface RevealedCode {
  codeId: string;
  orderId: string;
  skuId: string;
  code: string;
  expiresAt: string | null;
}

/** What logistics asks of the catalog: the plaintext of an issued card code, at the moment a customer reveals it. */
export interface CodeVault {
  reveal(codeId: string): Promise<RevealedCode>;
}

export class CatalogCodeVault implements CodeVault {
  constructor(private readonly client = new ServiceClient('service', 'logistics')) {}

  async reveal(codeId: string): Promise<RevealedCode> {
    const data = await this.client.request<{ revealCardCode: RevealedCode }>(
      'catalog',
      'mutation($c: ID!) { revealCardCode(codeId: $c) { codeId orderId skuId code expiresAt } }',
      { c: codeId },
    );
    return data.revealCardCode;
  }
}
