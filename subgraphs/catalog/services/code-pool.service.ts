import type { SqlEntityManager } from '@mikro-orm/knex';
import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import { badInput, conflict, notFound, type FieldProblem } from '../../../core/errors';
import { BANK_ROLES, requireRole, requireRoleAndPermission, type Principal } from '../../../core/identity';
import { numericIds } from '../../../core/loaders';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { Sku, SkuKind } from '../entities/sku';
import { Supplier } from '../entities/supplier';
import { CodeAllocation, CodePoolSummary, CodeState, VirtualCardCode, VirtualCardKind } from '../entities/virtual-card';
import { codeCipher } from './code-crypto';
import { validOrderId, type StockLine } from './stock.service';
import { announcePool } from './stock-availability';
import {
  affectedCount,
  affectedRows,
  forUpdate,
  inTransaction,
  insertIgnoringDuplicates,
  isMySql,
  selectRows,
  skipLocked as skipLockedSql,
} from '../../../core/sql';
import { assertVisible, CATALOG_WRITERS, EDIT_CATALOG, KEEP_STOCK, ownSupplierOnly, writeScope } from './visibility';

export const MAX_CODES_PER_UPLOAD = 5000;

export interface NewKind {
  supplierId?: string | null;
  name: string;
  faceValueFen: number;
  validityDays: number;
  lowPoolThreshold?: number | null;
}

export interface KindChanges {
  virtualCardKindId: string;
  name?: string | null;
  faceValueFen?: number | null;
  validityDays?: number | null;
  lowPoolThreshold?: number | null;
}

/** What is wrong with a kind's fields (those given), by field. */
function kindProblems(k: Omit<KindChanges, 'virtualCardKindId'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (k.name != null && (k.name.length < 2 || k.name.length > 200))
    problems.push({ field: 'name', message: 'must be 2–200 characters' });
  if (k.faceValueFen != null && (!Number.isSafeInteger(k.faceValueFen) || k.faceValueFen < 0))
    problems.push({ field: 'faceValueFen', message: 'must be a whole number of fen ≥ 0' });
  if (k.validityDays != null && (!Number.isSafeInteger(k.validityDays) || k.validityDays < 1 || k.validityDays > 3650))
    problems.push({ field: 'validityDays', message: 'must be 1–3650' });
  const t = k.lowPoolThreshold;
  if (t != null && (!Number.isSafeInteger(t) || t < 0 || t > 1_000_000))
    problems.push({ field: 'lowPoolThreshold', message: 'must be 0–1,000,000' });
  return problems;
}

export interface UploadOutcome {
  kind: VirtualCardKind;
  inserted: number;
  duplicates: FieldProblem[];
}

/** A code issued to an order, without its plaintext (ask `disclose` for that, which records it). */
export interface IssuedCode {
  skuId: number;
  codeId: number;
  expiresAt: Date | null;
}

export interface ReleaseOutcome {
  orderId: string;
  /** Codes this call withdrew from the order (0 on a retry). */
  released: number;
  /** Of those, how many went back to AVAILABLE; the rest are VOID. */
  returnedToPool: number;
}

export interface AllocationOutcome {
  orderId: string;
  codes: IssuedCode[];
  changed: boolean;
}

class AlreadyAllocated extends Error {}

/** Normalised form of an uploaded code: what counts as "the same code" for duplicate detection. */
function normalise(code: string): string {
  return code.trim();
}

/**
 * The pool counter (`virtual_card_kind.available_codes`) gained `n` AVAILABLE codes. Called in the
 * transaction of the statement that made them AVAILABLE, with that statement's affected-row count.
 */
export async function poolGained(em: SqlEntityManager, kindId: number, n: number): Promise<void> {
  if (n <= 0) return;
  const grew = await affectedRows(
    em,
    'UPDATE virtual_card_kind SET available_codes = available_codes + ? WHERE id = ? AND available_codes > 0',
    [n, kindId],
  );
  if (grew === 1) return;
  // An empty pool got codes again: its SKUs are back in stock (services/stock-availability.ts).
  await affectedRows(
    em,
    'UPDATE virtual_card_kind SET available_codes = available_codes + ?, availability_version = availability_version + 1 WHERE id = ?',
    [n, kindId],
  );
  await announcePool(em, kindId);
}

/**
 * Takes `n` from the pool counter if it has that many (a conditional UPDATE, never read-modify-write);
 * false when the pool is short. The counter row is taken first by every claim, so claims on one pool
 * queue on it and a short pool is refused without touching the codes.
 */
async function takeFromPool(em: SqlEntityManager, kindId: number, n: number): Promise<boolean> {
  const take = (last: boolean) =>
    affectedRows(
      em,
      last
        ? 'UPDATE virtual_card_kind SET available_codes = available_codes - ?, availability_version = availability_version + 1 WHERE id = ? AND available_codes = ?'
        : 'UPDATE virtual_card_kind SET available_codes = available_codes - ? WHERE id = ? AND available_codes > ?',
      [n, kindId, n],
    );
  if ((await take(false)) === 1) return true;
  // The pool's last codes: its SKUs go out of stock (services/stock-availability.ts).
  if ((await take(true)) !== 1) return false;
  await announcePool(em, kindId);
  return true;
}

/**
 * Recounts pool counters from the code rows (`kindIds` omitted: every kind). Not for request paths —
 * it reads the whole pool — but for the migration's backfill, the demo seed and tests that write code
 * rows directly.
 */
export async function recountPools(em: SqlEntityManager, kindIds?: readonly number[]): Promise<void> {
  if (kindIds && kindIds.length === 0) return;
  const where = kindIds ? ` WHERE id IN (${kindIds.map(() => '?').join(',')})` : '';
  await em.execute(
    `UPDATE virtual_card_kind SET available_codes = (SELECT COUNT(*) FROM virtual_card_code c WHERE c.kind_id = virtual_card_kind.id AND c.state = 'AVAILABLE')${where}`,
    kindIds ? [...kindIds] : [],
    'run',
  );
}

/**
 * Moves `quantity` AVAILABLE codes of a kind to `to` (RESERVED at checkout, ISSUED at allocation) for
 * an order's SKU, all or none; returns how many it moved (`quantity`, or 0 when the pool is short —
 * the caller then rolls its transaction back, the counter with it). First the kind's counter is
 * lowered by `quantity` if it has that many; then, MariaDB/MySQL: a locking read that skips rows
 * others are changing right now, then — short only because others hold rows they may yet give
 * back — the same read waiting for them, then a conditional UPDATE whose row count must match.
 * SQLite has one writer at a time: a single conditional UPDATE claims them atomically.
 */
export async function claimCodes(
  em: SqlEntityManager,
  kindId: number,
  quantity: number,
  to: CodeState.RESERVED | CodeState.ISSUED,
  orderId: string,
  skuId: number,
): Promise<number> {
  if (!(await takeFromPool(em, kindId, quantity))) return 0;
  if (isMySql(em)) {
    const pick = async (skipLocked: boolean) =>
      (
        await em.execute<{ id: number }[]>(
          `SELECT id FROM virtual_card_code WHERE kind_id = ? AND state = 'AVAILABLE' ORDER BY id LIMIT ${quantity} FOR UPDATE${skipLocked ? skipLockedSql(em) : ''}`,
          [kindId],
        )
      ).map((r) => Number(r.id));
    let ids = await pick(true);
    if (ids.length < quantity) ids = await pick(false);
    if (ids.length < quantity) return 0;
    return affectedCount(
      await em.execute(
        `UPDATE virtual_card_code SET state = ?, order_id = ?, sku_id = ? WHERE state = 'AVAILABLE' AND id IN (${ids.map(() => '?').join(',')})`,
        [to, orderId, skuId, ...ids],
        'run',
      ),
    );
  }
  return affectedCount(
    await em.execute(
      `UPDATE virtual_card_code SET state = ?, order_id = ?, sku_id = ? WHERE id IN (SELECT id FROM virtual_card_code WHERE kind_id = ? AND state = 'AVAILABLE' ORDER BY id LIMIT ?)`,
      [to, orderId, skuId, kindId, quantity],
      'run',
    ),
  );
}

/**
 * Virtual card kinds and their code pools. Codes are encrypted at rest; allocation claims codes by
 * locking reads that skip rows other orders hold (MariaDB ≥ 10.6 / MySQL 8), or by one conditional
 * UPDATE on the embedded SQLite (single writer), so no code is ever issued twice.
 */
export class CodePoolService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async createKind(input: NewKind): Promise<VirtualCardKind> {
    const supplierId = writeScope(this.principal, input.supplierId);
    const name = input.name.trim();
    const threshold = input.lowPoolThreshold ?? 10;
    const problems = kindProblems({ ...input, name, lowPoolThreshold: threshold });
    if (problems.length)
      throw badInput(`Invalid virtual card kind: ${problems[0]!.field} ${problems[0]!.message}.`, problems);
    try {
      return await inTransaction(this.em, async (em) => {
        if ((await em.count(Supplier, { id: supplierId })) === 0) throw notFound('Supplier', supplierId);
        const kind = em.create(VirtualCardKind, {
          supplierId,
          name,
          faceValueFen: input.faceValueFen,
          validityDays: input.validityDays,
          lowPoolThreshold: threshold,
          availableCodes: 0,
          createdAt: new Date(),
        });
        await em.flush();
        return kind;
      });
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException)
        throw conflict(`A virtual card kind named "${name}" already exists.`);
      throw e;
    }
  }

  /**
   * Changes a kind's name, face value, validity or low-pool threshold (omitted: unchanged), with the
   * same permission and rules as creating one; another supplier's kind is NOT_FOUND. Codes already
   * issued keep the validity they were issued with; the pool and its SKUs are untouched.
   */
  async updateKind(input: KindChanges): Promise<VirtualCardKind> {
    requireRoleAndPermission(this.principal, CATALOG_WRITERS, EDIT_CATALOG);
    const name = input.name?.trim();
    const problems = kindProblems({ ...input, name });
    if (problems.length)
      throw badInput(`Invalid virtual card kind: ${problems[0]!.field} ${problems[0]!.message}.`, problems);
    const kind = await this.kind(input.virtualCardKindId);
    if (name != null) kind.name = name;
    if (input.faceValueFen != null) kind.faceValueFen = input.faceValueFen;
    if (input.validityDays != null) kind.validityDays = input.validityDays;
    if (input.lowPoolThreshold != null) kind.lowPoolThreshold = input.lowPoolThreshold;
    try {
      await this.em.flush();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException)
        throw conflict(`A virtual card kind named "${name}" already exists.`);
      throw e;
    }
    return kind;
  }

  /** The low-pool alert threshold of one of the supplier's kinds (MANAGE_STOCK, as uploading codes). */
  async setLowPoolThreshold(id: string, threshold: number): Promise<VirtualCardKind> {
    requireRoleAndPermission(this.principal, CATALOG_WRITERS, KEEP_STOCK);
    if (!Number.isSafeInteger(threshold) || threshold < 0 || threshold > 1_000_000)
      throw badInput('lowPoolThreshold must be 0–1,000,000.', [
        { field: 'input.lowPoolThreshold', message: 'must be 0–1,000,000' },
      ]);
    const kind = await this.kind(id);
    kind.lowPoolThreshold = threshold;
    await this.em.flush();
    return kind;
  }

  async kind(id: string): Promise<VirtualCardKind> {
    const kindId = numericIds([id])[0];
    const kind = kindId ? await this.em.findOne(VirtualCardKind, { id: kindId }) : null;
    if (!kind) throw notFound('Virtual card kind', id);
    assertVisible(this.principal, kind.supplierId, 'Virtual card kind', id);
    return kind;
  }

  /** A page of kinds (suppliers: their own), optionally only those whose pool is depleting. */
  async kinds(
    supplierRef: string | null | undefined,
    depletingOnly: boolean,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<VirtualCardKind>> {
    requireRole(this.principal, ...CATALOG_WRITERS, ...BANK_ROLES);
    const own = ownSupplierOnly(this.principal);
    if (own !== null && supplierRef && supplierRef !== String(own)) throw notFound('Supplier', supplierRef);
    const supplierId = own ?? (supplierRef ? Number(supplierRef) : null);
    const limit = pageSize(first);
    const qb = this.em
      .createQueryBuilder(VirtualCardKind, 'k')
      .select('k.*')
      .orderBy({ id: 'ASC' })
      .limit(limit + 1);
    if (supplierId !== null) qb.andWhere({ supplierId });
    if (after) qb.andWhere({ id: { $gt: Number(decodeCursor(after, 1)[0]) } });
    if (depletingOnly) {
      qb.andWhere('k.available_codes <= k.low_pool_threshold');
    }
    const rows = await qb.getResultList();
    return toConnection(rows, limit, (k) => [k.id], Boolean(after));
  }

  /**
   * Pool summaries for many kinds in one statement (used through a DataLoader): `available` is the
   * kind's counter; RESERVED, ISSUED and VOID are counted on the claim index (kind, state), so the
   * AVAILABLE range — the big one — is never read.
   */
  static async counts(em: SqlEntityManager, kindIds: readonly number[]): Promise<Map<number, CodePoolSummary>> {
    const out = new Map<number, CodePoolSummary>();
    if (kindIds.length === 0) return out;
    const ids = [...kindIds];
    const marks = ids.map(() => '?').join(',');
    const rows = await em.execute<{ kind_id: number; state: CodeState | null; n: number | string }[]>(
      `SELECT k.id AS kind_id, NULL AS state, k.available_codes AS n FROM virtual_card_kind k WHERE k.id IN (${marks})
       UNION ALL
       SELECT c.kind_id, c.state, COUNT(*) AS n FROM virtual_card_code c WHERE c.kind_id IN (${marks}) AND c.state IN ('RESERVED', 'ISSUED', 'VOID') GROUP BY c.kind_id, c.state`,
      [...ids, ...ids],
    );
    for (const id of kindIds) out.set(id, { available: 0, reserved: 0, issued: 0, void: 0, depleting: false });
    for (const r of rows) {
      const s = out.get(Number(r.kind_id));
      if (!s) continue;
      const n = Number(r.n);
      if (r.state === null) s.available = n;
      else if (r.state === CodeState.RESERVED) s.reserved = n;
      else if (r.state === CodeState.ISSUED) s.issued = n;
      else s.void = n;
    }
    return out;
  }

  /**
   * Adds codes to a kind's pool. Codes already in the pool, or repeated within the upload, are
   * reported by index and skipped; the rest are inserted with multi-row INSERTs.
   */
  async upload(kindRef: string, codes: string[]): Promise<UploadOutcome> {
    requireRoleAndPermission(this.principal, CATALOG_WRITERS, KEEP_STOCK);
    if (codes.length === 0 || codes.length > MAX_CODES_PER_UPLOAD)
      throw badInput(`Upload 1 to ${MAX_CODES_PER_UPLOAD} codes at a time.`);
    const kind = await this.kind(kindRef);
    writeScope(this.principal, String(kind.supplierId), KEEP_STOCK);
    const cipher = codeCipher();
    const problems: FieldProblem[] = [];
    const duplicates: FieldProblem[] = [];
    const byHash = new Map<string, { index: number; code: string }>();
    codes.forEach((raw, index) => {
      const code = normalise(raw);
      if (code.length < 4 || code.length > 200 || /\s/.test(code)) {
        problems.push({ index, field: 'codes', message: 'a code is 4–200 characters without spaces' });
        return;
      }
      const hash = cipher.hash(code);
      const first = byHash.get(hash);
      if (first) duplicates.push({ index, field: 'codes', message: `repeats code at index ${first.index}` });
      else byHash.set(hash, { index, code });
    });
    if (problems.length)
      throw badInput(`Nothing was uploaded: code at index ${problems[0]!.index} is malformed.`, problems);
    return inTransaction(this.em, async (em) => {
      const hashes = [...byHash.keys()];
      for (let i = 0; i < hashes.length; i += 1000) {
        const found = await em.find(
          VirtualCardCode,
          { kindId: kind.id, codeHash: { $in: hashes.slice(i, i + 1000) } },
          { fields: ['id', 'codeHash'] },
        );
        for (const f of found) {
          const { index } = byHash.get(f.codeHash)!;
          duplicates.push({ index, field: 'codes', message: 'already in the pool' });
          byHash.delete(f.codeHash);
        }
      }
      const now = new Date();
      const rows = [...byHash.entries()].map(([codeHash, { code }]) => ({
        kindId: kind.id,
        supplierId: kind.supplierId,
        ciphertext: cipher.encrypt(code, kind.id),
        codeHash,
        state: CodeState.AVAILABLE,
        createdAt: now,
      }));
      let inserted = 0;
      for (let i = 0; i < rows.length; i += 1000) {
        // A concurrent upload of the same code loses on the unique index and is skipped, not failed.
        const r = await em
          .createQueryBuilder(VirtualCardCode)
          .insert(rows.slice(i, i + 1000))
          .onConflict(['kindId', 'codeHash'])
          .ignore()
          .execute('run');
        inserted += affectedCount(r);
      }
      await poolGained(em, kind.id, inserted);
      duplicates.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      return { kind, inserted, duplicates };
    });
  }

  /**
   * Issues codes for an order's virtual lines, all or nothing, idempotent on (orderId, skuId): a
   * retry returns the very same codes. Plaintext codes go to the SERVICE principal only, and only
   * through `disclose` (the payload's `code` field), which records that they left the catalog.
   */
  async allocate(orderIdRaw: string, lines: StockLine[]): Promise<AllocationOutcome> {
    requireRole(this.principal, 'SERVICE');
    const orderId = validOrderId(orderIdRaw);
    if (lines.length === 0 || lines.length > 200) throw badInput('An allocation has 1 to 200 lines.');
    const problems: FieldProblem[] = [];
    const wanted = lines.map((l, index) => {
      const skuId = numericIds([l.skuId])[0] ?? 0;
      if (!skuId) problems.push({ index, field: 'skuId', message: 'not a SKU id' });
      if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > 1000)
        problems.push({ index, field: 'quantity', message: 'must be 1–1000' });
      return { skuId, quantity: l.quantity };
    });
    if (new Set(wanted.map((w) => w.skuId)).size !== wanted.length)
      problems.push({ field: 'lines', message: 'a SKU appears twice; merge the lines' });
    if (problems.length) throw badInput('Invalid allocation lines; nothing was issued.', problems);
    wanted.sort((a, b) => a.skuId - b.skuId);
    const skus = new Map((await this.em.find(Sku, { id: { $in: wanted.map((w) => w.skuId) } })).map((s) => [s.id, s]));
    for (const w of wanted) {
      const sku = skus.get(w.skuId);
      if (!sku) throw notFound('SKU', w.skuId);
      if (sku.kind !== SkuKind.VIRTUAL || !sku.virtualCardKindId)
        throw badInput(`SKU ${w.skuId} is not a virtual card; it has no codes.`);
    }
    let changed = true;
    try {
      await inTransaction(this.em, async (em) => {
        // Insert first, then look for a release: a locking read of a key nobody has inserted yet would
        // gap-lock the index, and concurrent allocations of new orders would deadlock inserting into
        // that gap. A release that came first (even before anything was allocated) left a released
        // row, which the read below sees (waiting for it if uncommitted); a release coming later waits
        // on the rows inserted here and then withdraws what this allocation issued.
        try {
          await em.insertMany(
            CodeAllocation,
            wanted.map((w) => ({
              orderId,
              skuId: w.skuId,
              quantity: w.quantity,
              released: false,
              createdAt: new Date(),
            })),
          );
        } catch (e) {
          if (e instanceof UniqueConstraintViolationException) throw new AlreadyAllocated();
          throw e;
        }
        const before = await selectRows<{ released: number | boolean }>(
          em,
          `SELECT released FROM code_allocation WHERE order_id = ?${forUpdate(em)}`,
          [orderId],
        );
        if (before.some((a) => Boolean(Number(a.released))))
          throw conflict(`The codes of order ${orderId} were released; they cannot be issued again.`);
        for (const w of wanted) {
          const kindId = skus.get(w.skuId)!.virtualCardKindId!;
          // Codes the order's stock reservation holds for this SKU first (checkout claimed them), then —
          // for an order reserved before reservations held codes — fresh ones from the pool.
          // A plain read, then a conditional UPDATE by primary key that re-checks each row: a locking
          // read here would gap-lock the order index where concurrent claims for other orders write,
          // while they wait on the pool counter this transaction may take next — a deadlock.
          const held = await selectRows<{ id: number }>(
            em,
            `SELECT id FROM virtual_card_code WHERE order_id = ? AND sku_id = ? AND state = 'RESERVED' ORDER BY id LIMIT ${w.quantity}`,
            [orderId, w.skuId],
          );
          let claimed =
            held.length === 0
              ? 0
              : affectedCount(
                  await em.execute(
                    `UPDATE virtual_card_code SET state = 'ISSUED' WHERE state = 'RESERVED' AND order_id = ? AND id IN (${held.map(() => '?').join(',')})`,
                    [orderId, ...held.map((h) => Number(h.id))],
                    'run',
                  ),
                );
          if (claimed < w.quantity)
            claimed += await claimCodes(em, kindId, w.quantity - claimed, CodeState.ISSUED, orderId, w.skuId);
          if (claimed !== w.quantity)
            throw conflict(
              `Not enough codes in the pool of SKU ${w.skuId} (wanted ${w.quantity}); nothing was issued.`,
            );
        }
        await em
          .createQueryBuilder(VirtualCardCode)
          .update({ issuedAt: new Date() })
          .where({ orderId, issuedAt: null })
          .execute('run');
      });
    } catch (e) {
      if (!(e instanceof AlreadyAllocated)) throw e;
      changed = false;
    }
    const codes = await this.codesOf(
      orderId,
      wanted.map((w) => w.skuId),
    );
    if (!changed) {
      const allocations = await this.em.fork().find(CodeAllocation, { orderId });
      if (allocations.some((a) => a.released))
        throw conflict(`The codes of order ${orderId} were released; they cannot be issued again.`);
      const same =
        wanted.every((w) => allocations.some((a) => a.skuId === w.skuId && a.quantity === w.quantity)) &&
        allocations.length === wanted.length;
      if (!same) throw conflict(`Order ${orderId} already has a different code allocation.`);
    }
    return { orderId, codes, changed };
  }

  /**
   * Compensation: withdraws an order's issued codes, once (a retry finds nothing left: `released: 0`).
   * Rule: a code whose plaintext ever left the catalog (`disclosedAt` set — `allocateCodes` returned
   * its `code`, or `revealCardCode` showed it) may have reached a person, so it becomes VOID whatever
   * the caller asks. Only with `returnToPool: true`, codes never disclosed go back to AVAILABLE, as if
   * never issued. Codes a checkout reservation still holds (RESERVED, never issued) always go back to
   * AVAILABLE and count as returned. Disclosure and release are conditional UPDATEs on the same row, so a reveal racing a
   * release either happens first (the code is voided) or finds the code no longer issued (NOT_FOUND).
   */
  async release(orderIdRaw: string, returnToPool: boolean): Promise<ReleaseOutcome> {
    requireRole(this.principal, 'SERVICE');
    const orderId = validOrderId(orderIdRaw);
    return inTransaction(this.em, async (em) => {
      // Codes go back to AVAILABLE pool by pool, so each pool's counter gains exactly the rows that
      // statement changed. The pools are read on the order index (bounded by the order), with a
      // locking read right before each step: it sees codes an allocation committed meanwhile.
      const backToPool = async (
        where: { orderId: string; state: CodeState; disclosedAt?: null },
        set: Partial<VirtualCardCode>,
      ): Promise<number> => {
        const kinds = await selectRows<{ kind_id: number }>(
          em,
          `SELECT DISTINCT kind_id FROM virtual_card_code WHERE order_id = ? AND state = ? ORDER BY kind_id${forUpdate(em)}`,
          [orderId, where.state],
        );
        let n = 0;
        for (const { kind_id } of kinds) {
          const kindId = Number(kind_id);
          const moved = affectedCount(
            await em
              .createQueryBuilder(VirtualCardCode)
              .update(set)
              .where({ ...where, kindId })
              .execute('run'),
          );
          await poolGained(em, kindId, moved);
          n += moved;
        }
        return n;
      };
      // The order's allocation rows first, in the order allocateCodes takes them (it inserts them
      // before it touches codes): a running allocation is waited for, never deadlocked with.
      const flagged = await em
        .createQueryBuilder(CodeAllocation)
        .update({ released: true })
        .where({ orderId, released: false })
        .execute('run');
      // Codes the order's stock reservation still holds were never issued nor shown: back on sale.
      const unheld = await backToPool(
        { orderId, state: CodeState.RESERVED },
        { state: CodeState.AVAILABLE, orderId: null, skuId: null },
      );
      if (affectedCount(flagged) === 0) {
        // Nothing allocated (yet): a tombstone (SKU 0) so that a late allocation for this order is refused.
        await insertIgnoringDuplicates(
          em,
          'code_allocation',
          [
            {
              order_id: orderId,
              sku_id: 0,
              quantity: 0,
              released: true,
              created_at: em.getPlatform().processDateProperty(new Date()),
            },
          ],
          ['order_id', 'sku_id'],
        );
        return { orderId, released: unheld, returnedToPool: unheld };
      }
      let returned = unheld;
      if (returnToPool) {
        returned += await backToPool(
          { orderId, state: CodeState.ISSUED, disclosedAt: null },
          { state: CodeState.AVAILABLE, orderId: null, skuId: null, issuedAt: null },
        );
      }
      const voided = affectedCount(
        await em
          .createQueryBuilder(VirtualCardCode)
          .update({ state: CodeState.VOID })
          .where({ orderId, state: CodeState.ISSUED })
          .execute('run'),
      );
      return { orderId, released: returned + voided, returnedToPool: returned };
    });
  }

  /**
   * The plaintext of issued codes, recording first that it left the catalog (`disclosedAt`): one
   * conditional UPDATE, then one read. Codes no longer issued (released meanwhile) are absent.
   */
  async disclose(codeIds: readonly number[]): Promise<Map<number, string>> {
    requireRole(this.principal, 'SERVICE');
    const ids = [...new Set(codeIds)];
    const out = new Map<number, string>();
    if (ids.length === 0) return out;
    const em = this.em.fork();
    await em
      .createQueryBuilder(VirtualCardCode)
      .update({ disclosedAt: new Date() })
      .where({ id: { $in: ids }, state: CodeState.ISSUED, disclosedAt: null })
      .execute('run');
    const rows = await em.find(
      VirtualCardCode,
      { id: { $in: ids }, state: CodeState.ISSUED },
      { fields: ['id', 'kindId', 'ciphertext'] },
    );
    const cipher = codeCipher();
    for (const r of rows) out.set(r.id, cipher.decrypt(r.ciphertext, r.kindId));
    return out;
  }

  /**
   * The plaintext of one issued code, for logistics at the moment its customer reveals it (logistics
   * checks the customer; the catalog only hands out codes that are issued to an order, and records
   * the disclosure before it does).
   */
  async reveal(codeIdRaw: string): Promise<IssuedCode & { orderId: string; code: string }> {
    requireRole(this.principal, 'SERVICE');
    const codeId = numericIds([codeIdRaw])[0];
    const code = codeId ? (await this.disclose([codeId])).get(codeId) : undefined;
    const row =
      code !== undefined
        ? await this.em.fork().findOne(VirtualCardCode, { id: codeId!, state: CodeState.ISSUED })
        : null;
    if (code === undefined || !row || !row.orderId || !row.skuId) throw notFound('Issued card code', codeIdRaw);
    const kind = await this.em.fork().findOne(VirtualCardKind, { id: row.kindId });
    const validity = kind?.validityDays ?? 0;
    return {
      skuId: row.skuId,
      codeId: row.id,
      orderId: row.orderId,
      code,
      expiresAt: row.issuedAt && validity ? new Date(row.issuedAt.getTime() + validity * 86_400_000) : null,
    };
  }

  /** The order's issued codes, without plaintext (nothing is disclosed unless `code` is asked for). */
  private async codesOf(orderId: string, skuIds: number[]): Promise<IssuedCode[]> {
    const where: FilterQuery<VirtualCardCode> = { orderId, skuId: { $in: skuIds }, state: CodeState.ISSUED };
    const rows = await this.em.fork().find(VirtualCardCode, where, { orderBy: { skuId: 'ASC', id: 'ASC' } });
    const kinds = new Map(
      (await this.em.fork().find(VirtualCardKind, { id: { $in: [...new Set(rows.map((r) => r.kindId))] } })).map(
        (k) => [k.id, k],
      ),
    );
    return rows.map((r) => {
      const validity = kinds.get(r.kindId)?.validityDays ?? 0;
      return {
        skuId: r.skuId!,
        codeId: r.id,
        expiresAt: r.issuedAt && validity ? new Date(r.issuedAt.getTime() + validity * 86_400_000) : null,
      };
    });
  }
}
