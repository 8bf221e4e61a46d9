import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, conflict, notFound } from '../../../core/errors';
import { requireRole, requireRoleAndPermission, type Principal } from '../../../core/identity';
import { numericIds, pageKey, pagesPerParent, type PageLoader, type PageRequest } from '../../../core/loaders';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  decodeCursor,
  pageSize,
  toConnection,
  validPage,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import { Sku, SkuStatus } from '../entities/sku';
import { ReservationState, Stock, StockAdjustment, StockAdjustmentMode, StockReservation } from '../entities/stock';
import { actorOf, assertVisible, CATALOG_WRITERS, KEEP_STOCK, ownSupplierOnly } from './visibility';
import { affectedCount, inTransaction, insertIgnoringDuplicates, isMySql } from '../../../core/sql';
import { CodeState } from '../entities/virtual-card';
import { claimCodes, poolGained } from './code-pool.service';
import { adjustedStock, putBackStock, takeStock } from './stock-availability';

export const MAX_ORDER_LINES = 200;

export interface StockLine {
  skuId: string;
  quantity: number;
}

export interface ReservationLine {
  skuId: number;
  quantity: number;
  state: ReservationState;
}

export interface ReservationOutcome {
  orderId: string;
  lines: ReservationLine[];
  /** False when this call found the work already done (a retry). */
  changed: boolean;
}

/** Raised inside a transaction to roll it back when the order id already has reservations. */
class AlreadyReserved extends Error {}
/** The one-statement path does not fit this call (a card SKU, short stock, a retry …): take the general one. */
class NotTheUsualCase extends Error {}

/** The order's reservation rows; false when the order already holds one (its unique (order_id, sku_id) key). */
async function insertReservations(
  em: SqlEntityManager,
  orderId: string,
  wanted: { skuId: number; quantity: number }[],
): Promise<boolean> {
  const now = new Date();
  try {
    await em.insertMany(
      StockReservation,
      wanted.map((l) => ({
        orderId,
        skuId: l.skuId,
        quantity: l.quantity,
        state: ReservationState.RESERVED,
        createdAt: now,
        updatedAt: now,
      })),
    );
    return true;
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) return false;
    throw e;
  }
}

/** `CASE sku_id WHEN ? THEN ? … END`: each line's quantity, for one UPDATE over many stock rows. */
function quantityBySku(lines: { skuId: number; quantity: number }[]): { sql: string; params: number[] } {
  return {
    sql: `CASE sku_id ${lines.map(() => 'WHEN ? THEN ?').join(' ')} END`,
    params: lines.flatMap((l) => [l.skuId, l.quantity]),
  };
}

/** Whether a stored reservation is exactly the requested one (both sorted by SKU id). */
function sameLines(stored: ReservationLine[], wanted: { skuId: number; quantity: number }[]): boolean {
  return (
    stored.length === wanted.length &&
    stored.every((s, i) => s.skuId === wanted[i]!.skuId && s.quantity === wanted[i]!.quantity)
  );
}

function describeLines(lines: ReservationLine[]): string {
  return lines.map((l) => `SKU ${l.skuId} × ${l.quantity} ${l.state}`).join(', ');
}

/** A card SKU's available units in SQL, for a SKU aliased `s`: its kind's counter of AVAILABLE codes (one primary-key lookup). */
export const POOL_AVAILABLE_SQL =
  'select k.available_codes from virtual_card_kind k where k.id = s.virtual_card_kind_id';

/**
 * Stock of many SKUs as clients see it (the batch behind the `stock` loader): the stock row, except
 * that a card SKU's `available` is its pool's unissued, unheld codes (the kind's counter, kept in
 * the transactions that move codes). One statement however many SKUs. Returns detached copies, so nothing is written back.
 */
export async function stockOf(em: SqlEntityManager, skuIds: number[]): Promise<Map<number, Stock>> {
  const out = new Map<number, Stock>();
  if (skuIds.length === 0) return out;
  const rows = await em.fork().find(Stock, { skuId: { $in: skuIds } }, { populate: ['poolAvailable'] });
  for (const row of rows) out.set(row.skuId, stockView(row));
  return out;
}

/**
 * What clients see of a stock row read with its `poolAvailable` formula (an entity or a plain row):
 * a detached copy whose `available` is the pool's for a card SKU.
 */
export function stockView(
  row: Pick<Stock, 'skuId' | 'available' | 'reserved' | 'lowStockThreshold' | 'updatedAt' | 'poolAvailable'>,
): Stock {
  const view = {
    skuId: row.skuId,
    available: row.poolAvailable == null ? row.available : Number(row.poolAvailable),
    reserved: row.reserved,
    lowStockThreshold: row.lowStockThreshold,
    updatedAt: row.updatedAt,
  };
  // A Stock without its constructor (MikroORM's setters would make it a half-tracked entity).
  return Object.setPrototypeOf(view, Stock.prototype) as Stock;
}

const ADJUSTMENT_ORDER: SortKey[] = [{ field: 'id', direction: 'DESC' }];

export function validOrderId(orderId: string): string {
  if (!/^[\w.:-]{1,64}$/.test(orderId))
    throw badInput('orderId must be 1–64 letters, digits, dots, colons, dashes or underscores.');
  return orderId;
}

/**
 * Stock: suppliers' manual adjustments (with an audit row each) and the checkout saga's
 * reservations. Every change is a conditional UPDATE whose affected-row count decides the outcome;
 * nothing is read, changed in memory and written back.
 */
export class StockService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async adjust(
    skuRef: string,
    mode: StockAdjustmentMode,
    quantity: number,
    reason: string,
  ): Promise<{ stock: Stock; adjustment: StockAdjustment }> {
    requireRoleAndPermission(this.principal, CATALOG_WRITERS, KEEP_STOCK);
    if (!Number.isSafeInteger(quantity) || Math.abs(quantity) > 100_000_000)
      throw badInput('quantity must be a whole number.', [{ field: 'quantity', message: 'whole number' }]);
    if (mode === StockAdjustmentMode.SET && quantity < 0)
      throw badInput('A SET quantity cannot be negative.', [{ field: 'quantity', message: 'must be ≥ 0' }]);
    if (mode === StockAdjustmentMode.DELTA && quantity === 0)
      throw badInput('A DELTA of 0 changes nothing.', [{ field: 'quantity', message: 'must not be 0' }]);
    const why = reason.trim();
    if (why.length < 2 || why.length > 500)
      throw badInput('Give a reason (2–500 characters).', [{ field: 'reason', message: 'length 2–500' }]);
    const skuId = numericIds([skuRef])[0];
    const sku = skuId ? await this.em.findOne(Sku, { id: skuId }) : null;
    if (!sku) throw notFound('SKU', skuRef);
    assertVisible(this.principal, sku.supplierId, 'SKU', skuRef);
    if (sku.virtualCardKindId) {
      throw badInput(
        `SKU ${sku.id} is a card SKU: its stock is the unissued codes of its pool (virtual card kind ${sku.virtualCardKindId}) and cannot be set by hand. Upload codes with uploadCodes to add stock.`,
        [{ field: 'skuId', message: 'card SKU: stock follows its code pool' }],
      );
    }
    return inTransaction(this.em, async (em) => {
      // Lock the row first (an UPDATE works as a lock in both MariaDB/MySQL and SQLite), then read the
      // value we hold the lock on, then write the new one: no other writer can slip in between.
      const now = new Date();
      const locked = await em
        .createQueryBuilder(Stock)
        .update({ updatedAt: now })
        .where({ skuId: sku.id })
        .execute('run');
      if (affectedCount(locked) === 0) {
        em.create(Stock, { skuId: sku.id, available: 0, reserved: 0, lowStockThreshold: 5, updatedAt: now });
        await em.flush();
      }
      const before = (await em.findOneOrFail(Stock, { skuId: sku.id }, { refresh: true })).available;
      const after = mode === StockAdjustmentMode.SET ? quantity : before + quantity;
      if (after < 0) throw conflict(`Only ${before} unit(s) available; cannot remove ${-quantity}.`);
      const written = await em
        .createQueryBuilder(Stock)
        .update({ available: after, updatedAt: now })
        .where({ skuId: sku.id, available: before })
        .execute('run');
      if (affectedCount(written) !== 1) throw conflict('Stock changed meanwhile; retry.');
      await adjustedStock(em, sku.id, before, after);
      const adjustment = em.create(StockAdjustment, {
        skuId: sku.id,
        mode,
        delta: after - before,
        availableBefore: before,
        availableAfter: after,
        reason: why,
        actor: actorOf(this.principal),
        createdAt: now,
      });
      await em.flush();
      const stock = await em.findOneOrFail(Stock, { skuId: sku.id }, { refresh: true });
      return { stock, adjustment };
    });
  }

  /** One page of a SKU's audit trail, newest first, through the per-request loader (one statement for every SKU in the request). */
  async adjustments(
    skuId: number,
    supplierId: number,
    page: PageRequest,
    pages: PageLoader<StockAdjustment>,
  ): Promise<Connection<StockAdjustment>> {
    assertVisible(this.principal, supplierId, 'SKU', skuId);
    requireRole(this.principal, ...CATALOG_WRITERS);
    validPage(page, ADJUSTMENT_ORDER.length);
    return (await pages.load(pageKey(skuId, page)))!;
  }

  /** Batch function behind `adjustments`: keyset pages for many SKUs in one statement. */
  static adjustmentPages(em: SqlEntityManager) {
    return pagesPerParent(em, StockAdjustment, {
      parentField: 'skuId',
      order: ADJUSTMENT_ORDER,
      cursorOf: (a) => [a.id],
    });
  }

  /** A supplier's SKUs at or below their low-stock threshold, by SKU id. */
  async lowStock(
    supplierRef: string | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<Sku>> {
    requireRole(this.principal, ...CATALOG_WRITERS);
    const own = ownSupplierOnly(this.principal);
    const supplierId = own ?? (supplierRef ? Number(supplierRef) : null);
    if (own !== null && supplierRef && supplierRef !== String(own)) throw notFound('Supplier', supplierRef);
    const limit = pageSize(first);
    const qb = this.em
      .createQueryBuilder(Sku, 's')
      .select('s.*')
      // A card SKU's available units are its pool's AVAILABLE codes (the kind's counter).
      .where(
        `exists (select 1 from stock st where st.sku_id = s.id and (case when s.virtual_card_kind_id is null then st.available else (${POOL_AVAILABLE_SQL}) end) <= st.low_stock_threshold)`,
      )
      .orderBy({ id: 'ASC' })
      .limit(limit + 1);
    if (supplierId !== null) qb.andWhere({ supplierId });
    if (after) qb.andWhere({ id: { $gt: Number(decodeCursor(after, 1)[0]) } });
    const rows = await qb.getResultList();
    return toConnection(rows, limit, (s) => [s.id], Boolean(after));
  }

  // ---------- saga (SERVICE only) ----------

  /**
   * Holds stock for every line of an order, all or nothing. A retry with the same order id and the
   * same lines changes nothing and reports the reservation as it stands; the same order id with other
   * lines (another SKU, another quantity, a line more or less) is CONFLICT, never a silent success.
   */
  async reserve(orderIdRaw: string, lines: StockLine[], attempt = 1): Promise<ReservationOutcome> {
    requireRole(this.principal, 'SERVICE');
    const orderId = validOrderId(orderIdRaw);
    const wanted = this.validLines(lines);
    if (attempt === 1 && (await this.reserveUsual(orderId, wanted)))
      return { orderId, lines: wanted.map((l) => ({ ...l, state: ReservationState.RESERVED })), changed: true };
    const skus = await this.em.find(Sku, { id: { $in: wanted.map((l) => l.skuId) } });
    const byId = new Map(skus.map((s) => [s.id, s]));
    for (const line of wanted) {
      const sku = byId.get(line.skuId);
      if (!sku) throw notFound('SKU', line.skuId);
    }
    try {
      await inTransaction(this.em, async (em) => {
        // The unique (order_id, sku_id) key decides which of two concurrent retries does the work.
        if (!(await insertReservations(em, orderId, wanted))) throw new AlreadyReserved();
        if ((await em.count(StockReservation, { orderId })) !== wanted.length) throw new AlreadyReserved();
        // Ascending SKU order: concurrent multi-line orders lock rows in the same order, so they queue instead of deadlocking.
        for (const line of wanted) {
          const sku = byId.get(line.skuId)!;
          if (sku.status !== SkuStatus.ACTIVE)
            throw conflict(`SKU ${sku.id} is not for sale (INACTIVE); nothing was reserved.`);
          if (sku.virtualCardKindId) {
            // A card SKU's stock is its pool: hold that many codes for the order (RESERVED), so
            // concurrent checkouts can never promise more codes than the pool has.
            const held = await claimCodes(
              em,
              sku.virtualCardKindId,
              line.quantity,
              CodeState.RESERVED,
              orderId,
              sku.id,
            );
            if (held !== line.quantity)
              throw conflict(`Insufficient stock for SKU ${line.skuId}; nothing was reserved.`);
            await this.holdOnStockRow(em, sku.id, line.quantity);
            continue;
          }
          if (!(await takeStock(em, line.skuId, line.quantity, true)))
            throw conflict(`Insufficient stock for SKU ${line.skuId}; nothing was reserved.`);
        }
      });
    } catch (e) {
      if (!(e instanceof AlreadyReserved)) throw e;
      const existing = await this.linesOf(orderId);
      // A concurrent first attempt that held the key but rolled back (short stock) left nothing: try again.
      if (existing.length === 0 && attempt < 3) return this.reserve(orderIdRaw, lines, attempt + 1);
      if (!sameLines(existing, wanted)) {
        throw conflict(
          `Order ${orderId} already holds a different reservation (${describeLines(existing)}); nothing was changed. Use a new order id.`,
        );
      }
      return { orderId, lines: existing, changed: false };
    }
    return { orderId, lines: wanted.map((l) => ({ ...l, state: ReservationState.RESERVED })), changed: true };
  }

  /**
   * The usual reservation in two statements: the reservation rows, then one conditional UPDATE of
   * every line's stock row that holds only when each SKU is ACTIVE goods (not a card), has more than
   * the units (the last units take the general path, which announces that the SKU ran out), and this
   * order holds no other reservation rows (a retry with other lines). Anything else — a card SKU,
   * short stock or the last units, an inactive or unknown SKU, a retry — rolls back and answers
   * false, and the general path below works out what to do and what to say.
   */
  private async reserveUsual(orderId: string, wanted: { skuId: number; quantity: number }[]): Promise<boolean> {
    try {
      await inTransaction(this.em, async (em) => {
        if (!(await insertReservations(em, orderId, wanted))) throw new NotTheUsualCase();
        const q = quantityBySku(wanted);
        const ids = wanted.map((l) => l.skuId);
        const marks = ids.map(() => '?').join(', ');
        // Rows are locked in sku_id order, as the general path does, so concurrent orders queue instead of deadlocking.
        const r = await em.execute(
          `UPDATE stock SET available = available - ${q.sql}, reserved = reserved + ${q.sql}
           WHERE sku_id IN (${marks}) AND available > ${q.sql}
             AND sku_id IN (SELECT id FROM sku WHERE id IN (${marks}) AND status = ? AND virtual_card_kind_id IS NULL)
             AND (SELECT COUNT(*) FROM stock_reservation WHERE order_id = ?) = ?`,
          [...q.params, ...q.params, ...ids, ...q.params, ...ids, SkuStatus.ACTIVE, orderId, wanted.length],
          'run',
        );
        if (affectedCount(r) !== wanted.length) throw new NotTheUsualCase();
      });
      return true;
    } catch (e) {
      if (e instanceof NotTheUsualCase) return false;
      throw e;
    }
  }

  /** Counts a card SKU's held codes in its stock row's `reserved` (the row is created if missing). */
  private async holdOnStockRow(em: SqlEntityManager, skuId: number, quantity: number): Promise<void> {
    const r = await em.execute('UPDATE stock SET reserved = reserved + ? WHERE sku_id = ?', [quantity, skuId], 'run');
    if (affectedCount(r) === 1) return;
    await insertIgnoringDuplicates(
      em,
      'stock',
      [
        {
          sku_id: skuId,
          available: 0,
          reserved: 0,
          low_stock_threshold: 5,
          updated_at: em.getPlatform().processDateProperty(new Date()),
        },
      ],
      ['sku_id'],
    );
    await em.execute('UPDATE stock SET reserved = reserved + ? WHERE sku_id = ?', [quantity, skuId], 'run');
  }

  /** Reserved units leave stock for good (the order is paid). */
  async commit(orderIdRaw: string): Promise<ReservationOutcome> {
    requireRole(this.principal, 'SERVICE');
    const orderId = validOrderId(orderIdRaw);
    if (isMySql(this.em)) {
      const lines = await this.commitJoined(orderId);
      if (lines) return { orderId, lines, changed: true };
    }
    return this.transition(orderId, ReservationState.COMMITTED);
  }

  /**
   * Reserved units go back on sale (the order failed or was cancelled before commit). For a card SKU
   * that means its held codes go back to AVAILABLE.
   */
  release(orderId: string): Promise<ReservationOutcome> {
    return this.transition(orderId, ReservationState.RELEASED);
  }

  private async transition(orderIdRaw: string, to: ReservationState): Promise<ReservationOutcome> {
    requireRole(this.principal, 'SERVICE');
    const orderId = validOrderId(orderIdRaw);
    const existing = await this.em.find(StockReservation, { orderId }, { orderBy: { skuId: 'ASC' } });
    if (existing.length === 0) {
      // Releasing an order that never reserved is a harmless compensation; committing one is a bug.
      if (to === ReservationState.RELEASED) return { orderId, lines: [], changed: false };
      throw notFound('Reservation for order', orderId);
    }
    const other = to === ReservationState.COMMITTED ? ReservationState.RELEASED : ReservationState.COMMITTED;
    if (existing.some((r) => r.state === other)) {
      throw conflict(
        `The reservation of order ${orderId} was already ${other.toLowerCase()}; it cannot be ${to.toLowerCase()}.`,
      );
    }
    // A commit moves card and physical SKUs alike (only `reserved`): it needs no SKU facts, and the
    // usual case — every row still RESERVED — is two statements.
    if (to === ReservationState.COMMITTED && (await this.commitUsual(orderId, existing)))
      return {
        orderId,
        lines: existing.map((r) => ({ skuId: r.skuId, quantity: r.quantity, state: to })),
        changed: true,
      };
    const cardSkus = new Map(
      (
        await this.em
          .fork()
          .find(
            Sku,
            { id: { $in: existing.map((r) => r.skuId) }, virtualCardKindId: { $ne: null } },
            { fields: ['id', 'virtualCardKindId'] },
          )
      ).map((s) => [s.id, s.virtualCardKindId!]),
    );
    let changed = false;
    await inTransaction(this.em, async (em) => {
      changed = false; // a deadlock retry starts over
      for (const row of existing) {
        // The state transition is the guard: only the call that flips RESERVED moves stock.
        const flipped = await em
          .createQueryBuilder(StockReservation)
          .update({ state: to, updatedAt: new Date() })
          .where({ id: row.id, state: ReservationState.RESERVED })
          .execute('run');
        if (affectedCount(flipped) === 0) continue;
        changed = true;
        const card = cardSkus.has(row.skuId);
        if (card && to === ReservationState.RELEASED) {
          // The held codes go back to the pool (none left if `releaseCodes` freed them already).
          const kindId = cardSkus.get(row.skuId)!;
          const back = await em.execute(
            `UPDATE virtual_card_code SET state = 'AVAILABLE', order_id = NULL, sku_id = NULL WHERE order_id = ? AND sku_id = ? AND kind_id = ? AND state = 'RESERVED'`,
            [orderId, row.skuId, kindId],
            'run',
          );
          await poolGained(em, kindId, affectedCount(back));
        }
        // A card SKU's `available` is its pool, so only its `reserved` count moves; on commit its codes
        // stay RESERVED for the order until `allocateCodes` issues them. Released goods go back on
        // sale (announced when the SKU had run out).
        const moved =
          card || to === ReservationState.COMMITTED
            ? affectedCount(
                await em.execute(
                  'UPDATE stock SET reserved = reserved - ? WHERE sku_id = ? AND reserved >= ?',
                  [row.quantity, row.skuId, row.quantity],
                  'run',
                ),
              ) === 1
            : await putBackStock(em, row.skuId, row.quantity, true);
        if (!moved)
          throw new Error(`stock of SKU ${row.skuId} holds fewer reserved units than order ${orderId} reserved`);
      }
    });
    const lines = await this.linesOf(orderId);
    if (lines.some((l) => l.state === other)) {
      throw conflict(`The reservation of order ${orderId} was ${other.toLowerCase()} concurrently.`);
    }
    return { orderId, lines, changed };
  }

  /**
   * Commits every row of `existing` in one UPDATE of the reservation and one of the stock rows, when
   * this call flips all of them from RESERVED; otherwise (a retry, a concurrent release) it rolls back
   * and answers false for the row-by-row path to sort out.
   */
  private async commitUsual(orderId: string, existing: StockReservation[]): Promise<boolean> {
    if (existing.some((r) => r.state !== ReservationState.RESERVED)) return false;
    try {
      await inTransaction(this.em, async (em) => {
        const ids = existing.map((r) => r.id);
        const flipped = await em.execute(
          `UPDATE stock_reservation SET state = ?, updated_at = ? WHERE id IN (${ids.map(() => '?').join(', ')}) AND state = ?`,
          [ReservationState.COMMITTED, new Date(), ...ids, ReservationState.RESERVED],
          'run',
        );
        if (affectedCount(flipped) !== existing.length) throw new NotTheUsualCase();
        const q = quantityBySku(existing);
        const skuIds = existing.map((r) => r.skuId);
        const moved = await em.execute(
          `UPDATE stock SET reserved = reserved - ${q.sql} WHERE sku_id IN (${skuIds.map(() => '?').join(', ')}) AND reserved >= ${q.sql}`,
          [...q.params, ...skuIds, ...q.params],
          'run',
        );
        if (affectedCount(moved) !== existing.length)
          throw new Error(`stock holds fewer reserved units than order ${orderId} reserved`);
      });
      return true;
    } catch (e) {
      if (e instanceof NotTheUsualCase) return false;
      throw e;
    }
  }

  /**
   * The usual commit on MySQL/MariaDB in two statements: one UPDATE flips every RESERVED row of the
   * order and takes its units off its stock row's `reserved` (reservation rows first, in SKU order,
   * then their stock rows, as every other path locks them), then the rows are read for the answer.
   * Null, changing nothing, when no row was RESERVED (a retry, a release first): `transition` answers.
   */
  private async commitJoined(orderId: string): Promise<ReservationLine[] | null> {
    return inTransaction(this.em, async (em) => {
      const changed = affectedCount(
        await em.execute(
          `UPDATE stock_reservation r STRAIGHT_JOIN stock s ON s.sku_id = r.sku_id
           SET r.state = ?, r.updated_at = ?, s.reserved = s.reserved - r.quantity
           WHERE r.order_id = ? AND r.state = ? AND s.reserved >= r.quantity`,
          [ReservationState.COMMITTED, new Date(), orderId, ReservationState.RESERVED],
          'run',
        ),
      );
      if (changed === 0) return null;
      const rows = await em.execute<{ sku_id: number; quantity: number; state: ReservationState }[]>(
        'SELECT sku_id, quantity, state FROM stock_reservation WHERE order_id = ? ORDER BY sku_id',
        [orderId],
      );
      // Every row of an order moves together; one left behind means its stock row holds fewer reserved units.
      if (changed !== 2 * rows.length || rows.some((r) => r.state !== ReservationState.COMMITTED))
        throw new Error(`stock holds fewer reserved units than order ${orderId} reserved`);
      return rows.map((r) => ({ skuId: Number(r.sku_id), quantity: Number(r.quantity), state: r.state }));
    });
  }

  private async linesOf(orderId: string): Promise<ReservationLine[]> {
    const rows = await this.em.fork().find(StockReservation, { orderId }, { orderBy: { skuId: 'ASC' } });
    return rows.map((r) => ({ skuId: r.skuId, quantity: r.quantity, state: r.state }));
  }

  private validLines(lines: StockLine[]): { skuId: number; quantity: number }[] {
    if (lines.length === 0 || lines.length > MAX_ORDER_LINES)
      throw badInput(`An order has 1 to ${MAX_ORDER_LINES} lines.`);
    const problems: { index: number; field: string; message: string }[] = [];
    const seen = new Set<number>();
    const out = lines.map((l, index) => {
      const skuId = numericIds([l.skuId])[0] ?? 0;
      if (!skuId) problems.push({ index, field: 'skuId', message: 'not a SKU id' });
      else if (seen.has(skuId)) problems.push({ index, field: 'skuId', message: 'appears twice; merge the lines' });
      seen.add(skuId);
      if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > 10_000)
        problems.push({ index, field: 'quantity', message: 'must be 1–10000' });
      return { skuId, quantity: l.quantity };
    });
    if (problems.length) throw badInput('Some order lines are invalid; nothing was reserved.', problems);
    return out.sort((a, b) => a.skuId - b.skuId);
  }
}
