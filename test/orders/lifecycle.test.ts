import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { startTestSystem, type TestSystem } from '../harness';
import { AppError } from '../../core/errors';
import { selectRows } from '../../core/sql';
import { Order, OrderStatus } from '../../subgraphs/orders/entities/order';
import { SupplierOrder, SupplierOrderStatus } from '../../subgraphs/orders/entities/supplier-order';
import { SettlementStatement, StatementStatus } from '../../subgraphs/orders/entities/settlement';
import {
  ORDER_MOVES,
  STATEMENT_MOVES,
  SUPPLIER_ORDER_MOVES,
  legalFrom,
  type MoveOptions,
  moveOrder,
  moveStatement,
  moveSupplierOrder,
} from '../../subgraphs/orders/services/order-lifecycle';

type AnyMove = MoveOptions<any, any>;

const isConflict = (e: unknown) => e instanceof AppError && e.extensions.code === 'CONFLICT';

/** Every (from, to) pair of a status enum, split by whether the table lists it. */
function pairs<S extends string>(moves: Readonly<Record<S, readonly S[]>>) {
  const all = Object.keys(moves) as S[];
  const legal: [S, S][] = [];
  const illegal: [S, S][] = [];
  for (const from of all) for (const to of all) (moves[from].includes(to) ? legal : illegal).push([from, to]);
  return { legal, illegal };
}

describe('order lifecycle: status moves follow the tables, against the real database', () => {
  let sys: TestSystem;
  let em: () => SqlEntityManager;
  let seq = 0;

  before(async () => {
    sys = await startTestSystem();
    const orm = await sys.orm('orders');
    em = () => orm.em.fork() as SqlEntityManager;
  });
  after(async () => {
    await sys?.stop();
  });

  const orderIn = async (status: OrderStatus): Promise<number> => {
    const e = em();
    const o = Object.assign(new Order(), {
      bankId: 1,
      mallId: 1,
      customerId: 7001,
      idempotencyKey: `lifecycle-${++seq}`,
      status,
    });
    await e.persist(o).flush();
    return o.id;
  };
  const supplierOrderIn = async (
    status: SupplierOrderStatus,
    orderId = 900_000 + ++seq,
    supplierId = 1,
  ): Promise<number> => {
    const e = em();
    const so = Object.assign(new SupplierOrder(), { orderId, supplierId, bankId: 1, customerId: 7001, status });
    await e.persist(so).flush();
    return so.id;
  };
  const statementIn = async (status: StatementStatus): Promise<number> => {
    const e = em();
    const s = Object.assign(new SettlementStatement(), {
      bankId: 1,
      supplierId: 1,
      period: `2${String(++seq).padStart(3, '0')}-01`,
      status,
    });
    await e.persist(s).flush();
    return s.id;
  };
  const orderStatus = async (id: number) =>
    (await selectRows<{ status: string }>(em(), 'SELECT status FROM customer_order WHERE id = ?', [id]))[0]!.status;
  const supplierOrderStatus = async (id: number) =>
    (await selectRows<{ status: string }>(em(), 'SELECT status FROM supplier_order WHERE id = ?', [id]))[0]!.status;
  const statementStatus = async (id: number) =>
    (await selectRows<{ status: string }>(em(), 'SELECT status FROM settlement_statement WHERE id = ?', [id]))[0]!
      .status;

  const tables = [
    {
      name: 'order',
      moves: ORDER_MOVES,
      insert: orderIn,
      read: orderStatus,
      move: (id: number, to: string, o: AnyMove = {}) => moveOrder(em(), id, to as OrderStatus, o),
    },
    {
      name: 'supplier order',
      moves: SUPPLIER_ORDER_MOVES,
      insert: supplierOrderIn,
      read: supplierOrderStatus,
      move: (id: number, to: string, o: AnyMove = {}) => moveSupplierOrder(em(), { id }, to as SupplierOrderStatus, o),
    },
    {
      name: 'settlement statement',
      moves: STATEMENT_MOVES,
      insert: statementIn,
      read: statementStatus,
      move: (id: number, to: string, o: AnyMove = {}) => moveStatement(em(), id, to as StatementStatus, o),
    },
  ] as const;

  for (const t of tables) {
    const { legal, illegal } = pairs(t.moves as Readonly<Record<string, readonly string[]>>);

    it(`every legal ${t.name} move (${legal.length}) happens exactly once; a repeat does not move it again`, async () => {
      assert.ok(legal.length > 0);
      for (const [from, to] of legal) {
        const id = await (t.insert as (s: string) => Promise<number>)(from);
        assert.equal(await t.move(id, to), true, `${from} → ${to} should move`);
        assert.equal(await t.read(id), to);
        assert.equal(await t.move(id, to), false, `${from} → ${to} moved twice`);
        await assert.rejects(t.move(id, to, { refuse: 'already moved' }), isConflict);
        assert.equal(await t.read(id), to);
      }
    });

    it(`every ${t.name} move the table lacks (${illegal.length}, incl. staying put) is refused with CONFLICT and changes nothing`, async () => {
      assert.ok(illegal.length > 0);
      for (const [from, to] of illegal) {
        const id = await (t.insert as (s: string) => Promise<number>)(from);
        assert.equal(await t.move(id, to), false, `${from} → ${to} must not move`);
        await assert.rejects(
          t.move(id, to, { refuse: `cannot go ${from} → ${to}` }),
          (e) => isConflict(e) && (e as Error).message === `cannot go ${from} → ${to}`,
        );
        // Asking for the move explicitly is a caller's bug: refused before any write.
        await assert.rejects(t.move(id, to, { from: [from] }), /no move from/);
        assert.equal(await t.read(id), from, `${from} → ${to} changed the row`);
      }
    });
  }

  it('the tables agree with legalFrom, and no status moves to itself', () => {
    for (const moves of [ORDER_MOVES, SUPPLIER_ORDER_MOVES, STATEMENT_MOVES] as Readonly<
      Record<string, readonly string[]>
    >[]) {
      for (const to of Object.keys(moves)) {
        assert.ok(!moves[to]!.includes(to));
        assert.deepEqual(
          legalFrom(moves, to).sort(),
          Object.keys(moves)
            .filter((f) => moves[f]!.includes(to))
            .sort(),
        );
      }
    }
  });

  it('racing moves of one unpaid order (two payments; a payment and the expiry sweep): exactly one wins', async () => {
    for (let i = 0; i < 5; i++) {
      const twice = await orderIn(OrderStatus.PENDING_PAYMENT);
      const paid = await Promise.all(
        [0, 1].map(() => moveOrder(em(), twice, OrderStatus.PAID, { from: [OrderStatus.PENDING_PAYMENT] })),
      );
      assert.equal(paid.filter(Boolean).length, 1, JSON.stringify(paid));
      assert.equal(await orderStatus(twice), OrderStatus.PAID);

      const id = await orderIn(OrderStatus.PENDING_PAYMENT);
      const unpaid = { from: [OrderStatus.PENDING_PAYMENT] };
      const results = await Promise.all([
        moveOrder(em(), id, OrderStatus.PAID, unpaid),
        moveOrder(em(), id, OrderStatus.CANCELLED, unpaid),
      ]);
      assert.equal(results.filter(Boolean).length, 1, JSON.stringify(results));
      assert.equal(await orderStatus(id), results[0] ? OrderStatus.PAID : OrderStatus.CANCELLED);
    }
  });

  it('from narrows the legal from-states, the guard must hold, and the extra columns are written with the move', async () => {
    const pending = await orderIn(OrderStatus.PENDING);
    // CANCELLED is legal from PENDING, but this caller only cancels unpaid orders awaiting payment.
    assert.equal(await moveOrder(em(), pending, OrderStatus.CANCELLED, { from: [OrderStatus.PENDING_PAYMENT] }), false);
    assert.equal(await orderStatus(pending), OrderStatus.PENDING);

    const unpaid = await orderIn(OrderStatus.PENDING_PAYMENT);
    assert.equal(await moveOrder(em(), unpaid, OrderStatus.PAID, { guard: { sql: '1 = ?', params: [0] } }), false);
    assert.equal(await orderStatus(unpaid), OrderStatus.PENDING_PAYMENT);
    const paidAt = new Date('2026-01-02T03:04:05Z');
    assert.equal(
      await moveOrder(em(), unpaid, OrderStatus.PAID, {
        guard: { sql: '1 = ?', params: [1] },
        set: { paid_at: paidAt, payment_ref: 'ref-1' },
      }),
      true,
    );
    const row = await em().findOneOrFail(Order, unpaid);
    assert.equal(row.status, OrderStatus.PAID);
    assert.equal(row.paymentRef, 'ref-1');
    assert.equal(row.paidAt?.toISOString(), paidAt.toISOString());
  });

  it("moving an order's supplier orders moves only those in a legal from-state", async () => {
    const orderId = 990_000 + ++seq;
    const waiting = await supplierOrderIn(SupplierOrderStatus.PENDING_PAYMENT, orderId, 1);
    const paid = await supplierOrderIn(SupplierOrderStatus.PAID, orderId, 2);
    const delivered = await supplierOrderIn(SupplierOrderStatus.DELIVERED, orderId, 3);
    const other = await supplierOrderIn(SupplierOrderStatus.PAID);
    assert.equal(await moveSupplierOrder(em(), { orderId }, SupplierOrderStatus.CANCELLED), true);
    assert.equal(await supplierOrderStatus(waiting), SupplierOrderStatus.CANCELLED);
    assert.equal(await supplierOrderStatus(paid), SupplierOrderStatus.CANCELLED);
    assert.equal(await supplierOrderStatus(delivered), SupplierOrderStatus.DELIVERED);
    assert.equal(await supplierOrderStatus(other), SupplierOrderStatus.PAID);
    // FAILED is reachable only from PENDING_PAYMENT: nothing of this order is left there.
    assert.equal(await moveSupplierOrder(em(), { orderId }, SupplierOrderStatus.FAILED), false);
  });
});
