/**
 * Bulk curation of thousands of pool SKUs (paged from the catalog), idempotent on retry; price
 * warnings below supplier cost; the bank's cap on the points share of points + cash prices.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { Brand } from '../../subgraphs/catalog/entities/brand';
import { Product } from '../../subgraphs/catalog/entities/product';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { Listing, PriceMode } from '../../subgraphs/tenants/entities/listing';
import { Mall } from '../../subgraphs/tenants/entities/mall';
import { pointsShareWithinCap } from '../../subgraphs/tenants/services/pricing';

const admin1 = { role: 'BANK_ADMIN' as const, sub: 'admin-1', bankId: '1' };
const op2 = { role: 'BANK_OPERATOR' as const, sub: 'op-2', bankId: '2' };
const BULK_BRAND = 100;
const BULK_SKUS = 6000;
const FIRST_SKU = 100_001;
const bank2 = { pointsPerYuan: 200, maxPointsShareBp: 7000 };

const CURATE = `mutation($i: CurateListingsInput!) { curateListings(input: $i) {
  mallId matched created alreadyPresent belowCostCount replayed warnings { skuId supplierPriceFen message } } }`;

describe('bulk curation', () => {
  let sys: TestSystem;
  let spareMall: number;

  before(async () => {
    sys = await startTestSystem();
    // 6,000 extra pool SKUs of one brand, supplier prices 1,000…6,999 fen, one INACTIVE in every 100.
    const em = (await sys.orm('catalog')).em.fork();
    await em.insertMany(Brand, [{ id: BULK_BRAND, name: '批量测试品牌', createdAt: new Date() }]);
    await em.insertMany(Product, [
      {
        id: 10_001,
        supplier: 1,
        code: 'BULK-P1',
        brand: BULK_BRAND,
        category: 3,
        title: '批量测试商品',
        description: '',
        images: [],
        attributes: {},
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    ]);
    const skus = Array.from({ length: BULK_SKUS + 60 }, (_, i) => ({
      id: FIRST_SKU + i,
      product: 10_001,
      supplierId: 1,
      code: `BULK-${FIRST_SKU + i}`,
      updatedAt: new Date(),
      brandId: BULK_BRAND,
      categoryId: 3,
      categoryPath: '/1/3/',
      title: `批量测试商品 ${i}`,
      kind: SkuKind.PHYSICAL,
      specs: {},
      barcode: null,
      supplierPriceFen: 1000 + (i % BULK_SKUS),
      listPriceFen: 2000 + i,
      weightGrams: 100,
      status: i % 100 === 99 ? SkuStatus.INACTIVE : SkuStatus.ACTIVE,
      createdAt: new Date(),
    }));
    for (let i = 0; i < skus.length; i += 2000) await em.insertMany(Sku, skus.slice(i, i + 2000));
    const tenants = (await sys.orm('tenants')).em.fork();
    const mall = tenants.create(Mall, { bank: 1, name: '并发测试商城', createdAt: new Date() });
    await tenants.flush();
    spareMall = mall.id;
  });
  after(async () => {
    await sys?.stop();
  });

  it('adds thousands of matching SKUs in one operation, and a retry creates nothing twice', async () => {
    const input = {
      mallId: '1',
      filter: { brandIds: [String(BULK_BRAND)] },
      pricing: { mode: 'POINTS', markupBp: 11500 },
    };
    const started = Date.now();
    const first = await sys.gql(admin1, CURATE, { i: input });
    const tookMs = Date.now() - started;
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    const activeMatches = BULK_SKUS + 60 - 60; // one in every 100 is INACTIVE
    assert.deepEqual(
      { ...first.data!.curateListings, warnings: first.data!.curateListings.warnings.length },
      {
        mallId: '1',
        matched: activeMatches,
        created: activeMatches,
        alreadyPresent: 0,
        belowCostCount: 0,
        replayed: false,
        warnings: 0,
      },
    );
    assert.ok(tookMs < 60_000, `bulk curation took ${tookMs} ms`);

    const em = (await sys.orm('tenants')).em.fork();
    const listed = await em.find(Listing, { mall: 1, skuId: { $gte: FIRST_SKU } });
    assert.equal(listed.length, activeMatches);
    assert.equal(new Set(listed.map((l) => l.skuId)).size, activeMatches);
    const sample = listed.find((l) => l.skuId === FIRST_SKU + 1)!; // supplier price 1,001 fen → ceil(1,151.15) = 1,152 points
    assert.deepEqual(
      [sample.priceMode, sample.pricePoints, sample.priceFen, sample.bankId],
      [PriceMode.POINTS, 1152, 0, 1],
    );
    assert.equal(
      listed.some((l) => (l.skuId - FIRST_SKU) % 100 === 99),
      false,
      'INACTIVE SKUs are never curated',
    );

    const retry = await sys.gql(admin1, CURATE, { i: input });
    assert.equal(retry.errors, undefined, JSON.stringify(retry.errors));
    assert.deepEqual(
      [retry.data!.curateListings.created, retry.data!.curateListings.alreadyPresent],
      [0, activeMatches],
    );
    assert.equal(await em.fork().count(Listing, { mall: 1, skuId: { $gte: FIRST_SKU } }), activeMatches);
  });

  it('replays an idempotency key, refuses it for a different request, and survives a concurrent duplicate', async () => {
    const input = {
      mallId: String(spareMall),
      filter: { brandIds: [String(BULK_BRAND)], maxSupplierPriceFen: 2999 },
      pricing: { mode: 'CASH', markupBp: 12000 },
      idempotencyKey: 'bulk-2026-11-24',
    };
    const [a, b] = await Promise.all([sys.gql(admin1, CURATE, { i: input }), sys.gql(admin1, CURATE, { i: input })]);
    for (const r of [a, b]) assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const results = [a, b].map((r) => r.data!.curateListings);
    const expected = 2060 - 20; // supplier prices 1,000…2,999 (i = 0…1999 and 6000…6059), minus the INACTIVE ones
    assert.deepEqual(
      results.map((r) => r.created),
      [expected, expected],
    );
    assert.deepEqual(results.map((r) => r.replayed).sort(), [false, true]);
    const em = (await sys.orm('tenants')).em.fork();
    assert.equal(await em.count(Listing, { mall: spareMall }), expected);

    const again = await sys.gql(admin1, CURATE, { i: input });
    assert.deepEqual([again.data!.curateListings.replayed, again.data!.curateListings.created], [true, expected]);
    const reused = await sys.gql(admin1, CURATE, { i: { ...input, pricing: { mode: 'CASH', markupBp: 13000 } } });
    assert.equal(errorCode(reused), 'CONFLICT');
    assert.equal(await em.fork().count(Listing, { mall: spareMall }), expected);
  });

  it('warns about prices below the supplier price and keeps points + cash within the bank cap', async () => {
    // Bank 2 lets points cover at most 70 % (200 points = 1 CNY); the rule asks for 90 % at 0.9 × cost.
    const res = await sys.gql(op2, CURATE, {
      i: {
        mallId: '2',
        filter: { brandIds: [String(BULK_BRAND)], minSupplierPriceFen: 1000, maxSupplierPriceFen: 1499 },
        pricing: { mode: 'POINTS_PLUS_CASH', markupBp: 9000, pointsShareBp: 9000 },
      },
    });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const out = res.data!.curateListings;
    assert.deepEqual([out.matched, out.created, out.belowCostCount, out.warnings.length], [555, 555, 555, 100]);
    assert.match(out.warnings[0].message, /below the supplier price of 1000 fen/);
    const em = (await sys.orm('tenants')).em.fork();
    const listed = await em.find(Listing, { mall: 2, skuId: { $gte: FIRST_SKU } });
    assert.equal(listed.length, 555);
    for (const l of listed) {
      assert.equal(l.priceMode, PriceMode.POINTS_PLUS_CASH);
      assert.ok(
        pointsShareWithinCap({ priceMode: l.priceMode, points: l.pricePoints, fen: l.priceFen }, bank2),
        `listing ${l.id}: ${l.pricePoints} + ${l.priceFen}`,
      );
      // 70 % of the 0.9 × cost total goes to points: within one fen of the cap, never above it.
      const cost = ((l.skuId - FIRST_SKU) % BULK_SKUS) + 1000;
      const total = Math.ceil((cost * 9000) / 10000);
      assert.equal(l.pricePoints, Math.floor((total * 7000) / 10000) * 2);
      assert.equal(l.priceFen + Math.floor((total * 7000) / 10000), total);
    }
  });

  it("rejects single listings and campaign prices that break the bank's points-share cap", async () => {
    const sku = FIRST_SKU + 4000; // supplier price 5,000 fen
    const create = (pricePoints: number, priceFen: number) =>
      sys.gql(
        op2,
        'mutation($i: CreateListingInput!) { createListing(input: $i) { listing { id effectivePrice { points fen } } warnings { skuId supplierPriceFen } } }',
        {
          i: { mallId: '2', skuId: String(sku), priceMode: 'POINTS_PLUS_CASH', pricePoints, priceFen },
        },
      );
    const tooMuch = await create(1402, 300); // 701 fen of 1,001 fen in points: above 70 %
    assert.equal(errorCode(tooMuch), 'BAD_USER_INPUT');
    assert.match((tooMuch.errors![0]!.extensions!.problems as { message: string }[])[0]!.message, /at most 70%/);
    const atCap = await create(1400, 300); // exactly 70 %, far below the 5,000 fen cost
    assert.equal(atCap.errors, undefined, JSON.stringify(atCap.errors));
    assert.deepEqual(atCap.data!.createListing.warnings, [{ skuId: String(sku), supplierPriceFen: 5000 }]);
    const listingId = atCap.data!.createListing.listing.id;

    const camp = await sys.gql(
      op2,
      'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }',
      {
        i: {
          mallId: '2',
          template: 'DOUBLE_TWELVE',
          listingIds: [listingId],
          prices: [{ listingId, pricePoints: 2000, priceFen: 100 }],
        },
      },
    );
    assert.equal(errorCode(camp), 'BAD_USER_INPUT');
    const fixed = await sys.gql(
      op2,
      'mutation($i: UpdateListingInput!) { updateListing(input: $i) { listing { pricePoints priceFen } warnings { skuId } } }',
      {
        i: { listingId, pricePoints: 7000, priceFen: 1500 }, // 3,500 of 5,000 fen in points: 70 %, not below cost
      },
    );
    assert.equal(fixed.errors, undefined, JSON.stringify(fixed.errors));
    assert.deepEqual(fixed.data!.updateListing, { listing: { pricePoints: 7000, priceFen: 1500 }, warnings: [] });
  });

  it('refuses a filter matching more than 10,000 SKUs and writes nothing', async () => {
    const catalog = (await sys.orm('catalog')).em.fork();
    await catalog.insertMany(Brand, [{ id: BULK_BRAND + 1, name: '超大批量品牌', createdAt: new Date() }]);
    await catalog.insertMany(Product, [
      {
        id: 10_002,
        supplier: 1,
        code: 'BULK-P2',
        brand: BULK_BRAND + 1,
        category: 3,
        title: '超大批量商品',
        description: '',
        images: [],
        attributes: {},
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    ]);
    const skus = Array.from({ length: 10_001 }, (_, i) => ({
      id: 200_001 + i,
      product: 10_002,
      supplierId: 1,
      code: `BULK-${200_001 + i}`,
      updatedAt: new Date(),
      brandId: BULK_BRAND + 1,
      categoryId: 3,
      categoryPath: '/1/3/',
      title: `超大批量商品 ${i}`,
      kind: SkuKind.PHYSICAL,
      specs: {},
      barcode: null,
      supplierPriceFen: 500,
      listPriceFen: 900,
      weightGrams: 100,
      status: SkuStatus.ACTIVE,
      createdAt: new Date(),
    }));
    for (let i = 0; i < skus.length; i += 2500) await catalog.insertMany(Sku, skus.slice(i, i + 2500));
    const res = await sys.gql(admin1, CURATE, {
      i: { mallId: '1', filter: { brandIds: [String(BULK_BRAND + 1)] }, pricing: { mode: 'POINTS', markupBp: 11000 } },
    });
    assert.equal(errorCode(res), 'BAD_USER_INPUT');
    assert.match(res.errors![0]!.message, /more than 10000 SKUs; narrow it/);
    assert.equal(await (await sys.orm('tenants')).em.fork().count(Listing, { skuId: { $gte: 200_001 } }), 0);
  });

  it('validates the request by field and refuses a SKU that is already listed or not in the pool', async () => {
    const bad = await sys.gql(admin1, CURATE, {
      i: { mallId: '1', filter: {}, pricing: { mode: 'POINTS', markupBp: 0, pointsShareBp: 5000 }, featuredRank: -1 },
    });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.deepEqual((bad.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field).sort(), [
      'featuredRank',
      'pricing.markupBp',
      'pricing.pointsShareBp',
    ]);
    const dup = await sys.gql(
      admin1,
      'mutation($i: CreateListingInput!) { createListing(input: $i) { listing { id } } }',
      { i: { mallId: '1', skuId: String(FIRST_SKU), priceMode: 'POINTS', pricePoints: 10 } },
    );
    assert.equal(errorCode(dup), 'BAD_USER_INPUT');
    const inactive = await sys.gql(
      admin1,
      'mutation($i: CreateListingInput!) { createListing(input: $i) { listing { id } } }',
      { i: { mallId: '1', skuId: String(FIRST_SKU + 99), priceMode: 'POINTS', pricePoints: 10 } },
    );
    assert.equal(errorCode(inactive), 'NOT_FOUND');
  });
});
