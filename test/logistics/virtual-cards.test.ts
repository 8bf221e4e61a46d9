import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { VirtualCardCode } from '../../subgraphs/catalog/entities/virtual-card';
import { codeCipher } from '../../subgraphs/catalog/services/code-crypto';
import { VirtualDelivery } from '../../subgraphs/logistics/entities/virtual-delivery';
import { bankAdmin, createListing, customer, platform, setUpMall } from '../orders/helpers';
import { MALL, placeOrder, serviceCaller, supplierStaff, waitFor, type PlacedOrder } from './helpers';

const REVEAL =
  'mutation($input: RevealVirtualCardInput!) { revealVirtualCard(input: $input) { code delivery { id codeId firstRevealedAt revealCount } } }';
const DELIVERIES =
  'query($id: ID!) { order(id: $id) { cardCodes { codeId } virtualDeliveries { id codeId orderLineId expiresAt firstRevealedAt revealCount sku { id } } } }';

describe('virtual card delivery and reveal', () => {
  let sys: TestSystem;
  let order: PlacedOrder;
  let supplierId: number;
  let deliveries: { id: string; codeId: string }[];

  const deliveryRows = async (orderId: string) =>
    (await sys.orm('logistics')).em
      .fork()
      .find(VirtualDelivery, { orderId: Number(orderId) }, { orderBy: { id: 'ASC' } });

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    MALL.id = m.mallId;
    supplierId = m.virtual.supplierId;
    const listing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(m.virtual.id),
      priceMode: 'POINTS',
      pricePoints: 10,
    });
    order = await placeOrder(sys, 1, [{ listingId: listing, quantity: 2 }], 'virtual-order-01');
  });
  after(async () => {
    await sys?.stop();
  });

  it('records a delivery per issued code, for the ordering customer, through the orders outbox (no plaintext stored)', async () => {
    const rows = await waitFor('virtual deliveries', async () => {
      const r = await deliveryRows(order.orderId);
      return r.length === 2 ? r : null;
    });
    const r = await sys.gql(customer(1, 1), DELIVERIES, { id: order.orderId });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const codeIds = r.data!.order.cardCodes.map((c: { codeId: string }) => c.codeId).sort();
    deliveries = r.data!.order.virtualDeliveries;
    assert.deepEqual(deliveries.map((d) => d.codeId).sort(), codeIds);
    assert.ok(
      rows.every((d) => d.customerId === 1 && d.bankId === 1 && d.firstRevealedAt === null && d.revealCount === 0),
    );
    assert.ok(r.data!.order.virtualDeliveries.every((d: any) => d.expiresAt && d.orderLineId === order.lines[0]!.id));
    // A redelivered event records nothing new.
    const again = await sys.subgraphRaw(
      'logistics',
      {
        query: 'mutation($i: RecordVirtualDeliveriesInput!) { recordVirtualDeliveries(input: $i) { recorded } }',
        variables: {
          i: {
            orderId: order.orderId,
            bankId: '1',
            customerId: '1',
            codes: rows.map((d) => ({
              codeId: String(d.codeId),
              orderLineId: String(d.orderLineId),
              skuId: String(d.skuId),
            })),
          },
        },
      },
      { 'x-perkmall-identity': await sys.identityToken(serviceCaller, 'logistics', { key: 'service' }) },
    );
    assert.equal(again.body.data!.recordVirtualDeliveries.recorded, 0);
    assert.equal((await deliveryRows(order.orderId)).length, 2);
  });

  it('reveals a code to its own customer only, keeping the first reveal time and counting every reveal', async () => {
    const [d] = deliveries;
    const first = await sys.gql(customer(1, 1), REVEAL, { input: { virtualDeliveryId: d!.id } });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    const catalogRow = await (await sys.orm('catalog')).em.fork().findOneOrFail(VirtualCardCode, Number(d!.codeId));
    assert.equal(first.data!.revealVirtualCard.code, codeCipher().decrypt(catalogRow.ciphertext, catalogRow.kindId));
    assert.equal(first.data!.revealVirtualCard.delivery.revealCount, 1);
    const firstAt = first.data!.revealVirtualCard.delivery.firstRevealedAt;
    assert.ok(firstAt);
    await new Promise((r) => setTimeout(r, 1100));
    const second = await sys.gql(customer(1, 1), REVEAL, { input: { virtualDeliveryId: d!.id } });
    assert.equal(second.data!.revealVirtualCard.code, first.data!.revealVirtualCard.code);
    assert.equal(second.data!.revealVirtualCard.delivery.revealCount, 2);
    assert.equal(second.data!.revealVirtualCard.delivery.firstRevealedAt, firstAt);
  });

  it("refuses other customers (NOT_FOUND), staff and suppliers (FORBIDDEN) and records no reveal; nobody else sees the customer's codes", async () => {
    const [, d] = deliveries;
    assert.equal(
      errorCode(await sys.gql(customer(1, 2), REVEAL, { input: { virtualDeliveryId: d!.id } })),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(customer(2, 1), REVEAL, { input: { virtualDeliveryId: d!.id } })),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(customer(1, 1), REVEAL, { input: { virtualDeliveryId: '99999999' } })),
      'NOT_FOUND',
    );
    assert.equal(errorCode(await sys.gql(bankAdmin(1), REVEAL, { input: { virtualDeliveryId: d!.id } })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(platform, REVEAL, { input: { virtualDeliveryId: d!.id } })), 'FORBIDDEN');
    assert.equal(
      errorCode(await sys.gql(supplierStaff(supplierId), REVEAL, { input: { virtualDeliveryId: d!.id } })),
      'FORBIDDEN',
    );
    const row = await (await sys.orm('logistics')).em.fork().findOneOrFail(VirtualDelivery, Number(d!.id));
    assert.equal(row.revealCount, 0);
    assert.equal(row.firstRevealedAt, null);

    // Another customer cannot list them either, through orders or straight from logistics.
    assert.equal(errorCode(await sys.gql(customer(1, 2), DELIVERIES, { id: order.orderId })), 'NOT_FOUND');
    const entities =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { virtualDeliveries { id } } ... on VirtualDelivery { id } } }';
    const r = await sys.subgraphRaw(
      'logistics',
      {
        query: entities,
        variables: {
          r: [
            { __typename: 'Order', id: order.orderId },
            { __typename: 'VirtualDelivery', id: d!.id },
          ],
        },
      },
      {
        'x-perkmall-identity': await sys.identityToken(customer(1, 2), 'logistics'),
      },
    );
    assert.deepEqual(r.body.data!._entities, [{ virtualDeliveries: [] }, null]);
    // Bank staff see the records (not the codes).
    const bank = await sys.gql(bankAdmin(1), DELIVERIES, { id: order.orderId });
    assert.equal(bank.data!.order.virtualDeliveries.length, 2);
  });

  it("keeps the catalog's revealCardCode internal: not in the public API, and SERVICE only", async () => {
    const q = `mutation { revealCardCode(codeId: "${deliveries[0]!.codeId}") { code } }`;
    assert.ok((await sys.gql(customer(1, 1), q)).errors?.length);
    const direct = await sys.subgraphRaw(
      'catalog',
      { query: q },
      { 'x-perkmall-identity': await sys.identityToken(customer(1, 1), 'catalog') },
    );
    assert.equal(errorCode(direct.body), 'FORBIDDEN');
  });
});
