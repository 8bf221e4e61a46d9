import assert from 'node:assert/strict';
import type { TestSystem } from '../harness';
import { Mall } from '../../subgraphs/tenants/entities/mall';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { Stock } from '../../subgraphs/catalog/entities/stock';
import { CodeState, VirtualCardCode, VirtualCardKind } from '../../subgraphs/catalog/entities/virtual-card';
import { CodeCipher } from '../../subgraphs/catalog/services/code-crypto';
import { stockOf as catalogStockOf } from '../../subgraphs/catalog/services/stock.service';
import { recountPools } from '../../subgraphs/catalog/services/code-pool.service';
import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';

export { bankAdmin, customer, partnerApp, platform } from '../principals';
import { bankAdmin, platform } from '../principals';

export const ADDRESS = {
  recipient: '张三',
  phone: '13800000000',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路 1 号',
};

export const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id status totalPoints cashFen
  lines { id quantity kind } supplierOrders { id status } cardCodes { codeId } } } }`;

export const PAY = 'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }';
export const CANCEL = 'mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { status } }';
export const REQUEST_REFUND = 'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }';
/** Two suppliers' goods at 133.33 and 116.67 CNY: 250 CNY together, shares that do not divide evenly. */
export const A_FEN = 13_333;
export const B_FEN = 11_667;

/** A fresh mall of bank 1 with listings the test controls (no tier or segment restrictions). */
export async function setUpMall(
  sys: TestSystem,
): Promise<{ mallId: string; physical: Sku; physical2: Sku; virtual: Sku }> {
  const tenants = (await sys.orm('tenants')).em.fork();
  const mall = tenants.create(Mall, { bank: 1, name: '测试商城', createdAt: new Date() } as never);
  await tenants.flush();
  const catalog = (await sys.orm('catalog')).em.fork();
  const physicals = await catalog.find(
    Sku,
    { kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE },
    { orderBy: { id: 'ASC' }, limit: 2 },
  );
  const virtual = await catalog.findOneOrFail(
    Sku,
    { kind: SkuKind.VIRTUAL, status: SkuStatus.ACTIVE, virtualCardKindId: { $ne: null } },
    { orderBy: { id: 'ASC' } },
  );
  return { mallId: String((mall as Mall).id), physical: physicals[0]!, physical2: physicals[1]!, virtual };
}

/**
 * A fresh mall of bank 1 selling two physical SKUs of two different suppliers at cash prices `aFen`
 * and `bFen` (the second SKU moves to the card supplier when both share one), `stock` of each.
 */
export async function setUpTwoSupplierMall(
  sys: TestSystem,
  aFen: number,
  bFen: number,
  stock: number,
): Promise<{
  mallId: string;
  a: string;
  b: string;
  skuA: number;
  skuB: number;
  supplierA: number;
  supplierB: number;
  virtual: Sku;
}> {
  const m = await setUpMall(sys);
  const catalog = (await sys.orm('catalog')).em.fork();
  if (m.physical2.supplierId === m.physical.supplierId)
    await catalog.nativeUpdate(Sku, { id: m.physical2.id }, { supplierId: m.virtual.supplierId });
  const supplierB = (await catalog.findOneOrFail(Sku, m.physical2.id)).supplierId;
  assert.notEqual(m.physical.supplierId, supplierB);
  await setStock(sys, m.physical.id, stock);
  await setStock(sys, m.physical2.id, stock);
  const listing = (skuId: number, priceFen: number) =>
    createListing(sys, { mallId: m.mallId, skuId: String(skuId), priceMode: 'CASH', pricePoints: 0, priceFen });
  return {
    mallId: m.mallId,
    a: await listing(m.physical.id, aFen),
    b: await listing(m.physical2.id, bFen),
    skuA: m.physical.id,
    skuB: m.physical2.id,
    supplierA: m.physical.supplierId,
    supplierB,
    virtual: m.virtual,
  };
}

export async function createListing(sys: TestSystem, input: Record<string, unknown>): Promise<string> {
  const r = await sys.gql(
    bankAdmin(1),
    'mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id } } }',
    { input },
  );
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data!.createListing.listing.id;
}

/**
 * Sets what a SKU has on sale. A card SKU's stock is its pool, so for one of those the pool of its
 * kind is made to hold exactly `available` AVAILABLE codes (surplus voided, fresh codes added).
 */
export async function setStock(sys: TestSystem, skuId: number, available: number): Promise<void> {
  const em = (await sys.orm('catalog')).em.fork();
  const sku = await em.findOneOrFail(Sku, { id: skuId });
  if (sku.virtualCardKindId) {
    await setPool(sys, sku.virtualCardKindId, available);
    await em.nativeUpdate(Stock, { skuId }, { reserved: 0 });
    return;
  }
  await em.nativeUpdate(Stock, { skuId }, { available, reserved: 0 });
}

/** Makes a card kind's pool hold exactly `available` AVAILABLE codes. */
export async function setPool(sys: TestSystem, kindId: number, available: number): Promise<void> {
  const em = (await sys.orm('catalog')).em.fork();
  const free = await em.find(
    VirtualCardCode,
    { kindId, state: CodeState.AVAILABLE },
    { orderBy: { id: 'ASC' }, fields: ['id'] },
  );
  if (free.length > available) {
    await em.nativeUpdate(
      VirtualCardCode,
      { id: { $in: free.slice(available).map((c) => c.id) } },
      { state: CodeState.VOID },
    );
    await recountPools(em as SqlEntityManager, [kindId]); // code rows written directly: bring the pool counter along
    return;
  }
  const kind = await em.findOneOrFail(VirtualCardKind, { id: kindId });
  const cipher = new CodeCipher();
  const codes = Array.from({ length: available - free.length }, () => `T-${kindId}-${randomUUID()}`);
  if (codes.length) {
    await em.insertMany(
      VirtualCardCode,
      codes.map((code) => ({
        kindId,
        supplierId: kind.supplierId,
        ciphertext: cipher.encrypt(code, kindId),
        codeHash: cipher.hash(code),
        state: CodeState.AVAILABLE,
        createdAt: new Date(),
      })),
    );
  }
  await recountPools(em as SqlEntityManager, [kindId]);
}

/** Stock as a client sees it: a card SKU's `available` is its pool's AVAILABLE codes. */
export async function stockOf(sys: TestSystem, skuId: number): Promise<{ available: number; reserved: number }> {
  const em = (await sys.orm('catalog')).em.fork();
  const s = (await catalogStockOf(em as SqlEntityManager, [skuId])).get(skuId)!;
  return { available: s.available, reserved: s.reserved };
}

export async function pointsOf(sys: TestSystem, customerId: number): Promise<{ redeemable: number; held: number }> {
  const r = await sys.gql(platform, `query($id: ID!) { customer(id: $id) { points { redeemable held } } }`, {
    id: String(customerId),
  });
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data!.customer.points;
}

export { assertLedgerClean } from '../loyalty/helpers';

/** Runs the recovery sweep now; by default failed work is retried at once (`respectBackoff` to test the backoff). */
export async function recover(
  sys: TestSystem,
  opts: { respectBackoff?: boolean } = {},
): Promise<Record<string, number>> {
  const r = await sys.gql(
    platform,
    'mutation($i: Boolean!) { runOrderRecovery(staleAfterSeconds: 0, ignoreBackoff: $i) { abandoned expired compensated confirmed refundsSettled refunded } }',
    { i: !opts.respectBackoff },
  );
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data!.runOrderRecovery;
}

/** What logistics reports when every unit of a supplier order is in a parcel (SERVICE call to orders). */
export async function markShipped(
  sys: TestSystem,
  supplierOrderId: number,
  status: 'SHIPPED' | 'DELIVERED' = 'SHIPPED',
): Promise<void> {
  const r = await sys.asService(
    'orders',
    `mutation($id: ID!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: ${status}, at: $at) { status } }`,
    {
      id: String(supplierOrderId),
      at: new Date().toISOString(),
    },
  );
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
}
