/**
 * Issue 15, onboarding and partner apps: a new bank brought in through the API alone up to its first
 * paid order; bank terms and malls kept by their own bank; partner apps listed, rotated, revoked and
 * limited by scopes that travel in their tokens and are enforced by the subgraphs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { bankAdmin, bankOperator, customer, platform } from '../principals';
import { PartnerApp } from '../../subgraphs/tenants/entities/partner-app';
import type { Principal } from '../../core/identity';

const ADDRESS = {
  recipient: '李四',
  phone: '13900000000',
  province: '浙江省',
  city: '杭州市',
  district: '上城区',
  detail: '解放路 8 号',
};
const CREATE_BANK =
  'mutation($i: CreateBankInput!) { createBank(input: $i) { bank { id code name timeZone pointsPerYuan maxPointsShareBp settlementTermDays } } }';
const UPDATE_BANK =
  'mutation($i: UpdateBankInput!) { updateBank(input: $i) { bank { id name timeZone pointsPerYuan maxPointsShareBp settlementTermDays } } }';
const CREATE_MALL = 'mutation($i: CreateMallInput!) { createMall(input: $i) { mall { id name bank { id } } } }';
const UPDATE_MALL = 'mutation($i: UpdateMallInput!) { updateMall(input: $i) { mall { id name } } }';
const CREATE_APP =
  'mutation($i: CreatePartnerAppInput!) { createPartnerApp(input: $i) { partnerAppId clientId clientSecret partnerApp { id scopes active } } }';
const ROTATE =
  'mutation($i: RotatePartnerAppSecretInput!) { rotatePartnerAppSecret(input: $i) { clientSecret partnerApp { id previousSecretExpiresAt secretRotatedAt } } }';
const REVOKE =
  'mutation($i: RevokePartnerAppInput!) { revokePartnerApp(input: $i) { partnerApp { id active revokedAt } } }';
const SET_SCOPES =
  'mutation($i: SetPartnerAppScopesInput!) { setPartnerAppScopes(input: $i) { partnerApp { id scopes } } }';
const SET_SAFELIST =
  'mutation($i: SetPartnerAppSafelistInput!) { setPartnerAppSafelist(input: $i) { partnerAppId safelistOnly } }';
const LIST_APPS =
  'query($b: ID) { partnerApps(bankId: $b, first: 100) { edges { node { id bankId name clientId active scopes } } } }';
const UPSERT =
  'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { created customers { customer { id externalRef } } } }';
const CHECKOUT = 'mutation($i: CheckoutInput!) { checkout(input: $i) { order { id status cashFen totalPoints } } }';
const PAY = 'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { id status } }';
const MALL_LISTINGS =
  'query($id: ID!) { mall(id: $id) { id name listings(first: 5) { edges { node { id priceMode priceFen } } } } }';

describe('onboarding a bank and its partner apps through the API', () => {
  let sys: TestSystem;
  const oauth = async (params: Record<string, string>) => {
    const r = await fetch(`${sys.stack.urls.gateway}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams(params),
    });
    return { status: r.status, body: (await r.json()) as Record<string, any> };
  };
  const appToken = async (clientId: string, clientSecret: string) =>
    oauth({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  const customerToken = async (partnerToken: string, customerRef: string) =>
    oauth({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: partnerToken,
      customer_ref: customerRef,
    });
  const ok = <T extends { errors?: unknown; data?: any }>(r: T) => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!;
  };
  const newApp = async (as: Principal, input: Record<string, unknown>) =>
    ok(await sys.gql(as, CREATE_APP, { i: { name: '测试应用', safelistOnly: false, ...input } })).createPartnerApp;

  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it('a new bank end to end: the platform creates bank and mall, curates, creates a partner app; a customer of the bank pays a first order', async () => {
    const bank = ok(
      await sys.gql(platform, CREATE_BANK, {
        i: {
          code: 'XJRCB',
          name: '新江农商银行',
          timeZone: 'Asia/Shanghai',
          pointsPerYuan: 100,
          maxPointsShareBp: 5000,
          settlementTermDays: 45,
        },
      }),
    ).createBank.bank;
    assert.deepEqual(
      { ...bank, id: undefined },
      {
        id: undefined,
        code: 'XJRCB',
        name: '新江农商银行',
        timeZone: 'Asia/Shanghai',
        pointsPerYuan: 100,
        maxPointsShareBp: 5000,
        settlementTermDays: 45,
      },
    );
    const mall = ok(await sys.gql(platform, CREATE_MALL, { i: { bankId: bank.id, name: '新江信用卡商城' } })).createMall
      .mall;
    assert.equal(mall.bank.id, bank.id);
    // Curation through the existing API: cash-priced goods of one brand, in stock.
    const curated = ok(
      await sys.gql(platform, 'mutation($i: CurateListingsInput!) { curateListings(input: $i) { created } }', {
        i: {
          mallId: mall.id,
          filter: { brandIds: ['12'], kind: 'PHYSICAL', inStockOnly: true },
          pricing: { mode: 'CASH', markupBp: 11500 },
        },
      }),
    ).curateListings;
    assert.ok(curated.created > 0);
    const app = await newApp(platform, { bankId: bank.id, name: '新江手机银行' });
    assert.deepEqual(app.partnerApp.scopes, ['BROWSE', 'CHECKOUT', 'EARN_EVENTS', 'CUSTOMER_UPSERT']);
    const partner = await appToken(app.clientId, app.clientSecret);
    assert.equal(partner.status, 200, JSON.stringify(partner.body));
    const partnerToken = partner.body.access_token as string;
    const upserted = ok(
      await sys.gql(partnerToken, UPSERT, { i: { customers: [{ externalRef: 'XJ-0001', city: '杭州' }] } }),
    ).upsertCustomers;
    assert.equal(upserted.created, 1);
    const exchanged = await customerToken(partnerToken, 'XJ-0001');
    assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
    const shopper = exchanged.body.access_token as string;
    const listing = ok(await sys.gql(shopper, MALL_LISTINGS, { id: mall.id })).mall.listings.edges[0].node;
    assert.equal(listing.priceMode, 'CASH');
    const order = ok(
      await sys.gql(shopper, CHECKOUT, {
        i: {
          mallId: mall.id,
          idempotencyKey: randomUUID(),
          lines: [{ listingId: listing.id, quantity: 1 }],
          shippingAddress: ADDRESS,
        },
      }),
    ).checkout.order;
    assert.equal(order.status, 'PENDING_PAYMENT');
    assert.equal(order.cashFen, listing.priceFen);
    const paid = ok(
      await sys.gql(partnerToken, PAY, { i: { orderId: order.id, paymentRef: 'XJ-PAY-1', amountFen: order.cashFen } }),
    ).confirmPayment;
    assert.equal(paid.status, 'PAID');
    // The new bank's own admin sees the bank and its order; bank 1's admin sees neither.
    const own = bankAdmin(Number(bank.id));
    assert.equal(ok(await sys.gql(own, '{ bank { code settlementTermDays malls { id } } }')).bank.malls[0].id, mall.id);
    assert.equal(errorCode(await sys.gql(bankAdmin(1), `{ mall(id: "${mall.id}") { id } }`)), 'NOT_FOUND');
  });

  it('bank admins keep their own terms and malls; another bank’s are NOT_FOUND; staff without the permission are FORBIDDEN', async () => {
    const updated = ok(
      await sys.gql(bankAdmin(1), UPDATE_BANK, { i: { maxPointsShareBp: 8000, settlementTermDays: 20 } }),
    ).updateBank.bank;
    assert.deepEqual([updated.id, updated.maxPointsShareBp, updated.settlementTermDays], ['1', 8000, 20]);
    const opened = ok(await sys.gql(bankAdmin(1), CREATE_MALL, { i: { name: '临江借记卡商城' } })).createMall.mall;
    assert.equal(opened.bank.id, '1');
    assert.equal(
      ok(await sys.gql(bankAdmin(1), UPDATE_MALL, { i: { mallId: opened.id, name: '临江借记卡权益商城' } })).updateMall
        .mall.name,
      '临江借记卡权益商城',
    );
    // Bank 2's bank and mall, from bank 1's admin: as if they did not exist.
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), UPDATE_BANK, { i: { bankId: '2', name: '改名' } })),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), UPDATE_MALL, { i: { mallId: '2', name: '改名' } })),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), CREATE_MALL, { i: { bankId: '2', name: '越界' } })),
      'NOT_FOUND',
    );
    // Only the platform onboards banks; an operator, or an admin without MANAGE_BANK_SETTINGS, changes no terms.
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), CREATE_BANK, { i: { code: 'MINE', name: '自建银行' } })),
      'FORBIDDEN',
    );
    assert.equal(errorCode(await sys.gql(bankOperator(1), UPDATE_BANK, { i: { pointsPerYuan: 50 } })), 'FORBIDDEN');
    const limited = { ...bankAdmin(1), permissions: ['CURATE_LISTINGS' as const] };
    const refused = await sys.gql(limited, UPDATE_BANK, { i: { pointsPerYuan: 50 } });
    assert.equal(errorCode(refused), 'FORBIDDEN');
    assert.match(refused.errors![0]!.message, /MANAGE_BANK_SETTINGS/);
    const bank2 = ok(await sys.gql(platform, '{ bank(id: "2") { name pointsPerYuan } }')).bank;
    assert.deepEqual(bank2, { name: '青禾城市银行', pointsPerYuan: 200 });
  });

  it('bank terms are validated with BAD_USER_INPUT naming each field; a taken code is CONFLICT', async () => {
    const bad = await sys.gql(platform, CREATE_BANK, {
      i: {
        code: 'bad code',
        name: 'X',
        timeZone: 'Mars/Olympus',
        pointsPerYuan: 0,
        maxPointsShareBp: 10001,
        settlementTermDays: -1,
      },
    });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.deepEqual((bad.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field).sort(), [
      'code',
      'maxPointsShareBp',
      'name',
      'pointsPerYuan',
      'settlementTermDays',
      'timeZone',
    ]);
    assert.match(bad.errors![0]!.message, /IANA/);
    for (const terms of [
      { timeZone: '+08:00' },
      { timeZone: 'CST' },
      { maxPointsShareBp: -1 },
      { pointsPerYuan: 10_001 },
    ]) {
      assert.equal(
        errorCode(await sys.gql(bankAdmin(1), UPDATE_BANK, { i: terms })),
        'BAD_USER_INPUT',
        JSON.stringify(terms),
      );
    }
    assert.equal(errorCode(await sys.gql(bankAdmin(1), UPDATE_BANK, { i: {} })), 'BAD_USER_INPUT');
    assert.equal(
      errorCode(await sys.gql(platform, CREATE_BANK, { i: { code: 'LJRCB', name: '重复银行' } })),
      'CONFLICT',
    );
    assert.equal(
      errorCode(await sys.gql(platform, CREATE_MALL, { i: { bankId: '1', name: 'x'.repeat(201) } })),
      'BAD_USER_INPUT',
    );
  });

  it('rotation: the old secret works during the overlap and is refused after it; overlap 0 refuses it at once', async () => {
    const app = await newApp(bankAdmin(1), {});
    const rotated = ok(
      await sys.gql(bankAdmin(1), ROTATE, { i: { partnerAppId: app.partnerAppId, overlapHours: 2 } }),
    ).rotatePartnerAppSecret;
    assert.notEqual(rotated.clientSecret, app.clientSecret);
    assert.ok(Date.parse(rotated.partnerApp.previousSecretExpiresAt) > Date.now() + 3_500_000);
    assert.equal((await appToken(app.clientId, app.clientSecret)).status, 200);
    assert.equal((await appToken(app.clientId, rotated.clientSecret)).status, 200);
    // The overlap ends (moved into the past, as two hours passing would).
    await (
      await sys.orm('tenants')
    ).em
      .fork()
      .nativeUpdate(
        PartnerApp,
        { id: Number(app.partnerAppId) },
        { previousSecretExpiresAt: new Date(Date.now() - 1000) },
      );
    const late = await appToken(app.clientId, app.clientSecret);
    assert.deepEqual([late.status, late.body.error], [401, 'invalid_client']);
    assert.equal((await appToken(app.clientId, rotated.clientSecret)).status, 200);
    // No overlap: only the newest secret works, from the moment it is issued.
    const again = ok(
      await sys.gql(bankAdmin(1), ROTATE, { i: { partnerAppId: app.partnerAppId, overlapHours: 0 } }),
    ).rotatePartnerAppSecret;
    assert.equal(again.partnerApp.previousSecretExpiresAt, null);
    assert.equal((await appToken(app.clientId, rotated.clientSecret)).status, 401);
    assert.equal((await appToken(app.clientId, again.clientSecret)).status, 200);
    for (const overlapHours of [-1, 169])
      assert.equal(
        errorCode(await sys.gql(bankAdmin(1), ROTATE, { i: { partnerAppId: app.partnerAppId, overlapHours } })),
        'BAD_USER_INPUT',
      );
  });

  it('revocation: the token endpoint refuses the app at once, its customer exchanges too, and the gateway its issued tokens within seconds; it cannot be rotated back', async () => {
    const app = await newApp(bankAdmin(1), {});
    const issued = (await appToken(app.clientId, app.clientSecret)).body.access_token as string;
    const shopper = await customerToken(issued, 'LJRCB-C0001');
    assert.equal(shopper.status, 200);
    const browse = (token: string) => sys.gql(token, '{ mall(id: "1") { id } }');
    assert.equal(errorCode(await browse(issued)), undefined);
    const revoked = ok(await sys.gql(bankAdmin(1), REVOKE, { i: { partnerAppId: app.partnerAppId } })).revokePartnerApp
      .partnerApp;
    assert.equal(revoked.active, false);
    assert.ok(revoked.revokedAt);
    const refused = await appToken(app.clientId, app.clientSecret);
    assert.deepEqual([refused.status, refused.body.error], [401, 'invalid_client']);
    // Its own token is still within its 15 minutes, but it gets no customer tokens any more.
    const exchange = await customerToken(issued, 'LJRCB-C0001');
    assert.deepEqual([exchange.status, exchange.body.error], [400, 'invalid_grant']);
    // The gateway learns of revocations every few seconds and then refuses the tokens already issued.
    const deadline = Date.now() + 15_000;
    while (errorCode(await browse(issued)) !== 'UNAUTHENTICATED' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    assert.equal(errorCode(await browse(issued)), 'UNAUTHENTICATED');
    assert.equal(errorCode(await browse(shopper.body.access_token as string)), 'UNAUTHENTICATED');
    assert.equal(errorCode(await sys.gql(customer(1, 1), '{ mall(id: "1") { id } }')), undefined); // app 1 is not revoked
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), ROTATE, { i: { partnerAppId: app.partnerAppId, overlapHours: 0 } })),
      'CONFLICT',
    );
    // Revoking again changes nothing.
    assert.equal(
      ok(await sys.gql(bankAdmin(1), REVOKE, { i: { partnerAppId: app.partnerAppId } })).revokePartnerApp.partnerApp
        .revokedAt,
      revoked.revokedAt,
    );
  });

  it('scopes are chosen at creation, editable, carried in the token and enforced: without CHECKOUT a checkout is FORBIDDEN', async () => {
    const browseOnly = await newApp(bankAdmin(1), { scopes: ['BROWSE'] });
    assert.deepEqual(browseOnly.partnerApp.scopes, ['BROWSE']);
    const token = (await appToken(browseOnly.clientId, browseOnly.clientSecret)).body.access_token as string;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    assert.deepEqual(claims.scopes, ['BROWSE']);
    const upsert = await sys.gql(token, UPSERT, { i: { customers: [{ externalRef: 'SCOPE-1' }] } });
    assert.equal(errorCode(upsert), 'FORBIDDEN');
    assert.match(upsert.errors![0]!.message, /CUSTOMER_UPSERT/);
    assert.equal(
      errorCode(
        await sys.gql(
          token,
          'mutation { recordBankEvent(input: { customerRef: "LJRCB-C0001", product: "CARD", amountFen: 100, idempotencyKey: "s-1", occurredAt: "2026-11-01T00:00:00Z" }) { eventId } }',
        ),
      ),
      'FORBIDDEN',
    );
    const shopper = (await customerToken(token, 'LJRCB-C0001')).body.access_token as string;
    const listing = ok(await sys.gql(shopper, MALL_LISTINGS, { id: '1' })).mall.listings.edges[0].node;
    const attempt = {
      i: {
        mallId: '1',
        idempotencyKey: randomUUID(),
        lines: [{ listingId: listing.id, quantity: 1 }],
        shippingAddress: ADDRESS,
      },
    };
    const refused = await sys.gql(shopper, CHECKOUT, attempt);
    assert.equal(errorCode(refused), 'FORBIDDEN');
    assert.match(refused.errors![0]!.message, /CHECKOUT/);
    assert.equal(
      errorCode(await sys.gql(token, PAY, { i: { orderId: '1', paymentRef: 'x', amountFen: 1 } })),
      'FORBIDDEN',
    );
    // Granting CHECKOUT applies to the tokens obtained next; the old customer token keeps its claim.
    const edited = ok(
      await sys.gql(bankAdmin(1), SET_SCOPES, {
        i: { partnerAppId: browseOnly.partnerAppId, scopes: ['CHECKOUT', 'BROWSE'] },
      }),
    ).setPartnerAppScopes.partnerApp;
    assert.deepEqual(edited.scopes, ['BROWSE', 'CHECKOUT']);
    assert.equal(errorCode(await sys.gql(shopper, CHECKOUT, attempt)), 'FORBIDDEN');
    const token2 = (await appToken(browseOnly.clientId, browseOnly.clientSecret)).body.access_token as string;
    const shopper2 = (await customerToken(token2, 'LJRCB-C0001')).body.access_token as string;
    const placed = await sys.gql(shopper2, CHECKOUT, attempt);
    assert.notEqual(errorCode(placed), 'FORBIDDEN', JSON.stringify(placed.errors));
    // Without BROWSE, no mall.
    const checkoutOnly = await newApp(bankAdmin(1), { scopes: ['CHECKOUT'] });
    const token3 = (await appToken(checkoutOnly.clientId, checkoutOnly.clientSecret)).body.access_token as string;
    assert.equal(errorCode(await sys.gql(token3, MALL_LISTINGS, { id: '1' })), 'FORBIDDEN');
    for (const scopes of [[], ['SHOPPING']])
      assert.equal(
        errorCode(await sys.gql(bankAdmin(1), SET_SCOPES, { i: { partnerAppId: browseOnly.partnerAppId, scopes } })),
        'BAD_USER_INPUT',
      );
    // Apps from before scopes existed hold them all.
    const seeded = ok(await sys.gql(bankAdmin(1), LIST_APPS, {})).partnerApps.edges.find((e: any) => e.node.id === '1');
    assert.deepEqual(seeded.node.scopes, ['BROWSE', 'CHECKOUT', 'EARN_EVENTS', 'CUSTOMER_UPSERT']);
  });

  it('partner apps are listed per bank; every partner-app operation on another bank’s app is NOT_FOUND', async () => {
    const mine = ok(await sys.gql(bankAdmin(1), LIST_APPS, {})).partnerApps.edges.map((e: any) => e.node);
    assert.ok(mine.length >= 1 && mine.every((a: any) => a.bankId === '1'));
    const theirs = ok(await sys.gql(platform, LIST_APPS, { b: '2' })).partnerApps.edges.map((e: any) => e.node);
    assert.ok(theirs.length >= 1 && theirs.every((a: any) => a.bankId === '2'));
    const all = ok(await sys.gql(platform, LIST_APPS, {})).partnerApps.edges.map((e: any) => e.node.bankId);
    assert.ok(all.includes('1') && all.includes('2'));
    assert.equal(errorCode(await sys.gql(bankAdmin(1), LIST_APPS, { b: '2' })), 'NOT_FOUND');
    const bank2App = theirs[0].id as string;
    for (const [op, i] of [
      [ROTATE, { partnerAppId: bank2App, overlapHours: 1 }],
      [REVOKE, { partnerAppId: bank2App }],
      [SET_SCOPES, { partnerAppId: bank2App, scopes: ['BROWSE'] }],
      [SET_SAFELIST, { partnerAppId: bank2App, safelistOnly: true }],
    ] as const) {
      assert.equal(errorCode(await sys.gql(bankAdmin(1), op, { i })), 'NOT_FOUND', op);
    }
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), CREATE_APP, { i: { bankId: '2', name: '越界应用' } })),
      'NOT_FOUND',
    );
    // Bank 2's app untouched; operators, customers and partner apps manage no apps.
    assert.equal(ok(await sys.gql(platform, LIST_APPS, { b: '2' })).partnerApps.edges[0].node.active, true);
    for (const who of [bankOperator(1), customer(1, 1)])
      assert.equal(errorCode(await sys.gql(who, LIST_APPS, {})), 'FORBIDDEN');
    const noPermission = { ...bankAdmin(1), permissions: ['CURATE_LISTINGS' as const] };
    assert.equal(errorCode(await sys.gql(noPermission, REVOKE, { i: { partnerAppId: '1' } })), 'FORBIDDEN');
  });
});
