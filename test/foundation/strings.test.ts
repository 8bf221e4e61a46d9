import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, customer, partnerApp, supplierAdmin } from '../principals';
import { customerRef } from '../../scripts/seed/demo-plan';
import { ADDRESS, CHECKOUT } from '../orders/helpers';
import { Order } from '../../subgraphs/orders/entities/order';
import { Refund } from '../../subgraphs/orders/entities/refund';
import { PointsLedgerEntry } from '../../subgraphs/loyalty/entities/ledger-entry';

// Half a megabyte: far beyond every limit, and still under a 1 MB body limit at the gateway.
const HUGE = 'x'.repeat(512 * 1024);
const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id reason } }`;
const REFUND = `mutation($input: RequestRefundInput!) { requestRefund(input: $input) { id } }`;
const RECORD = `mutation($input: RecordBankEventInput!) { recordBankEvent(input: $input) { pointsAwarded } }`;

/** Issue 11 items 3 and 8: every String/ID input has a length limit and refuses control characters. */
describe('free-text inputs', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  function assertRefused(
    r: { errors?: { message: string; extensions?: Record<string, any> }[] },
    field: string,
    limit: RegExp,
  ) {
    assert.equal(errorCode(r as never), 'BAD_USER_INPUT', JSON.stringify(r).slice(0, 500));
    const message = r.errors![0]!.message;
    assert.ok(message.includes(field), message.slice(0, 300));
    assert.match(message, limit);
    assert.ok(message.length < 500, 'the message does not echo the value');
    assert.ok(r.errors![0]!.extensions!.problems.some((p: { field: string }) => p.field === field));
  }

  it('checkout refuses a huge shippingAddress.detail and recipient, naming the field and its limit, and creates no order', async () => {
    const em = (await sys.orm('orders')).em.fork();
    const orders = await em.count(Order, {});
    const base = { mallId: '1', lines: [{ listingId: '1', quantity: 1 }], idempotencyKey: 'huge-address' };
    const detail = await sys.gql(customer(1, 3), CHECKOUT, {
      input: { ...base, shippingAddress: { ...ADDRESS, detail: HUGE } },
    });
    assertRefused(detail, 'input.shippingAddress.detail', /at most 200 characters/);
    const recipient = await sys.gql(customer(1, 3), CHECKOUT, {
      input: { ...base, shippingAddress: { ...ADDRESS, recipient: HUGE } },
    });
    assertRefused(recipient, 'input.shippingAddress.recipient', /at most 50 characters/);
    const newline = await sys.gql(customer(1, 3), CHECKOUT, {
      input: { ...base, shippingAddress: { ...ADDRESS, recipient: '张三\n李四' } },
    });
    assertRefused(newline, 'input.shippingAddress.recipient', /control characters or line breaks/);
    assert.equal(await em.count(Order, {}), orders);
  });

  it('requestRefund refuses a huge reason and creates no refund', async () => {
    const em = (await sys.orm('orders')).em.fork();
    const refunds = await em.count(Refund, {});
    const r = await sys.gql(customer(1, 3), REFUND, {
      input: { supplierOrderId: '1', lines: [{ orderLineId: '1', quantity: 1 }], reason: HUGE },
    });
    assertRefused(r, 'input.reason', /at most 500 characters/);
    assert.equal(await em.count(Refund, {}), refunds);
  });

  it('adjustPoints refuses a huge reason or one with a NUL byte, but keeps a multi-line one', async () => {
    const em = (await sys.orm('loyalty')).em.fork();
    const huge = await sys.gql(bankAdmin(1), ADJUST, {
      input: { customerId: '2', track: 'REDEEMABLE', amount: 10, reason: HUGE, idempotencyKey: 'str-huge' },
    });
    assertRefused(huge, 'input.reason', /at most 500 characters/);
    const nul = await sys.gql(bankAdmin(1), ADJUST, {
      input: { customerId: '2', track: 'REDEEMABLE', amount: 10, reason: 'goodwill\u0000', idempotencyKey: 'str-nul' },
    });
    assertRefused(nul, 'input.reason', /control characters \(line breaks and tabs are allowed\)/);
    const bell = await sys.gql(bankAdmin(1), ADJUST, {
      input: { customerId: '2', track: 'REDEEMABLE', amount: 10, reason: 'ding\u0007', idempotencyKey: 'str-bell' },
    });
    assertRefused(bell, 'input.reason', /control characters/);
    assert.equal(await em.count(PointsLedgerEntry, { idempotencyKey: { $like: '%str-%' } }), 0);
    const twoLines = await sys.gql(bankAdmin(1), ADJUST, {
      input: {
        customerId: '2',
        track: 'REDEEMABLE',
        amount: 10,
        reason: 'goodwill\n\tfor the delay',
        idempotencyKey: 'str-ok',
      },
    });
    assert.equal(twoLines.errors, undefined, JSON.stringify(twoLines.errors));
  });

  it('a NUL byte in a String or an ID answers BAD_USER_INPUT through the gateway, not INTERNAL or 500', async () => {
    const event = {
      customerRef: `${customerRef(1, 1)}\u0000`,
      product: 'CREDIT_CARD',
      amountFen: 100,
      occurredAt: new Date().toISOString(),
      idempotencyKey: 'nul-ref',
    };
    assertRefused(await sys.gql(partnerApp(1), RECORD, { input: event }), 'input.customerRef', /control characters/);
    assertRefused(
      await sys.gql(bankAdmin(1), `query($id: ID!) { customer(id: $id) { id } }`, { id: '1\u0000' }),
      'id',
      /control characters/,
    );
    const longId = await sys.gql(bankAdmin(1), `query($id: ID!) { customer(id: $id) { id } }`, { id: '9'.repeat(101) });
    assertRefused(longId, 'id', /at most 100 characters/);
  });

  it('an invalid DateTime answers BAD_USER_INPUT through the gateway, as a variable and as a literal', async () => {
    const event = {
      customerRef: customerRef(1, 1),
      product: 'CREDIT_CARD',
      amountFen: 100,
      occurredAt: '2026-13-45T99:00:00Z',
      idempotencyKey: 'bad-date',
    };
    const asVariable = await sys.gql(partnerApp(1), RECORD, { input: event });
    assert.equal(errorCode(asVariable), 'BAD_USER_INPUT', JSON.stringify(asVariable));
    assert.match(asVariable.errors![0]!.message, /input\.occurredAt/);
    const asLiteral = await sys.gql(
      partnerApp(1),
      `mutation { recordBankEvent(input: { customerRef: "${event.customerRef}", product: "CREDIT_CARD", amountFen: 100, occurredAt: "not a date", idempotencyKey: "bad-date-2" }) { pointsAwarded } }`,
    );
    assert.equal(errorCode(asLiteral), 'BAD_USER_INPUT', JSON.stringify(asLiteral));
  });

  it('a list of more than 1,000 items is refused naming its path; code uploads may send up to 5,000', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
    const LISTINGS = 'query($f: ListingFilter) { mall(id: "1") { listings(filter: $f) { edges { node { id } } } } }';
    // The listings service allows 100 ids (its own cap, a field problem); past 1,000 the shared rule refuses first.
    const serviceCap = await sys.gql(bankAdmin(1), LISTINGS, { f: { skuIds: ids(1000) } });
    assert.deepEqual(serviceCap.errors![0]!.extensions!.problems, [{ field: 'filter.skuIds', message: 'at most 100' }]);
    const tooMany = await sys.gql(bankAdmin(1), LISTINGS, { f: { skuIds: ids(1001) } });
    assert.equal(errorCode(tooMany), 'BAD_USER_INPUT');
    assert.match(tooMany.errors![0]!.message, /filter\.skuIds has too many items: at most 1000 \(got 1001\)/);

    const UPLOAD = 'mutation($i: UploadCodesInput!) { uploadCodes(input: $i) { inserted } }';
    const codes = (n: number) => Array.from({ length: n }, (_, i) => `LIST-CAP-${String(i).padStart(6, '0')}`);
    // 1,200 codes pass the list rule (the unknown card kind is what refuses them).
    const past = await sys.gql(supplierAdmin(1), UPLOAD, { i: { virtualCardKindId: '999999', codes: codes(1200) } });
    assert.equal(errorCode(past), 'NOT_FOUND', JSON.stringify(past.errors).slice(0, 300));
    const over = await sys.gql(supplierAdmin(1), UPLOAD, { i: { virtualCardKindId: '999999', codes: codes(5001) } });
    assert.equal(errorCode(over), 'BAD_USER_INPUT');
    assert.match(over.errors![0]!.message, /input\.codes has too many items: at most 5000/);
  });
});
