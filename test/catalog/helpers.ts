import type { Principal } from '../../core/identity';
import type { GraphQLResult, TestSystem } from '../harness';

export const platformAdmin: Principal = { role: 'PLATFORM_ADMIN', sub: 'ops' };
export const bankOperator: Principal = { role: 'BANK_OPERATOR', sub: 'op1', bankId: '1' };
export const customer: Principal = { role: 'CUSTOMER', sub: 'c1', bankId: '1', customerId: '1', partnerAppId: '1' };
/** Demo suppliers: 1 sells physical goods, 2 virtual cards, 3 home appliances. */
export const supplierAdmin = (supplierId: string): Principal => ({
  role: 'SUPPLIER_ADMIN',
  sub: `sa${supplierId}`,
  supplierId,
});
export const supplierStaff = (supplierId: string): Principal => ({
  role: 'SUPPLIER_STAFF',
  sub: `ss${supplierId}`,
  supplierId,
});

/** Calls the catalog subgraph directly with a service credential, as the orders saga does. */
export async function asService(
  sys: TestSystem,
  query: string,
  variables: Record<string, unknown> = {},
  requestId?: string,
): Promise<GraphQLResult> {
  const token = await sys.identityToken({ role: 'SERVICE', sub: 'orders' }, 'catalog', { key: 'service' });
  const headers: Record<string, string> = { 'x-perkmall-identity': token };
  if (requestId) headers['x-request-id'] = requestId;
  return (await sys.subgraphRaw('catalog', { query, variables }, headers)).body;
}

/** Calls the catalog subgraph directly as any principal (identity token as the gateway signs it). */
export async function asPrincipal(
  sys: TestSystem,
  principal: Principal,
  query: string,
  variables: Record<string, unknown> = {},
  requestId?: string,
): Promise<GraphQLResult> {
  const token = await sys.identityToken(principal, 'catalog');
  const headers: Record<string, string> = { 'x-perkmall-identity': token };
  if (requestId) headers['x-request-id'] = requestId;
  return (await sys.subgraphRaw('catalog', { query, variables }, headers)).body;
}

export function ok<T = Record<string, any>>(res: GraphQLResult<T>): T {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}
