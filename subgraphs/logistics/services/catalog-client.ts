import { ServiceClient } from '../../../core/service-client';
import {
  RevealCardCodeDocument,
  type RevealCardCodeMutation,
} from '../../../codegen/generated/service/logistics/catalog';

export type RevealedCode = RevealCardCodeMutation['revealCardCode'];

/** What logistics asks of the catalog: the plaintext of an issued card code, at the moment a customer reveals it. */
export interface CodeVault {
  reveal(codeId: string): Promise<RevealedCode>;
}

export class CatalogCodeVault implements CodeVault {
  constructor(private readonly client = new ServiceClient('service', 'logistics')) {}

  async reveal(codeId: string): Promise<RevealedCode> {
    const data = await this.client.request('catalog', RevealCardCodeDocument, { codeId });
    return data.revealCardCode;
  }
}
