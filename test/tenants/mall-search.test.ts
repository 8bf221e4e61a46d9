import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, customer, partnerApp } from '../principals';
import { Mall } from '../../subgraphs/tenants/entities/mall';
import { ANONYMOUS_SHOPPER } from '../../subgraphs/tenants/services/audience';
import {
  cursorOf,
  ListingSort,
  MallSearch,
  type ListingFilterValues,
} from '../../subgraphs/tenants/services/mall-search';
import { titleTerms } from '../../subgraphs/tenants/services/search-terms';
import { encodeCursor } from '../../core/pagination';

const SEARCH = `query($m: ID!, $f: ListingFilter, $s: ListingSort, $first: Int, $after: String) {
  mall(id: $m) {
    listings(filter: $f, sort: $s, first: $first, after: $after) {
      edges { node { id salesCount sku { id title } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;
const FACETS = `query($m: ID!, $f: ListingFilter, $u: PriceUnit) {
  mall(id: $m) {
    listingFacets(filter: $f, priceUnit: $u) {
      total
      exhaustive
      categories { categoryId count }
      brands { brandId count brand { id name } }
      priceBands { unit min max count }
    }
  }
}`;
const CREATE_LISTINGS = 'mutation($i: CreateListingsInput!) { createListings(input: $i) { listings { id } } }';
const RECORD_SALES = 'mutation($o: ID!, $l: [ListingUnitsInput!]!) { recordListingSales(orderId: $o, lines: $l) }';
const REFRESH = 'mutation($ids: [ID!]!) { refreshSkuAvailability(skuIds: $ids) }';

const ME = customer(1, 3);
const OTHER_BANK = customer(2, 23);

interface Fixture {
  title: string;
  category: number;
  brand: number;
  stock: number;
  price: { priceMode: string; pricePoints: number; priceFen: number };
}

/** Bank 1 counts 100 points to the CNY. Categories: 1 数码 › 2 耳机音箱, 3 手机配件; 7 生活 › 8 杯壶. */
const FIXTURES: Record<string, Fixture> = {
  sony: {
    title: '索尼 蓝牙耳机 WH1000',
    category: 2,
    brand: 1,
    stock: 10,
    price: { priceMode: 'CASH', pricePoints: 0, priceFen: 29_900 },
  },
  headset: {
    title: '头戴式耳机 Pro',
    category: 2,
    brand: 2,
    stock: 5,
    price: { priceMode: 'POINTS', pricePoints: 8_000, priceFen: 0 },
  },
  plain: {
    title: '耳机',
    category: 3,
    brand: 1,
    stock: 0,
    price: { priceMode: 'POINTS_PLUS_CASH', pricePoints: 1_000, priceFen: 500 },
  },
  earring: {
    title: '珍珠耳环',
    category: 8,
    brand: 2,
    stock: 3,
    price: { priceMode: 'POINTS', pricePoints: 5_000, priceFen: 0 },
  },
  apart: {
    title: '耳 机 收纳盒',
    category: 3,
    brand: 1,
    stock: 3,
    price: { priceMode: 'POINTS', pricePoints: 2_000, priceFen: 0 },
  },
  cup: {
    title: '保温杯',
    category: 8,
    brand: 3,
    stock: 3,
    price: { priceMode: 'POINTS', pricePoints: 3_000, priceFen: 0 },
  },
  second: {
    title: '蓝牙耳机 二代',
    category: 2,
    brand: 3,
    stock: 2,
    price: { priceMode: 'CASH', pricePoints: 0, priceFen: 9_900 },
  },
};
type Name = keyof typeof FIXTURES;

const categoryPath = (id: number) => ({ 2: '/1/2/', 3: '/1/3/', 8: '/7/8/' })[id as 2 | 3 | 8];

let sys: TestSystem;

describe('mall search', () => {
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  describe('for customers', () => {
    let mallId: string;
    const sku: Record<string, number> = {};
    const listing: Record<string, string> = {};
    const byListing = new Map<string, Name>();
    let otherBankListing: string;

    const gqlOk = async (who: Parameters<TestSystem['gql']>[0], q: string, v: Record<string, unknown>) => {
      const r = await sys.gql(who, q, v);
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return r.data!;
    };
    const names = (data: any): Name[] =>
      data.mall.listings.edges.map((e: any) => byListing.get(e.node.id) ?? `other:${e.node.id}`);
    const search = async (f: ListingFilterValues | Record<string, unknown>, s?: string, who = ME) =>
      names(await gqlOk(who, SEARCH, { m: mallId, f, s, first: 50 }));

    before(async () => {
      const tenants = (await sys.orm('tenants')).em.fork();
      const mall = tenants.create(Mall, { bank: 1, name: '搜索测试商城', createdAt: new Date() } as never);
      await tenants.flush();
      mallId = String((mall as Mall).id);
      // New SKUs in the catalog (cloned from a seeded physical SKU: its product and supplier), each with stock.
      const catalog = (await sys.orm('catalog')).em.fork() as SqlEntityManager;
      const [model] = await catalog.execute<{ product_id: number; supplier_id: number }[]>(
        "SELECT product_id, supplier_id FROM sku WHERE kind = 'PHYSICAL' AND status = 'ACTIVE' ORDER BY id LIMIT 1",
      );
      for (const [name, f] of Object.entries(FIXTURES)) {
        const now = new Date();
        const res = await catalog.execute(
          `INSERT INTO sku (product_id, supplier_id, code, brand_id, category_id, category_path, title, kind, specs, supplier_price_fen, list_price_fen, weight_grams, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'PHYSICAL', '{}', 100, 200, 0, 'ACTIVE', ?, ?)`,
          [
            model!.product_id,
            model!.supplier_id,
            `SEARCH-${name}`,
            f.brand,
            f.category,
            categoryPath(f.category),
            f.title,
            now,
            now,
          ],
          'run',
        );
        sku[name] = Number((res as unknown as { insertId: number }).insertId);
        await catalog.execute(
          'INSERT INTO stock (sku_id, available, reserved, low_stock_threshold, updated_at) VALUES (?, ?, 0, 5, ?)',
          [sku[name], f.stock, now],
          'run',
        );
      }
      // Listed the way a bank does it: the facts come from the catalog.
      const names = Object.keys(FIXTURES) as Name[];
      const created = await gqlOk(bankAdmin(1), CREATE_LISTINGS, {
        i: { mallId, listings: names.map((n) => ({ skuId: String(sku[n]), ...FIXTURES[n]!.price })) },
      });
      created.createListings.listings.forEach((l: { id: string }, i: number) => {
        listing[names[i]!] = l.id;
        byListing.set(l.id, names[i]!);
      });
      // The same SKU in bank 2's mall.
      const theirs = await gqlOk(bankAdmin(2), CREATE_LISTINGS, {
        i: { mallId: '2', listings: [{ skuId: String(sku.sony), ...FIXTURES.sony!.price }] },
      });
      otherBankListing = theirs.createListings.listings[0].id;
    });

    it('耳机 finds the titles that contain it — not 耳环, not 耳 and 机 apart — with counts by category, brand and price band', async () => {
      assert.deepEqual(new Set(await search({ text: '耳机' })), new Set(['sony', 'headset', 'plain', 'second']));
      // A longer phrase must appear as written; latin words match whole, in any case.
      assert.deepEqual(new Set(await search({ text: '蓝牙耳机' })), new Set(['sony', 'second']));
      assert.deepEqual(await search({ text: 'wh1000' }), ['sony']);
      assert.deepEqual(await search({ text: '耳环' }), ['earring']);
      assert.deepEqual(await search({ text: '耳机 pro' }), ['headset']);

      const facets = (await gqlOk(ME, FACETS, { m: mallId, f: { text: '耳机' } })).mall.listingFacets;
      assert.equal(facets.total, 4);
      assert.equal(facets.exhaustive, true, 'fewer than the cap: every listing counted');
      assert.deepEqual(facets.categories, [{ categoryId: '1', count: 4 }]);
      assert.deepEqual(
        facets.brands.map((b: any) => [b.brandId, b.count, b.brand.id]),
        [
          ['1', 2, '1'],
          ['2', 1, '2'],
          ['3', 1, '3'],
        ],
      );
      assert.ok(facets.brands.every((b: any) => typeof b.brand.name === 'string' && b.brand.name.length > 0));
      // 15 CNY (1,000 points + 5 CNY), 80 and 99 CNY, 299 CNY.
      assert.deepEqual(facets.priceBands, [
        { unit: 'FEN', min: 1_000, max: 5_000, count: 1 },
        { unit: 'FEN', min: 5_000, max: 10_000, count: 2 },
        { unit: 'FEN', min: 20_000, max: 50_000, count: 1 },
      ]);
      // Within 数码 the counts are by its children (each with its descendants); bands in points.
      const inDigital = (await gqlOk(ME, FACETS, { m: mallId, f: { text: '耳机', categoryId: '1' }, u: 'POINTS' })).mall
        .listingFacets;
      assert.deepEqual(inDigital.categories, [
        { categoryId: '2', count: 3 },
        { categoryId: '3', count: 1 },
      ]);
      assert.deepEqual(inDigital.priceBands[0], { unit: 'POINTS', min: 1_000, max: 5_000, count: 1 });
      // Every listing of the mall when nothing narrows it.
      const all = (await gqlOk(ME, FACETS, { m: mallId })).mall.listingFacets;
      assert.equal(all.total, 7);
      assert.deepEqual(all.categories, [
        { categoryId: '1', count: 5 },
        { categoryId: '7', count: 2 },
      ]);
    });

    it('counts at most the cap: total a lower bound, exhaustive false, counts over that many; exact up to the cap', async () => {
      const em = (await sys.orm('tenants')).em.fork() as SqlEntityManager;
      const mall = await em.findOneOrFail(Mall, Number(mallId));
      const search = new MallSearch(em);
      const facets = (cap: number, filter: ListingFilterValues = { text: '耳机' }) =>
        search.facets(mall, ANONYMOUS_SHOPPER, new Date(), filter, null, cap);
      const all = await facets(10_000);
      const sum = (xs: { count: number }[]) => xs.reduce((n, x) => n + x.count, 0);
      // 耳机 finds four (brands 1, 1, 2, 3); a cap of 3 counts three of them, whichever the database meets first.
      for (const filter of [{ text: '耳机' }, {}, { categoryId: '1' }, { brandIds: ['1', '2', '3'] }]) {
        const capped = await facets(3, filter);
        assert.equal(capped.exhaustive, false, JSON.stringify(filter));
        assert.equal(capped.total, 3);
        for (const f of [capped.categories, capped.brands, capped.priceBands]) assert.equal(sum(f), 3);
      }
      const capped = await facets(3);
      for (const b of capped.brands)
        assert.ok(b.count <= all.brands.find((a) => a.brandId === b.brandId)!.count, `brand ${b.brandId}`);
      // Exactly the cap, or under it: everything, exhaustive.
      for (const cap of [4, 10_000]) {
        const exact = await facets(cap);
        assert.equal(exact.exhaustive, true, `cap ${cap}`);
        assert.equal(exact.total, 4);
        assert.deepEqual(exact.brands, [
          { brandId: 1, count: 2 },
          { brandId: 2, count: 1 },
          { brandId: 3, count: 1 },
        ]);
        assert.deepEqual(exact.categories, [{ categoryId: 1, count: 4 }]);
      }
    });

    it('narrows by category with its descendants, brand, price band in points or in fen, and stock', async () => {
      assert.deepEqual(
        new Set(await search({ categoryId: '1' })),
        new Set(['sony', 'headset', 'plain', 'apart', 'second']),
      );
      assert.deepEqual(new Set(await search({ categoryId: '2' })), new Set(['sony', 'headset', 'second']));
      assert.deepEqual(new Set(await search({ categoryId: '8' })), new Set(['earring', 'cup']));
      assert.deepEqual(new Set(await search({ text: '耳机', brandIds: ['1'] })), new Set(['sony', 'plain']));
      // 1,000–10,000 points: 1,000 points + 5 CNY (1,500 points), 8,000 points, 99 CNY (9,900 points).
      assert.deepEqual(
        new Set(await search({ text: '耳机', priceBand: { unit: 'POINTS', min: 1_000, max: 10_000 } })),
        new Set(['plain', 'headset', 'second']),
      );
      assert.deepEqual(await search({ text: '耳机', priceBand: { unit: 'FEN', min: 10_000, max: 30_000 } }), ['sony']);
      assert.deepEqual(await search({ text: '耳机', priceBand: { unit: 'FEN', max: 1_500 } }), ['plain']);
      assert.deepEqual(
        new Set(await search({ text: '耳机', inStockOnly: true })),
        new Set(['sony', 'headset', 'second']),
      );
      const facets = (await gqlOk(ME, FACETS, { m: mallId, f: { text: '耳机', inStockOnly: true } })).mall
        .listingFacets;
      assert.equal(facets.total, 3);
    });

    it('sorts by price, newest and best-selling, in keyset pages that neither skip nor repeat', async () => {
      assert.deepEqual(await search({ text: '耳机' }, 'PRICE_ASC'), ['plain', 'headset', 'second', 'sony']);
      assert.deepEqual(await search({ text: '耳机' }, 'PRICE_DESC'), ['sony', 'second', 'headset', 'plain']);
      const ids = ['sony', 'headset', 'plain', 'second'].map((n) => Number(listing[n]));
      assert.deepEqual(
        await search({ text: '耳机' }, 'NEWEST'),
        [...ids].sort((a, b) => b - a).map((id) => byListing.get(String(id))),
      );
      // Paid orders count (once per order), a repeated announcement changes nothing.
      for (let i = 0; i < 2; i++) {
        const r = await sys.asService('tenants', RECORD_SALES, {
          o: '900001',
          l: [
            { listingId: listing.second, quantity: 5 },
            { listingId: listing.sony, quantity: 2 },
          ],
        });
        assert.equal(r.errors, undefined, JSON.stringify(r.errors));
        assert.equal(r.data!.recordListingSales, i === 0);
      }
      await sys.asService('tenants', RECORD_SALES, { o: '900002', l: [{ listingId: listing.sony, quantity: 1 }] });
      const best = await gqlOk(ME, SEARCH, { m: mallId, f: { text: '耳机' }, s: 'BEST_SELLING', first: 50 });
      assert.deepEqual(names(best).slice(0, 2), ['second', 'sony']);
      assert.deepEqual(
        best.mall.listings.edges.slice(0, 2).map((e: any) => e.node.salesCount),
        [5, 3],
      );
      // Only services may announce sales.
      assert.ok((await sys.gql(bankAdmin(1), RECORD_SALES, { o: '1', l: [] })).errors?.length);

      for (const sort of ['PRICE_ASC', 'NEWEST', 'BEST_SELLING', 'FEATURED']) {
        const whole = await search({ text: '耳机' }, sort);
        const walked: Name[] = [];
        let after: string | null = null;
        for (let page = 0; page < 10; page++) {
          const data = await gqlOk(ME, SEARCH, { m: mallId, f: { text: '耳机' }, s: sort, first: 1, after });
          walked.push(...names(data));
          if (!data.mall.listings.pageInfo.hasNextPage) break;
          after = data.mall.listings.pageInfo.endCursor;
        }
        assert.deepEqual(walked, whole, sort);
      }
    });

    it('follows the catalog: a changed title is searchable once the catalog announces it', async () => {
      assert.deepEqual(await search({ text: '耳机', categoryId: '3' }), ['plain']);
      const catalog = (await sys.orm('catalog')).em.fork() as SqlEntityManager;
      await catalog.execute("UPDATE sku SET title = '耳机 收纳盒' WHERE id = ?", [sku.apart], 'run');
      const r = await sys.asService('tenants', REFRESH, { ids: [String(sku.apart)] });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.deepEqual(new Set(await search({ text: '耳机', categoryId: '3' })), new Set(['plain', 'apart']));
      assert.deepEqual(await search({ text: '收纳盒' }), ['apart']);
    });

    it('shows customers of another bank nothing of this mall, and this bank’s customers nothing of another mall', async () => {
      for (const who of [OTHER_BANK, partnerApp(2), bankAdmin(2)]) {
        assert.equal(errorCode(await sys.gql(who, SEARCH, { m: mallId, f: { text: '耳机' } })), 'NOT_FOUND');
        assert.equal(errorCode(await sys.gql(who, FACETS, { m: mallId, f: { text: '耳机' } })), 'NOT_FOUND');
      }
      assert.equal(errorCode(await sys.gql(ME, SEARCH, { m: '2', f: { text: '耳机' } })), 'NOT_FOUND');
      // Bank 2's customers find bank 2's listing of the same SKU, and only that.
      const theirs = await gqlOk(OTHER_BANK, SEARCH, { m: '2', f: { text: 'wh1000' }, first: 50 });
      assert.deepEqual(
        theirs.mall.listings.edges.map((e: any) => e.node.id),
        [otherBankListing],
      );
      // Bank 1's other mall does not list these SKUs.
      const mine = await gqlOk(ME, SEARCH, { m: '1', f: { text: 'wh1000' }, first: 50 });
      assert.deepEqual(mine.mall.listings.edges, []);
      const facets = await gqlOk(ME, FACETS, { m: '1', f: { text: 'wh1000' } });
      assert.equal(facets.mall.listingFacets.total, 0);
    });

    it('refuses bad input: too long a text, nothing to search for, too many words, a bad price band or cursor', async () => {
      const bad: [string, Record<string, unknown>, string?][] = [
        ['a text over 50 characters', { text: '耳'.repeat(51) }],
        ['only punctuation', { text: '%%% ___' }],
        ['too many words', { text: 'a b c d e f g h i' }],
        ['min above max', { priceBand: { unit: 'FEN', min: 500, max: 100 } }],
        ['a negative bound', { priceBand: { unit: 'POINTS', min: -1 } }],
        ['no bound at all', { priceBand: { unit: 'POINTS' } }],
        ['too many brands', { brandIds: Array.from({ length: 51 }, (_, i) => String(i + 1)) }],
      ];
      for (const [what, f] of bad) {
        const r = await sys.gql(ME, SEARCH, { m: mallId, f });
        assert.equal(errorCode(r), 'BAD_USER_INPUT', `${what}: ${JSON.stringify(r.errors)}`);
        const facets = await sys.gql(ME, FACETS, { m: mallId, f });
        assert.equal(errorCode(facets), 'BAD_USER_INPUT', `${what} (facets)`);
      }
      const unknownUnit = await sys.gql(ME, SEARCH, { m: mallId, f: { priceBand: { unit: 'CNY', min: 1 } } });
      assert.ok(unknownUnit.errors?.length);
      // A cursor of another sort.
      const page = await gqlOk(ME, SEARCH, { m: mallId, f: { text: '耳机' }, s: 'PRICE_ASC', first: 1 });
      const r = await sys.gql(ME, SEARCH, {
        m: mallId,
        f: { text: '耳机' },
        s: 'NEWEST',
        first: 1,
        after: page.mall.listings.pageInfo.endCursor,
      });
      assert.equal(errorCode(r), 'BAD_USER_INPUT');
    });

    it('costs the same SQL statements for a page of 2 and of 4 with facets; no call to the catalog per row', async () => {
      const query = `query($m: ID!, $first: Int) { mall(id: $m) {
      listings(filter: { text: "耳机", inStockOnly: false }, sort: PRICE_ASC, first: $first) { edges { node { id } } }
      listingFacets(filter: { text: "耳机" }) { total brands { brandId count } }
    } }`;
      const counts: Record<number, { tenants: number; catalog: number }> = {};
      for (const first of [2, 4]) {
        const requestId = randomUUID();
        const r = await sys.gql(ME, query, { m: mallId, first }, { requestId });
        assert.equal(r.errors, undefined, JSON.stringify(r.errors));
        assert.equal(r.data!.mall.listings.edges.length, first);
        counts[first] = {
          tenants: await sys.statements('tenants', requestId),
          catalog: await sys.statements('catalog', requestId),
        };
      }
      assert.deepEqual(counts[2], counts[4]);
      assert.equal(counts[4]!.catalog, 0, 'the search reads only tenants');
      // The mall, the customer's tier and segments, the word's rarity, the page, the bank's points rate, the facets.
      assert.ok(counts[4]!.tenants <= 7, `tenants ran ${counts[4]!.tenants}`);
    });
  });

  /**
   * Deep pages: a mall of 20,000 listings (written straight into tenants' tables, as the catalog's
   * copy would leave them), a tenth of them 耳机. Rows read (ANALYZE) are what load does not move;
   * times are reported.
   */
  describe('deep pages', () => {
    let em: SqlEntityManager;
    let mall: Mall;
    const N = 20_000;
    const WORDS = ['保温杯', '耳机', '电饭煲', '充电宝', '牙刷', '会员', '咖啡券', '打车券', '空气炸锅', '剃须刀'];

    before(async () => {
      em = (await sys.orm('tenants')).em.fork() as SqlEntityManager;
      const m = em.create(Mall, { bank: 1, name: '深页商城', createdAt: new Date() } as never);
      await em.flush();
      mall = m as Mall;
      let seed = 7;
      const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
      const start = Date.UTC(2025, 0, 1);
      const listings: unknown[][] = [];
      const terms: unknown[][] = [];
      for (let n = 0; n < N; n++) {
        const skuId = 50_000_000 + n;
        const title = `${WORDS[n % WORDS.length]} 规格${n % 97} 批次${n}`;
        const points = 100 + Math.floor(rand() * 200_000);
        const at = new Date(start + Math.floor(rand() * 300 * 86_400_000));
        const cat = 1 + (n % 13);
        listings.push([
          mall.id,
          1,
          skuId,
          'POINTS',
          points,
          0,
          0,
          'ACTIVE',
          0,
          0,
          1,
          title,
          1 + (n % 300),
          `/${cat}/`,
          n % 11 !== 0,
          Math.floor(rand() * 500),
          points * 100,
          at,
          at,
        ]);
        for (const term of titleTerms(title)) terms.push([term, skuId]);
      }
      const insert = async (sql: string, rows: unknown[][]) => {
        for (let i = 0; i < rows.length; i += 2000) {
          const chunk = rows.slice(i, i + 2000);
          await em.execute(
            `${sql} VALUES ${chunk.map((r) => `(${r.map(() => '?').join(', ')})`).join(', ')}`,
            chunk.flat() as never[],
            'run',
          );
        }
      };
      await insert(
        'INSERT INTO listing (mall_id, bank_id, sku_id, price_mode, price_points, price_fen, featured_rank, status, tier_restricted, segment_restricted, sku_on_sale, sku_title, brand_id, category_path, in_stock, sales_count, price_value, created_at, updated_at)',
        listings,
      );
      await insert('INSERT IGNORE INTO sku_search_term (term, sku_id)', terms);
      await em.execute('ANALYZE TABLE listing, sku_search_term');
    });

    /** Rows every table of the statement read (ANALYZE FORMAT=JSON: r_rows × r_loops). */
    async function rowsRead(sql: string): Promise<number> {
      const [row] = await em.execute<Record<string, string>[]>(`ANALYZE FORMAT=JSON ${sql}`);
      let read = 0;
      const walk = (n: unknown): void => {
        if (!n || typeof n !== 'object') return;
        const t = n as { table_name?: string; r_loops?: number; r_rows?: number };
        if (t.table_name) read += Math.round((t.r_loops ?? 1) * (t.r_rows ?? 0));
        for (const v of Object.values(n)) walk(v);
      };
      walk(JSON.parse(Object.values(row!)[0]!));
      return read;
    }

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

    const cases: [string, ListingFilterValues, ListingSort][] = [
      ['text 耳机 (a tenth of the mall, a rare word), price ascending', { text: '耳机' }, ListingSort.PRICE_ASC],
      ['text 规格 (every title), price ascending', { text: '规格' }, ListingSort.PRICE_ASC],
      ['text 耳机, in stock, best-selling', { text: '耳机', inStockOnly: true }, ListingSort.BEST_SELLING],
      ['everything, newest', {}, ListingSort.NEWEST],
      ['category, price descending', { categoryId: '5' }, ListingSort.PRICE_DESC],
      // Every listing has rank 0 and 500 sales figures share 20,000 listings: the cursor sits deep in a run of equal values.
      ['everything, featured (all of equal rank)', {}, ListingSort.FEATURED],
      ['everything, best-selling (many equal sales counts)', {}, ListingSort.BEST_SELLING],
    ];
    for (const [label, filter, sort] of cases) {
      it(`${label}: a deep page reads at most 1.3× the rows of page 1`, async (t) => {
        const search = new MallSearch(em);
        const now = new Date();
        const PAGE = 20;
        // The cursor of the deep page: the last row before it, from one plain ORDER BY … LIMIT.
        const all = (await search.pageQuery(mall, ANONYMOUS_SHOPPER, now, filter, sort, 100_000))!.qb;
        const rows = await all.getResultList();
        const deep = Math.min(90, Math.floor(rows.length / PAGE));
        assert.ok(deep >= 50, `${label}: only ${rows.length} rows`);
        const after = encodeCursor(cursorOf(rows[(deep - 1) * PAGE - 1]!, sort));
        const sqlOf = async (cursor: string | null) =>
          (await search.pageQuery(mall, ANONYMOUS_SHOPPER, now, filter, sort, PAGE, cursor))!.qb.getFormattedQuery();
        const [first, deepSql] = [await sqlOf(null), await sqlOf(after)];
        // The deep page is the right page: it continues where the full list says.
        const deepPage = await search.page(mall, ANONYMOUS_SHOPPER, now, filter, sort, PAGE, after);
        assert.deepEqual(
          deepPage.edges.map((e) => e.node.id),
          rows.slice((deep - 1) * PAGE, deep * PAGE).map((r) => r.id),
        );
        if (process.env.SEARCH_EXPLAIN)
          for (const q of [first, deepSql]) t.diagnostic(JSON.stringify(await em.execute(`EXPLAIN ${q}`)) + ' ' + q);
        const read1 = await rowsRead(first);
        const readDeep = await rowsRead(deepSql);
        const times: [number[], number[]] = [[], []];
        for (let i = 0; i < 7; i++)
          for (const [k, sql] of [first, deepSql].entries()) {
            const t0 = process.hrtime.bigint();
            await em.execute(sql);
            times[k]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
          }
        t.diagnostic(
          `${label}: page 1 read ${read1} rows in ${median(times[0]).toFixed(2)} ms; page ${deep} read ${readDeep} rows in ${median(times[1]).toFixed(2)} ms`,
        );
        assert.ok(readDeep <= 1.3 * read1, `${label}: page ${deep} read ${readDeep} rows, page 1 ${read1}`);
      });
    }
  });
});
