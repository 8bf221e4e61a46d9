import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { ADDRESS, CHECKOUT, createListing, customer, setStock, setUpMall } from './helpers';
import { bankAdmin, bankOperator, platform, platformStaff, supplierAdmin, supplierStaff } from '../principals';

const TOTALS = `query($i: MarketplaceSalesInput!) { marketplaceSales(input: $i) {
  orders gmvCashFen gmvPointsValueFen gmvFen supplierSalesFen } }`;
const BY_BANK = `query($i: MarketplaceSalesInput!, $first: Int, $after: String) {
  marketplaceGmvByBank(input: $i, first: $first, after: $after) {
    edges { node { bankId bank { id name } orders gmvCashFen gmvPointsValueFen gmvFen } }
    pageInfo { hasNextPage endCursor } } }`;
const BY_SUPPLIER = `query($i: MarketplaceSalesInput!, $first: Int, $after: String) {
  marketplaceSalesBySupplier(input: $i, first: $first, after: $after) {
    edges { node { supplierId supplier { id name } orders units salesFen } }
    pageInfo { hasNextPage endCursor } } }`;
const HEALTH = '{ poolHealth { skusOnSale outOfStock cardPoolsRunningDry cardPoolsEmpty } }';

type Row = Record<string, unknown>;

/**
 * The platform's marketplace figures (orders `marketplaceSales`, `marketplaceGmvByBank`,
 * `marketplaceSalesBySupplier`; catalog `poolHealth`): exact against the report rows and the pool,
 * a sale moves them, pages by keyset, banks and suppliers are FORBIDDEN, bad ranges are
 * BAD_USER_INPUT, and the pool counts use their indexes (EXPLAIN).
 */
describe('marketplace dashboard API (platform)', () => {
  let sys: TestSystem;
  const today = new Date().toISOString().slice(0, 10);
  const range = { fromDay: today, toDay: today };

  before(async () => {
    // Pool health read fresh every time here (the default shares one read for 30 s).
    sys = await startTestSystem({ env: { PERKMALL_POOL_HEALTH_CACHE_MS: '0' } });
  });
  after(async () => {
    await sys?.stop();
  });

  const ok = async (who: Parameters<TestSystem['gql']>[0], query: string, vars: Record<string, unknown> = {}) => {
    const r = await sys.gql(who, query, vars);
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!;
  };

  /** Every page of a connection, `first` at a time. */
  async function all(query: string, field: string, first: number): Promise<Row[]> {
    const out: Row[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page = (await ok(platformStaff, query, { i: range, first, after: cursor }))[field] as {
        edges: { node: Row }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      out.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return out;
      cursor = page.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  it('a sale moves the totals, its bank and its supplier by exactly its amounts; pages add up to the totals', async () => {
    const m = await setUpMall(sys);
    await setStock(sys, m.physical.id, 10);
    const listing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(m.physical.id),
      priceMode: 'POINTS',
      pricePoints: 300,
    });
    const before = (await ok(platform, TOTALS, { i: range })).marketplaceSales as Row;
    const bankBefore = (await all(BY_BANK, 'marketplaceGmvByBank', 1)).find((b) => b.bankId === '1');
    const supplierBefore = (await all(BY_SUPPLIER, 'marketplaceSalesBySupplier', 1)).find(
      (s) => s.supplierId === String(m.physical.supplierId),
    );

    const order = (
      await ok(customer(1, 11), CHECKOUT, {
        input: {
          mallId: m.mallId,
          lines: [{ listingId: listing, quantity: 2 }],
          shippingAddress: ADDRESS,
          idempotencyKey: `mk-${randomUUID()}`,
        },
      })
    ).checkout.order;
    assert.equal(order.status, 'PAID');

    const now = (await ok(platform, TOTALS, { i: range })).marketplaceSales as Row;
    assert.equal(now.orders, (before.orders as number) + 1);
    const gmvMoved = (now.gmvFen as number) - (before.gmvFen as number);
    assert.ok(gmvMoved > 0, 'the sale counts in GMV');
    assert.equal(now.gmvFen, (now.gmvCashFen as number) + (now.gmvPointsValueFen as number));
    assert.equal(
      (now.supplierSalesFen as number) - (before.supplierSalesFen as number),
      2 * m.physical.supplierPriceFen,
    );

    // Paged one row at a time, then at 100: the same rows, no repeats, adding up to the totals.
    const banks = await all(BY_BANK, 'marketplaceGmvByBank', 1);
    assert.deepEqual(banks, await all(BY_BANK, 'marketplaceGmvByBank', 100));
    assert.equal(new Set(banks.map((b) => b.bankId)).size, banks.length);
    assert.equal(
      banks.reduce((n, b) => n + (b.gmvFen as number), 0),
      now.gmvFen,
    );
    const bank1 = banks.find((b) => b.bankId === '1')!;
    assert.equal((bank1.bank as Row).id, '1');
    assert.equal((bank1.gmvFen as number) - ((bankBefore?.gmvFen as number) ?? 0), gmvMoved);
    assert.equal((bank1.orders as number) - ((bankBefore?.orders as number) ?? 0), 1);

    const suppliers = await all(BY_SUPPLIER, 'marketplaceSalesBySupplier', 1);
    assert.deepEqual(suppliers, await all(BY_SUPPLIER, 'marketplaceSalesBySupplier', 100));
    assert.equal(
      suppliers.reduce((n, s) => n + (s.salesFen as number), 0),
      now.supplierSalesFen,
    );
    const mine = suppliers.find((s) => s.supplierId === String(m.physical.supplierId))!;
    assert.equal(typeof (mine.supplier as Row).name, 'string');
    assert.equal(
      (mine.salesFen as number) - ((supplierBefore?.salesFen as number) ?? 0),
      2 * m.physical.supplierPriceFen,
    );
    assert.equal((mine.units as number) - ((supplierBefore?.units as number) ?? 0), 2);
  });

  it('pool health equals the pool counted row by row, and a SKU sold out moves it', async () => {
    const catalog = (await sys.orm('catalog')).em.fork() as SqlEntityManager;
    const counted = async () => {
      const [r] = await catalog.execute<Row[]>(
        `SELECT
          (SELECT COUNT(*) FROM sku WHERE status = 'ACTIVE') AS onSale,
          (SELECT COUNT(*) FROM sku s LEFT JOIN stock st ON st.sku_id = s.id LEFT JOIN virtual_card_kind k ON k.id = s.virtual_card_kind_id
             WHERE s.status = 'ACTIVE' AND ((s.virtual_card_kind_id IS NULL AND st.available = 0) OR k.available_codes = 0)) AS outOfStock,
          (SELECT COUNT(*) FROM virtual_card_kind WHERE available_codes <= low_pool_threshold) AS dry,
          (SELECT COUNT(*) FROM virtual_card_kind WHERE available_codes = 0) AS empty`,
      );
      return {
        skusOnSale: Number(r!.onSale),
        outOfStock: Number(r!.outOfStock),
        cardPoolsRunningDry: Number(r!.dry),
        cardPoolsEmpty: Number(r!.empty),
      };
    };
    const health = (await ok(platform, HEALTH)).poolHealth as Row;
    assert.deepEqual(health, await counted());
    assert.ok((health.skusOnSale as number) > 0);

    const m = await setUpMall(sys);
    await setStock(sys, m.physical2.id, 0);
    const after = (await ok(platformStaff, HEALTH)).poolHealth as Row;
    assert.deepEqual(after, await counted());
    assert.ok((after.outOfStock as number) >= 1);

    // The plan: the on-sale count is the one scan of sku (documented; the answer is cached), the
    // out-of-stock goods start from the stock_available index (only the rows at 0).
    const plan = await catalog.execute<{ table: string; key: string | null; type: string; Extra: string }[]>(
      `EXPLAIN SELECT
         (SELECT COUNT(*) FROM sku WHERE status = 'ACTIVE') AS on_sale,
         (SELECT COUNT(*) FROM stock st STRAIGHT_JOIN sku s ON s.id = st.sku_id
            WHERE st.available = 0 AND s.status = 'ACTIVE' AND s.virtual_card_kind_id IS NULL) AS goods_out,
         (SELECT COUNT(*) FROM virtual_card_kind k STRAIGHT_JOIN sku s ON s.virtual_card_kind_id = k.id
            WHERE k.available_codes = 0 AND s.status = 'ACTIVE') AS cards_out`,
    );
    // The joined SKUs (alias s) are reached by key from the few rows at 0, never scanned.
    const joinedSkus = plan.filter((p) => p.table === 's');
    assert.ok(
      joinedSkus.length === 2 && joinedSkus.every((p) => p.type !== 'ALL' && p.key !== null),
      `out-of-stock SKUs by key: ${JSON.stringify(plan)}`,
    );
    assert.ok(
      plan.some((p) => p.table === 'st' && p.key === 'stock_available'),
      JSON.stringify(plan),
    );
  });

  it('renameCategory: the platform renames, keeping id and path; others are FORBIDDEN; bad input changes nothing', async () => {
    const RENAME = 'mutation($i: RenameCategoryInput!) { renameCategory(input: $i) { category { id name path } } }';
    const ONE = 'query($p: ID) { categories(parentId: $p) { id name path } }';
    const [top] = (await ok(platform, ONE, {})).categories as { id: string; name: string; path: string }[];
    const renamed = (await ok(platform, RENAME, { i: { categoryId: top!.id, name: '  数码家电  ' } })).renameCategory
      .category;
    assert.deepEqual(renamed, { id: top!.id, name: '数码家电', path: top!.path });
    for (const who of [bankAdmin(1), supplierAdmin(1), supplierStaff(2)]) {
      const r = await sys.gql(who, RENAME, { i: { categoryId: top!.id, name: '别家的品类' } });
      assert.equal(errorCode(r), 'FORBIDDEN', JSON.stringify(r.errors));
    }
    for (const name of ['', '   ', 'x'.repeat(121)]) {
      const r = await sys.gql(platform, RENAME, { i: { categoryId: top!.id, name } });
      assert.equal(errorCode(r), 'BAD_USER_INPUT', JSON.stringify(r.errors));
    }
    const missing = await sys.gql(platform, RENAME, { i: { categoryId: '999999', name: '不存在' } });
    assert.equal(errorCode(missing), 'NOT_FOUND');
    const now = ((await ok(platform, ONE, {})).categories as { id: string; name: string }[]).find(
      (c) => c.id === top!.id,
    );
    assert.equal(now?.name, '数码家电');
  });

  it('banks and suppliers are FORBIDDEN; bad ranges are BAD_USER_INPUT', async () => {
    for (const who of [bankAdmin(1), bankOperator(2), supplierAdmin(1), supplierStaff(2), customer(1, 11)]) {
      for (const [query, vars] of [
        [TOTALS, { i: range }],
        [BY_BANK, { i: range }],
        [BY_SUPPLIER, { i: range }],
        [HEALTH, {}],
      ] as const) {
        const r = await sys.gql(who, query, vars);
        assert.equal(errorCode(r), 'FORBIDDEN', `${who.role} ${query.slice(0, 40)}: ${JSON.stringify(r.errors)}`);
      }
    }
    for (const i of [
      { fromDay: today, toDay: '2020-01-01' },
      { fromDay: '2024-01-01', toDay: '2025-06-01' },
      { fromDay: '2026-02-30', toDay: today },
    ]) {
      for (const query of [TOTALS, BY_BANK, BY_SUPPLIER]) {
        const r = await sys.gql(platform, query, { i });
        assert.equal(errorCode(r), 'BAD_USER_INPUT', JSON.stringify(r.errors));
      }
    }
    const r = await sys.gql(platform, BY_BANK, { i: range, after: 'not-a-cursor' });
    assert.equal(errorCode(r), 'BAD_USER_INPUT');
  });
});
