import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { Carrier } from '../../subgraphs/logistics/entities/carrier';
import { TrackingEvent } from '../../subgraphs/logistics/entities/tracking-event';
import { createListing, setStock, setUpMall } from '../orders/helpers';
import { bankAdmin, platform, supplierAdmin } from '../principals';
import { MALL, SHIP, at, fulfilmentOpened, placeOrder, pushEvents, supplierStaff } from './helpers';

const REGISTER =
  'mutation($i: RegisterCarrierInput!) { registerCarrier(input: $i) { callbackSecret carrier { id code name active } } }';
const ROTATE =
  'mutation($i: RotateCarrierSecretInput!) { rotateCarrierSecret(input: $i) { callbackSecret carrier { code previousSecretUntil } } }';
const UPDATE = 'mutation($i: UpdateCarrierInput!) { updateCarrier(input: $i) { carrier { code name active } } }';

describe('carriers: registration, sealed callback secrets, rotation', () => {
  let sys: TestSystem;
  let supplierId: number;
  let orderLine: string;
  let supplierOrderId: string;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    MALL.id = m.mallId;
    supplierId = m.physical.supplierId;
    await setStock(sys, m.physical.id, 100);
    const listing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(m.physical.id),
      priceMode: 'POINTS',
      pricePoints: 100,
    });
    const order = await placeOrder(sys, 2, [{ listingId: listing, quantity: 3 }], 'carrier-order-0001');
    await fulfilmentOpened(sys, order.supplierOrderId);
    supplierOrderId = order.supplierOrderId;
    orderLine = order.lines[0]!.id;
  });
  after(async () => {
    await sys?.stop();
  });

  const carrierRow = async (code: string) => (await sys.orm('logistics')).em.fork().findOneOrFail(Carrier, { code });
  const ship = (carrierCode: string, trackingNumber: string) =>
    sys.gql(supplierStaff(supplierId), SHIP, {
      input: { supplierOrderId, carrierCode, trackingNumber, lines: [{ orderLineId: orderLine, quantity: 1 }] },
    });

  it('the platform registers a carrier; its secret is shown once and stored only sealed', async () => {
    const r = await sys.gql(platform, REGISTER, { i: { code: 'dbl', name: '德邦快递' } });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const { callbackSecret, carrier } = r.data!.registerCarrier;
    assert.deepEqual(
      { code: carrier.code, name: carrier.name, active: carrier.active },
      { code: 'DBL', name: '德邦快递', active: true },
    );
    assert.ok(callbackSecret.length >= 40);
    const row = await carrierRow('DBL');
    assert.ok(row.secretSealed.startsWith('v1.'));
    assert.ok(!row.secretSealed.includes(callbackSecret));
    // Not readable through the API.
    assert.ok((await sys.gql(platform, '{ carriers { code callbackSecret } }')).errors?.length);

    // A parcel with the new carrier, tracked with the new secret; anything else is refused.
    assert.equal((await ship('DBL', 'DBL000000001')).errors, undefined);
    const events = [{ eventId: 'dbl-1', trackingNumber: 'DBL000000001', status: 'PICKED_UP', occurredAt: at(1) }];
    const before = await (await sys.orm('logistics')).em.fork().count(TrackingEvent, {});
    assert.equal((await pushEvents(sys, 'DBL', events, { secret: 'dev-callback-secret-dbl' })).status, 401);
    const ok = await pushEvents(sys, 'DBL', events, { secret: callbackSecret });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(ok.body.results, [{ eventId: 'dbl-1', outcome: 'RECORDED' }]);
    assert.equal(await (await sys.orm('logistics')).em.fork().count(TrackingEvent, {}), before + 1);
  });

  it('refuses other principals (FORBIDDEN), a duplicate code (CONFLICT) and a bad code (BAD_USER_INPUT)', async () => {
    for (const who of [supplierAdmin(supplierId), bankAdmin(1)]) {
      assert.equal(errorCode(await sys.gql(who, REGISTER, { i: { code: 'EVIL', name: 'x' } })), 'FORBIDDEN');
      assert.equal(errorCode(await sys.gql(who, ROTATE, { i: { code: 'SF' } })), 'FORBIDDEN');
      assert.equal(errorCode(await sys.gql(who, UPDATE, { i: { code: 'SF', active: false } })), 'FORBIDDEN');
      assert.equal(errorCode(await sys.gql(who, '{ carriers(includeInactive: true) { code } }')), 'FORBIDDEN');
    }
    assert.equal(errorCode(await sys.gql(platform, REGISTER, { i: { code: 'SF', name: 'again' } })), 'CONFLICT');
    const bad = await sys.gql(platform, REGISTER, { i: { code: 'a b!', name: '' } });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.deepEqual(
      (bad.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field),
      ['code', 'name'],
    );
    assert.equal(errorCode(await sys.gql(platform, ROTATE, { i: { code: 'NOPE' } })), 'NOT_FOUND');
    assert.equal(
      errorCode(await sys.gql(platform, ROTATE, { i: { code: 'SF', overlapHours: 1000 } })),
      'BAD_USER_INPUT',
    );
    assert.equal(await (await sys.orm('logistics')).em.fork().count(Carrier, { code: 'EVIL' }), 0);
  });

  it('a rotation keeps the old secret working for the overlap; overlap 0 retires it at once', async () => {
    const first = (await sys.gql(platform, REGISTER, { i: { code: 'YUNDA', name: '韵达' } })).data!.registerCarrier
      .callbackSecret as string;
    assert.equal((await ship('YUNDA', 'YD0000000001')).errors, undefined);
    const event = (id: string) => [
      { eventId: id, trackingNumber: 'YD0000000001', status: 'IN_TRANSIT', occurredAt: at(2) },
    ];

    const rotated = await sys.gql(platform, ROTATE, { i: { code: 'YUNDA', overlapHours: 2 } });
    assert.equal(rotated.errors, undefined, JSON.stringify(rotated.errors));
    const second = rotated.data!.rotateCarrierSecret.callbackSecret as string;
    assert.notEqual(second, first);
    assert.ok(
      new Date(rotated.data!.rotateCarrierSecret.carrier.previousSecretUntil).getTime() > Date.now() + 3_500_000,
    );
    assert.equal((await pushEvents(sys, 'YUNDA', event('yd-1'), { secret: first })).status, 200);
    assert.equal((await pushEvents(sys, 'YUNDA', event('yd-2'), { secret: second })).status, 200);

    const third = (await sys.gql(platform, ROTATE, { i: { code: 'YUNDA', overlapHours: 0 } })).data!.rotateCarrierSecret
      .callbackSecret as string;
    assert.equal((await pushEvents(sys, 'YUNDA', event('yd-3'), { secret: second })).status, 401);
    assert.equal((await pushEvents(sys, 'YUNDA', event('yd-4'), { secret: first })).status, 401);
    assert.equal((await pushEvents(sys, 'YUNDA', event('yd-5'), { secret: third })).status, 200);
    const recorded = await (
      await sys.orm('logistics')
    ).em
      .fork()
      .find(TrackingEvent, { carrierEventId: { $like: 'yd-%' } }, { orderBy: { carrierEventId: 'ASC' } });
    assert.deepEqual(
      recorded.map((e) => e.carrierEventId),
      ['yd-1', 'yd-2', 'yd-5'],
    );
  });

  it('an inactive carrier takes no new parcels and is not listed to suppliers, but its tracking still arrives', async () => {
    const secret = (await sys.gql(platform, REGISTER, { i: { code: 'EMS', name: 'EMS' } })).data!.registerCarrier
      .callbackSecret as string;
    assert.equal((await ship('EMS', 'EMS000000001')).errors, undefined);
    const off = await sys.gql(platform, UPDATE, { i: { code: 'ems', active: false, name: '中国邮政 EMS' } });
    assert.deepEqual(off.data!.updateCarrier.carrier, { code: 'EMS', name: '中国邮政 EMS', active: false });

    const refused = await ship('EMS', 'EMS000000002');
    assert.equal(errorCode(refused), 'BAD_USER_INPUT');
    assert.match(refused.errors![0]!.message, /not taking new parcels/);
    const listed = await sys.gql(supplierStaff(supplierId), '{ carriers { code } }');
    assert.ok(!listed.data!.carriers.some((c: { code: string }) => c.code === 'EMS'));
    const all = await sys.gql(platform, '{ carriers(includeInactive: true) { code active } }');
    assert.deepEqual(
      all.data!.carriers.find((c: { code: string }) => c.code === 'EMS'),
      { code: 'EMS', active: false },
    );
    const tracked = await pushEvents(
      sys,
      'EMS',
      [{ eventId: 'ems-1', trackingNumber: 'EMS000000001', status: 'PICKED_UP', occurredAt: at(3) }],
      { secret },
    );
    assert.deepEqual(tracked.body.results, [{ eventId: 'ems-1', outcome: 'RECORDED' }]);
  });
  it('a secret stored before sealing still works; one that will not open is refused (401), never a 500', async () => {
    const em = (await sys.orm('logistics')).em.fork();
    const event = [{ eventId: 'yto-legacy-1', trackingNumber: 'YTO000000009', status: 'PICKED_UP', occurredAt: at(5) }];
    await em.nativeUpdate(Carrier, { code: 'YTO' }, { secretSealed: 'dev-callback-secret-yto' });
    const legacy = await pushEvents(sys, 'YTO', event, { secret: 'dev-callback-secret-yto' });
    assert.equal(legacy.status, 200, JSON.stringify(legacy.body));
    await em.nativeUpdate(
      Carrier,
      { code: 'YTO' },
      { secretSealed: 'v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    );
    assert.equal((await pushEvents(sys, 'YTO', event, { secret: 'dev-callback-secret-yto' })).status, 401);
  });
});
