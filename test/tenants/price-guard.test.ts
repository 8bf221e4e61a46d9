import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, ok, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, bankOperator, customer, supplierAdmin } from '../principals';
import { Mall } from '../../subgraphs/tenants/entities/mall';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { IDENTITY_HEADER } from '../../core/identity';
import { startWebhookReceiver, verifyPerkmallSignature, type ReceivedWebhook } from '../support/webhook-receiver';

const UPDATE_BANK = `mutation($input: UpdateBankInput!) { updateBank(input: $input) { bank { id priceGuardAction priceGuardMinMarginBp } } }`;
const BANK = '{ bank { id pointsPerYuan priceGuardAction priceGuardMinMarginBp } }';
const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret webhookEndpoint { id } } }`;
const CREATE_LISTING = `mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id } warnings { message } } }`;
const UPDATE_LISTING = `mutation($input: UpdateListingInput!) { updateListing(input: $input) { listing { id status priceFen priceGuard { state } } } }`;
const UPDATE_SKU = `mutation($input: UpdateSkuInput!) { updateSku(input: $input) { sku { id supplierPriceFen } } }`;
const LISTING = `query($id: ID!) { listing(id: $id) { id status priceFen priceGuard { state supplierPriceFen at } } }`;
const GUARDED = `query($mallId: ID!) { mall(id: $mallId) { listings(first: 100, filter: { priceGuarded: true }) { edges { node { id status priceGuard { state } } } } } }`;
const GUARD = 'mutation($skuIds: [ID!]!, $key: String!) { guardListingPrices(skuIds: $skuIds, priceChangeKey: $key) }';
const PRICE_TOPIC = 'catalog.sku-supplier-price-changed';

const ENV = { PERKMALL_WEBHOOK_INTERVAL_MS: '200', PERKMALL_WEBHOOK_BACKOFF_BASE_MS: '400' };

/**
 * Issue 22, price guard: a supplier's price change reaches tenants through the catalog's outbox;
 * listings that now sell below their bank's rule are paused or flagged per the bank's setting, and
 * the bank gets one signed LISTING_PRICE_GUARD webhook per listing per change.
 */
describe('price guard', () => {
  let sys: TestSystem;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let secret1: string;
  let secret2: string;
  const endpoints: string[] = [];
  let mall1: string;
  let mall2: string;
  let supplierId: number;
  let a: Sku, b: Sku, c: Sku;
  /** Bank 1 (PAUSE, no margin) and bank 2 (FLAG, 10 % margin) list SKU a; bank 1 also b and c. */
  let l1a: string, l2a: string, l1b: string, l1c: string;

  const listing = async (as: ReturnType<typeof bankAdmin>, id: string) =>
    ok(await sys.gql(as, LISTING, { id }), 'listing');
  const guardHits = (path: string, listingId: string): ReceivedWebhook[] =>
    receiver.on(path).filter((r) => r.body.type === 'LISTING_PRICE_GUARD' && r.body.data.listingId === listingId);
  const raiseSupplierPrice = async (sku: Sku, supplierPriceFen: number) => {
    const r = await sys.gql(supplierAdmin(supplierId), UPDATE_SKU, {
      input: { skuId: String(sku.id), supplierPriceFen, listPriceFen: Math.max(sku.listPriceFen, supplierPriceFen) },
    });
    assert.equal(ok(r, 'updateSku').sku.supplierPriceFen, supplierPriceFen);
  };
  const query = async (name: 'catalog' | 'tenants', sql: string, params: unknown[] = []): Promise<any[]> =>
    (await sys.orm(name)).em.getConnection().execute(sql, params);
  /** Waits until every price change is handed to tenants and every bank notification of ours is sent. */
  const settle = async () => {
    const until = Date.now() + 20_000;
    for (;;) {
      const [p] = await query(
        'catalog',
        'SELECT COUNT(*) AS n FROM outbox_message WHERE topic = ? AND delivered_at IS NULL',
        [PRICE_TOPIC],
      );
      const [n] = await query(
        'tenants',
        'SELECT COUNT(*) AS n FROM outbox_message WHERE topic = ? AND delivered_at IS NULL',
        ['bank.notification'],
      );
      const [d] = await query(
        'tenants',
        `SELECT COUNT(*) AS n FROM webhook_delivery WHERE status = 'PENDING' AND endpoint_id IN (${endpoints.map(() => '?').join(',')})`,
        endpoints,
      );
      if (Number(p.n) + Number(n.n) + Number(d.n) === 0) return;
      if (Date.now() > until) throw new Error('price changes did not settle within 20 s');
      await new Promise((r) => setTimeout(r, 150));
    }
  };

  before(async () => {
    receiver = await startWebhookReceiver();
    sys = await startTestSystem({ env: ENV });
    const tenants = (await sys.orm('tenants')).em.fork();
    const m1 = tenants.create(Mall, { bank: 1, name: '价格保护一', createdAt: new Date() } as never);
    const m2 = tenants.create(Mall, { bank: 2, name: '价格保护二', createdAt: new Date() } as never);
    await tenants.flush();
    mall1 = String((m1 as Mall).id);
    mall2 = String((m2 as Mall).id);
    const catalog = (await sys.orm('catalog')).em.fork();
    const first = await catalog.findOneOrFail(
      Sku,
      { kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE, supplierPriceFen: { $gte: 2000 } },
      { orderBy: { id: 'ASC' } },
    );
    supplierId = first.supplierId;
    [a, b, c] = await catalog.find(
      Sku,
      { supplierId, kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE, supplierPriceFen: { $gte: 2000 } },
      { orderBy: { id: 'ASC' }, limit: 3 },
    );
    assert.ok(c, 'three SKUs of one supplier');

    ok(
      await sys.gql(bankAdmin(1), UPDATE_BANK, { input: { priceGuardAction: 'PAUSE', priceGuardMinMarginBp: 0 } }),
      'updateBank',
    );
    const s2 = ok(
      await sys.gql(bankAdmin(2), UPDATE_BANK, { input: { priceGuardAction: 'FLAG', priceGuardMinMarginBp: 1000 } }),
      'updateBank',
    );
    assert.deepEqual(s2.bank, { id: '2', priceGuardAction: 'FLAG', priceGuardMinMarginBp: 1000 });
    const endpoint = async (bankId: number, path: string) => {
      const r = ok(
        await sys.gql(bankAdmin(bankId), CREATE_ENDPOINT, {
          input: { url: `${receiver.url}${path}`, eventTypes: ['LISTING_PRICE_GUARD'], description: path },
        }),
        'createWebhookEndpoint',
      );
      endpoints.push(r.webhookEndpoint.id);
      return r.secret as string;
    };
    secret1 = await endpoint(1, '/b1');
    secret2 = await endpoint(2, '/b2');

    const create = async (bankId: number, input: Record<string, unknown>) => {
      const r = ok(await sys.gql(bankAdmin(bankId), CREATE_LISTING, { input }), 'createListing');
      assert.deepEqual(r.warnings, [], 'priced within the rule when created');
      return r.listing.id as string;
    };
    const cash = (mallId: string, sku: Sku, priceFen: number) => ({
      mallId,
      skuId: String(sku.id),
      priceMode: 'CASH',
      pricePoints: 0,
      priceFen,
    });
    const ppy = ok(await sys.gql(bankAdmin(1), BANK), 'bank').pointsPerYuan as number;
    l1a = await create(1, cash(mall1, a, a.supplierPriceFen + 100));
    l2a = await create(2, cash(mall2, a, Math.ceil((a.supplierPriceFen * 11) / 10) + 50));
    // Points, valued at the bank's points per CNY: worth twice the supplier price.
    l1b = await create(1, {
      mallId: mall1,
      skuId: String(b.id),
      priceMode: 'POINTS',
      pricePoints: Math.ceil((b.supplierPriceFen * 2 * ppy) / 100),
      priceFen: 0,
    });
    l1c = await create(1, cash(mall1, c, c.supplierPriceFen + 100));
  });
  after(async () => {
    await sys?.stop();
    await receiver?.stop();
  });

  it("a price rise pauses bank 1's listing (PAUSE) and flags bank 2's (FLAG, 10 % margin), one signed webhook each", async () => {
    await raiseSupplierPrice(a, a.supplierPriceFen + 500);
    const [hit1] = await receiver.waitFor('bank 1 guard', (r) => r.path === '/b1' && r.body.data.listingId === l1a);
    const [hit2] = await receiver.waitFor('bank 2 guard', (r) => r.path === '/b2' && r.body.data.listingId === l2a);
    assert.ok(verifyPerkmallSignature(secret1, hit1!.headers, hit1!.rawBody), 'bank 1 signature verifies');
    assert.ok(verifyPerkmallSignature(secret2, hit2!.headers, hit2!.rawBody), 'bank 2 signature verifies');
    assert.equal(verifyPerkmallSignature(secret2, hit1!.headers, hit1!.rawBody), false, 'not with the other secret');
    assert.equal(hit1!.body.type, 'LISTING_PRICE_GUARD');
    assert.equal(hit1!.body.bankId, '1');
    assert.deepEqual(
      {
        action: hit1!.body.data.action,
        skuId: hit1!.body.data.skuId,
        mallId: hit1!.body.data.mallId,
        supplierPriceFen: hit1!.body.data.supplierPriceFen,
        priceFen: hit1!.body.data.priceFen,
        wasOnSale: hit1!.body.data.wasOnSale,
      },
      {
        action: 'PAUSED',
        skuId: String(a.id),
        mallId: mall1,
        supplierPriceFen: a.supplierPriceFen + 500,
        priceFen: a.supplierPriceFen + 100,
        wasOnSale: true,
      },
    );
    assert.equal(hit2!.body.data.action, 'FLAGGED');
    assert.equal(hit2!.body.data.minMarginBp, 1000);
    await settle();
    assert.equal(guardHits('/b1', l1a).length, 1, 'exactly one webhook for the paused listing');
    assert.equal(guardHits('/b2', l2a).length, 1, 'exactly one webhook for the flagged listing');
    assert.equal(receiver.on('/b1').filter((r) => r.body.bankId !== '1').length, 0, "bank 1 never gets bank 2's");
    assert.equal(receiver.on('/b2').filter((r) => r.body.bankId !== '2').length, 0, "bank 2 never gets bank 1's");

    const paused = await listing(bankAdmin(1), l1a);
    assert.equal(paused.status, 'PAUSED');
    assert.equal(paused.priceGuard.state, 'PAUSED');
    assert.equal(paused.priceGuard.supplierPriceFen, a.supplierPriceFen + 500);
    assert.equal(
      errorCode(await sys.gql(customer(1, 5), LISTING, { id: l1a })),
      'NOT_FOUND',
      'customers no longer see it',
    );

    const flagged = await listing(bankAdmin(2), l2a);
    assert.equal(flagged.status, 'ACTIVE', 'FLAG keeps the listing on sale');
    assert.equal(flagged.priceGuard.state, 'FLAGGED');
    const shopper = ok(await sys.gql(customer(2, 21), LISTING, { id: l2a }), 'listing');
    assert.equal(shopper.status, 'ACTIVE', "bank 2's customers still buy it");
    assert.equal(shopper.priceGuard, null, 'customers never see the mark');

    const marked = ok(await sys.gql(bankAdmin(1), GUARDED, { mallId: mall1 }), 'mall').listings.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    );
    assert.deepEqual(marked, [l1a], 'the filter finds exactly the marked listing');
  });

  it('a rise that keeps the margin (a points price worth twice the cost) changes nothing and sends nothing', async () => {
    await raiseSupplierPrice(b, Math.floor((b.supplierPriceFen * 11) / 10));
    await settle();
    const l = await listing(bankAdmin(1), l1b);
    assert.equal(l.status, 'ACTIVE');
    assert.equal(l.priceGuard, null);
    assert.equal(guardHits('/b1', l1b).length, 0);
  });

  it('another bank cannot see, clear or configure the guard; operators without MANAGE_BANK_SETTINGS and bad settings are refused', async () => {
    assert.equal(errorCode(await sys.gql(bankAdmin(2), LISTING, { id: l1a })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankAdmin(2), GUARDED, { mallId: mall1 })), 'NOT_FOUND');
    assert.equal(
      errorCode(await sys.gql(bankAdmin(2), UPDATE_LISTING, { input: { listingId: l1a, status: 'ACTIVE' } })),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(bankAdmin(2), UPDATE_BANK, { input: { bankId: '1', priceGuardAction: 'FLAG' } })),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(bankOperator(1), UPDATE_BANK, { input: { priceGuardAction: 'FLAG' } })),
      'FORBIDDEN',
    );
    const bad = await sys.gql(bankAdmin(1), UPDATE_BANK, { input: { priceGuardMinMarginBp: 20_000 } });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.equal((bad.errors![0]!.extensions!.problems as { field: string }[])[0]!.field, 'priceGuardMinMarginBp');
    // The internal contract is not reachable through the gateway, and a bank's token at the subgraph is refused.
    assert.ok((await sys.gql(bankAdmin(2), GUARD, { skuIds: [String(a.id)], key: 'x' })).errors);
    const direct = await sys.subgraphRaw(
      'tenants',
      { query: GUARD, variables: { skuIds: [String(a.id)], key: 'x' } },
      { [IDENTITY_HEADER]: await sys.identityToken(bankAdmin(2), 'tenants') },
    );
    assert.equal(errorCode(direct.body), 'FORBIDDEN');
    // Nothing changed for bank 1.
    const still = await listing(bankAdmin(1), l1a);
    assert.equal(still.status, 'PAUSED');
    assert.equal(still.priceGuard.state, 'PAUSED');
    const settings = ok(await sys.gql(bankAdmin(1), BANK), 'bank');
    assert.equal(settings.priceGuardAction, 'PAUSE');
    assert.equal(settings.priceGuardMinMarginBp, 0);
  });

  it('the same price-change event delivered twice pauses once and notifies once; a resumed listing is not paused again by it', async () => {
    await raiseSupplierPrice(c, c.supplierPriceFen + 300);
    await receiver.waitFor('bank 1 guard of c', (r) => r.path === '/b1' && r.body.data.listingId === l1c);
    await settle();
    const rows = await query('catalog', 'SELECT id, payload FROM outbox_message WHERE topic = ? ORDER BY id', [
      PRICE_TOPIC,
    ]);
    const event = rows.find((r: { payload: unknown }) => {
      const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as { skuIds: string[] };
      return p.skuIds.includes(String(c.id));
    });
    assert.ok(event, "the catalog's outbox holds the change");
    const redeliver = async () => {
      await query(
        'catalog',
        'UPDATE outbox_message SET delivered_at = NULL, next_attempt_at = ?, claimed_until = NULL WHERE id = ?',
        [new Date(Date.now() - 1000), event.id],
      );
      const until = Date.now() + 15_000;
      for (;;) {
        const [r] = await query('catalog', 'SELECT delivered_at FROM outbox_message WHERE id = ?', [event.id]);
        if (r.delivered_at) break;
        if (Date.now() > until) throw new Error('the relay did not redeliver');
        await new Promise((res) => setTimeout(res, 150));
      }
      await settle();
    };
    await redeliver();
    const [{ attempts }] = await query('catalog', 'SELECT attempts FROM outbox_message WHERE id = ?', [event.id]);
    assert.equal(Number(attempts), 2, 'delivered twice');
    assert.equal(guardHits('/b1', l1c).length, 1, 'one webhook');
    const [{ n }] = await query(
      'tenants',
      "SELECT COUNT(*) AS n FROM outbox_message WHERE topic = 'bank.notification' AND dedupe_key LIKE ?",
      [`bank:1:price-guard:${l1c}:%`],
    );
    assert.equal(Number(n), 1, 'one notification recorded');
    assert.equal((await listing(bankAdmin(1), l1c)).status, 'PAUSED');

    // The bank decides to sell at that price anyway: resuming clears the mark, and the same change
    // delivered once more does not pause it again.
    const resumed = ok(
      await sys.gql(bankAdmin(1), UPDATE_LISTING, { input: { listingId: l1c, status: 'ACTIVE' } }),
      'updateListing',
    );
    assert.equal(resumed.listing.status, 'ACTIVE');
    assert.equal(resumed.listing.priceGuard, null);
    await redeliver();
    assert.equal((await listing(bankAdmin(1), l1c)).status, 'ACTIVE');
    assert.equal(guardHits('/b1', l1c).length, 1);
  });

  it('a price drop back within the rule clears the flag but leaves the paused listing paused; repricing resolves it', async () => {
    await raiseSupplierPrice(a, a.supplierPriceFen);
    await settle();
    const flagged = await listing(bankAdmin(2), l2a);
    assert.equal(flagged.priceGuard, null, 'flag cleared');
    assert.equal(flagged.status, 'ACTIVE');
    const paused = await listing(bankAdmin(1), l1a);
    assert.equal(paused.status, 'PAUSED', 'not resumed: the bank decides');
    assert.equal(paused.priceGuard.state, 'PAUSED');
    assert.equal(guardHits('/b1', l1a).length, 1, 'a drop sends nothing');
    assert.equal(guardHits('/b2', l2a).length, 1);

    const repriced = ok(
      await sys.gql(bankAdmin(1), UPDATE_LISTING, { input: { listingId: l1a, priceFen: a.supplierPriceFen + 1000 } }),
      'updateListing',
    );
    assert.equal(repriced.listing.priceGuard, null, 'repricing within the rule resolves the mark');
    assert.equal(repriced.listing.status, 'PAUSED', 'and leaves resuming to the bank');
    assert.deepEqual(ok(await sys.gql(bankAdmin(1), GUARDED, { mallId: mall1 }), 'mall').listings.edges, []);
  });
});
