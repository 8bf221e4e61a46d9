/**
 * Mints a development access token for any principal, signed with the auth key the gateway trusts:
 *   npm run token -- --role BANK_ADMIN --bank 1
 *   npm run token -- --role SUPPLIER_STAFF --supplier 2
 *   npm run token -- --role CUSTOMER --bank 1 --customer 5 [--ttl 3600]
 *   npm run token -- --role BANK_OPERATOR --bank 1 --permissions SEE_REPORTS,SEE_CUSTOMER_DATA
 * Partner apps get real tokens from POST /oauth/token instead.
 */
import { parseArgs } from 'node:util';
import { isProduction } from '../core/config';
import {
  CLIENT_AUDIENCE,
  ISSUER,
  ROLES,
  loadKeyPair,
  principalFromClaims,
  signToken,
  type Principal,
  type Role,
} from '../core/identity';

export async function mintDevToken(principal: Principal, ttlSeconds = 8 * 3600): Promise<string> {
  const key = loadKeyPair('auth', { needPrivate: true }).privateKey!;
  return signToken(principal, { key, issuer: ISSUER.auth, audience: CLIENT_AUDIENCE, ttlSeconds });
}

async function main(): Promise<void> {
  if (isProduction()) throw new Error('Dev tokens are not minted in production.');
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      bank: { type: 'string' },
      supplier: { type: 'string' },
      customer: { type: 'string' },
      'partner-app': { type: 'string' },
      permissions: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: String(8 * 3600) },
    },
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role) || role === 'SERVICE') {
    throw new Error(`--role must be one of ${ROLES.filter((r) => r !== 'SERVICE').join(', ')}`);
  }
  // The same validation the subgraphs apply, so a token that would be refused is never minted.
  const principal = principalFromClaims({
    role,
    sub: values.sub ?? `dev:${role.toLowerCase()}`,
    bankId: values.bank,
    supplierId: values.supplier,
    customerId: values.customer,
    partnerAppId: values['partner-app'] ?? (role === 'CUSTOMER' || role === 'PARTNER_APP' ? 'dev' : undefined),
    // Comma-separated; omitted means the role's defaults (README, "Permissions").
    permissions: values.permissions?.split(',').map((p) => p.trim()),
  });
  console.log(await mintDevToken(principal, Number(values.ttl)));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  });
}
