/**
 * createListings: a bank imports hand-picked pool SKUs into its mall, each on its own terms (the
 * demo seed lists its malls this way); all or none; another bank's mall is NOT_FOUND.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { Listing, ListingTier } from '../../subgraphs/tenants/entities/listing';
import { bankAdmin, bankOperator } from '../principals';

const CREATE = `mutation($i: CreateListingsInput!) { createListings(input: $i) {
  listings { id priceMode pricePoints priceFen featuredRank } warnings { skuId } } }`;

describe('createListings', () => {
  let sys: TestSystem;
  /** Active pool SKUs mall 1 does not list yet (the demo lists about two thirds). */
  let unlisted: number[];

  before(async () => {
    sys = await startTestSystem();
    const listed = new Set(
      (await (await sys.orm('tenants')).em.fork().find(Listing, { mall: 1 }, { fields: ['skuId'] })).map(
        (l) => l.skuId,
      ),
    );
    unlisted = Array.from({ length: 164 }, (_, i) => i + 1).filter((id) => !listed.has(id));
    assert.ok(unlisted.length >= 4, 'the demo leaves SKUs to list');
  });
  after(async () => {
    await sys?.stop();
  });

  it('lists each SKU on its own terms, in the order given, with tier restrictions', async () => {
    const [a, b] = unlisted;
    const res = await sys.gql(bankAdmin(1), CREATE, {
      i: {
        mallId: '1',
        listings: [
          { skuId: String(a), priceMode: 'POINTS', pricePoints: 900_000, featuredRank: 3, visibleTierIds: ['3', '4'] },
          { skuId: String(b), priceMode: 'POINTS_PLUS_CASH', pricePoints: 400_000, priceFen: 40_000 },
        ],
      },
    });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const [first, second] = res.data!.createListings.listings;
    assert.deepEqual(
      [first, second].map((l: any) => [l.priceMode, l.pricePoints, l.priceFen, l.featuredRank]),
      [
        ['POINTS', 900_000, 0, 3],
        ['POINTS_PLUS_CASH', 400_000, 40_000, 0],
      ],
    );
    assert.ok(Number(second.id) > Number(first.id), 'created in the order given');
    const em = (await sys.orm('tenants')).em.fork();
    assert.deepEqual(
      (await em.find(ListingTier, { listingId: Number(first.id) }, { orderBy: { tierId: 'ASC' } })).map(
        (t) => t.tierId,
      ),
      [3, 4],
    );
    assert.equal((await em.findOneOrFail(Listing, Number(first.id))).tierRestricted, true);
    assert.equal(await em.count(ListingTier, { listingId: Number(second.id) }), 0);
  });

  it('creates none when one row is refused (an SKU already listed)', async () => {
    const [, , c, d] = unlisted;
    const before = await (await sys.orm('tenants')).em.fork().count(Listing, { mall: 1 });
    const res = await sys.gql(bankAdmin(1), CREATE, {
      i: {
        mallId: '1',
        listings: [
          { skuId: String(c), pricePoints: 500_000 },
          { skuId: String(unlisted[0]), pricePoints: 500_000 }, // listed by the test above
          { skuId: String(d), pricePoints: 500_000 },
        ],
      },
    });
    assert.equal(errorCode(res), 'BAD_USER_INPUT', JSON.stringify(res));
    assert.match(res.errors![0]!.message, /already listed/);
    assert.equal(await (await sys.orm('tenants')).em.fork().count(Listing, { mall: 1 }), before);
  });

  it("refuses another bank's mall as NOT_FOUND and more rows than a call takes", async () => {
    const [, , c] = unlisted;
    const foreign = await sys.gql(bankOperator(2), CREATE, {
      i: { mallId: '1', listings: [{ skuId: String(c), pricePoints: 500_000 }] },
    });
    assert.equal(errorCode(foreign), 'NOT_FOUND', JSON.stringify(foreign));
    assert.equal(await (await sys.orm('tenants')).em.fork().count(Listing, { mall: 1, skuId: c }), 0);
    const tooMany = await sys.gql(bankAdmin(1), CREATE, {
      i: { mallId: '1', listings: Array.from({ length: 501 }, (_, i) => ({ skuId: String(i + 1), pricePoints: 1 })) },
    });
    assert.equal(errorCode(tooMany), 'BAD_USER_INPUT', JSON.stringify(tooMany));
    assert.match(tooMany.errors![0]!.message, /1 to 500 listings/);
  });
});
