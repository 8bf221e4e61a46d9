import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, forbidden } from '../../../core/errors';
import {
  BANK_ROLES_OR_PLATFORM,
  PLATFORM_ROLES,
  isBankStaff,
  requireRoleAndPermission,
  type Principal,
} from '../../../core/identity';
import { affectedRows, forUpdate, inTransaction, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { AdvancePayoutStatus, AdvanceTerms } from '../entities/commission';
import { MANAGING_SETTLEMENT } from './access';

/** How many HELD payouts one release pass looks at (the rest wait for the next pass). */
export const RELEASE_BATCH = 200;
/** Reading the exposure: the bank's finance staff (its own bank), the platform running settlement. */
export const READING_EXPOSURE = { bank: 'PAY_SUPPLIERS', platform: 'MANAGE_SETTLEMENT' } as const;
export const MAX_EXPOSURE_CAP_FEN = 1_000_000_000_000; // 10 billion CNY
export const MAX_REPAYMENT_TERM_DAYS = 365;

export interface PayoutEntry {
  bankId: number;
  supplierId: number;
  orderLineId: number;
  statementId: number;
  /** The settlement line it pays for (the payout's own key is derived from it: a replay adds nothing). */
  sourceKey: string;
  amountFen: number;
}

export interface AdvanceSummary {
  bankId: number;
  terms: AdvanceTerms | null;
  exposureFen: number;
  availableFen: number;
  heldCount: number;
  heldFen: number;
  paidBySupplier: { supplierId: number; paidFen: number; heldFen: number }[];
}

/**
 * Advance payment (垫资): for a bank with enabled terms the platform pays the supplier what a
 * delivery earns it as soon as it is written to settlement, and the bank repays the platform per
 * statement (its total; the platform keeps the commission).
 *
 * Exposure of a bank = Σ over its statements of (advanced − repaid), where advanced = the PAID and
 * CLAWBACK payouts of the statement and repaid = the statement's payments counted up to what was
 * advanced on it (the rest of a statement's total is the commission the platform keeps). A refund
 * after a paid delivery is a CLAWBACK payout (negative: netted off the supplier's next payouts), so
 * it lowers the exposure at once; a refund of a delivery still HELD lowers that held amount instead.
 *
 * Every write for a bank first locks its advance_terms row: two deliveries cannot both pass the cap.
 * Lock order: (order, supplier order,) statement, then terms — the same as a delivery.
 */
export class AdvanceLedger {
  constructor(private readonly tx: SqlEntityManager) {}

  private async lockTerms(bankId: number): Promise<AdvanceTerms | null> {
    const [row] = await selectRows<{
      enabled: number | boolean;
      exposure_cap_fen: number | string;
      repayment_term_days: number;
    }>(
      this.tx,
      `SELECT enabled, exposure_cap_fen, repayment_term_days FROM advance_terms WHERE bank_id = ?${forUpdate(this.tx)}`,
      [bankId],
    );
    if (!row) return null;
    return Object.assign(new AdvanceTerms(), {
      bankId,
      enabled: Boolean(Number(row.enabled)),
      exposureCapFen: Number(row.exposure_cap_fen),
      repaymentTermDays: Number(row.repayment_term_days),
    });
  }

  /** A delivery was written to settlement: pay it (PAID) when it fits under the cap and nothing older waits, else HELD. */
  async onDelivery(entry: PayoutEntry, at: Date): Promise<void> {
    if (entry.amountFen <= 0) return;
    const terms = await this.lockTerms(entry.bankId);
    if (!terms?.enabled) return;
    const exposure = await this.exposure(entry.bankId, true);
    const [held] = await selectRows<{ n: number | string }>(
      this.tx,
      `SELECT COUNT(*) AS n FROM advance_payout WHERE bank_id = ? AND status = ?${forUpdate(this.tx)}`,
      [entry.bankId, AdvancePayoutStatus.HELD],
    );
    const fits = Number(held?.n ?? 0) === 0 && exposure + entry.amountFen <= terms.exposureCapFen;
    await insertIgnoringDuplicates(
      this.tx,
      'advance_payout',
      [
        {
          bank_id: entry.bankId,
          supplier_id: entry.supplierId,
          order_line_id: entry.orderLineId,
          statement_id: entry.statementId,
          source_key: `payout:${entry.sourceKey}`,
          status: fits ? AdvancePayoutStatus.PAID : AdvancePayoutStatus.HELD,
          amount_fen: entry.amountFen,
          created_at: this.tx.getPlatform().processDateProperty(at),
          paid_at: fits ? this.tx.getPlatform().processDateProperty(at) : null,
        },
      ],
      ['source_key'],
    );
  }

  /**
   * Units refunded after delivery (`amountFen` < 0: what the supplier gives back, the sum of the
   * refund's lines). Against a paid delivery: a CLAWBACK payout; against one still held: the held
   * amount shrinks. Nothing for a line never advanced. Then held payouts that now fit are released.
   */
  async onRefund(entry: PayoutEntry, at: Date): Promise<void> {
    if (entry.amountFen >= 0) return;
    const terms = await this.lockTerms(entry.bankId);
    if (!terms) return;
    const payouts = await selectRows<{ id: number; status: string }>(
      this.tx,
      `SELECT id, status FROM advance_payout WHERE order_line_id = ? AND status IN (?, ?) ORDER BY id${forUpdate(this.tx)}`,
      [entry.orderLineId, AdvancePayoutStatus.PAID, AdvancePayoutStatus.HELD],
    );
    if (!payouts.length) return;
    if (payouts.some((p) => p.status === AdvancePayoutStatus.PAID)) {
      await insertIgnoringDuplicates(
        this.tx,
        'advance_payout',
        [
          {
            bank_id: entry.bankId,
            supplier_id: entry.supplierId,
            order_line_id: entry.orderLineId,
            statement_id: entry.statementId,
            source_key: `clawback:${entry.sourceKey}`,
            status: AdvancePayoutStatus.CLAWBACK,
            amount_fen: entry.amountFen,
            created_at: this.tx.getPlatform().processDateProperty(at),
            paid_at: this.tx.getPlatform().processDateProperty(at),
          },
        ],
        ['source_key'],
      );
    } else {
      await affectedRows(this.tx, 'UPDATE advance_payout SET amount_fen = amount_fen + ? WHERE id = ?', [
        entry.amountFen,
        payouts[payouts.length - 1]!.id,
      ]);
    }
    await this.releaseLocked(entry.bankId, terms, at);
  }

  /**
   * The bank's exposure now (see the class comment). Two statements. Under the terms lock the payouts
   * are read with a locking read: a plain read would see this transaction's snapshot, taken before it
   * waited for the lock, and miss the payouts of the writer it waited for. The statements' payments are
   * read plainly: a stale snapshot can only miss a repayment, which overstates the exposure (safe).
   */
  async exposure(bankId: number, locking = false): Promise<number> {
    const advanced = await selectRows<{ statement_id: number; advanced: number | string }>(
      this.tx,
      `SELECT statement_id, SUM(amount_fen) AS advanced FROM advance_payout
       WHERE bank_id = ? AND status IN (?, ?) GROUP BY statement_id${locking ? forUpdate(this.tx) : ''}`,
      [bankId, AdvancePayoutStatus.PAID, AdvancePayoutStatus.CLAWBACK],
    );
    if (!advanced.length) return 0;
    const paid = new Map(
      (
        await selectRows<{ id: number; paid_fen: number | string }>(
          this.tx,
          `SELECT id, paid_fen FROM settlement_statement WHERE id IN (${advanced.map(() => '?').join(', ')})`,
          advanced.map((a) => a.statement_id),
        )
      ).map((r) => [Number(r.id), Number(r.paid_fen)]),
    );
    let exposure = 0;
    for (const r of advanced) {
      const fen = Number(r.advanced);
      exposure += fen - Math.min(paid.get(Number(r.statement_id)) ?? 0, Math.max(0, fen));
    }
    return exposure;
  }

  /** Releases HELD payouts oldest first while they fit under the cap (at most RELEASE_BATCH); returns how many. */
  async release(bankId: number, at = new Date()): Promise<number> {
    const terms = await this.lockTerms(bankId);
    if (!terms) return 0;
    return this.releaseLocked(bankId, terms, at);
  }

  private async releaseLocked(bankId: number, terms: AdvanceTerms, at: Date): Promise<number> {
    if (!terms.enabled) return 0;
    const held = await selectRows<{ id: number; amount_fen: number | string }>(
      this.tx,
      `SELECT id, amount_fen FROM advance_payout WHERE bank_id = ? AND status = ? ORDER BY id LIMIT ${RELEASE_BATCH}${forUpdate(this.tx)}`,
      [bankId, AdvancePayoutStatus.HELD],
    );
    if (!held.length) return 0;
    let exposure = await this.exposure(bankId, true);
    const released: number[] = [];
    for (const h of held) {
      const amount = Number(h.amount_fen);
      if (exposure + amount > terms.exposureCapFen) break; // strictly oldest first
      exposure += Math.max(0, amount);
      released.push(h.id);
    }
    if (released.length)
      await affectedRows(
        this.tx,
        `UPDATE advance_payout SET status = ?, paid_at = ? WHERE status = ? AND id IN (${released.map(() => '?').join(', ')})`,
        [
          AdvancePayoutStatus.PAID,
          this.tx.getPlatform().processDateProperty(at),
          AdvancePayoutStatus.HELD,
          ...released,
        ],
      );
    return released.length;
  }

  async summary(bankId: number): Promise<AdvanceSummary> {
    const terms = await this.tx.findOne(AdvanceTerms, { bankId }, { refresh: true });
    const exposure = await this.exposure(bankId);
    const bySupplier = await selectRows<{
      supplier_id: number;
      status: string;
      fen: number | string;
      n: number | string;
    }>(
      this.tx,
      `SELECT supplier_id, status, SUM(amount_fen) AS fen, COUNT(*) AS n FROM advance_payout WHERE bank_id = ?
       GROUP BY supplier_id, status`,
      [bankId],
    );
    const suppliers = new Map<number, { supplierId: number; paidFen: number; heldFen: number }>();
    let heldCount = 0;
    let heldFen = 0;
    for (const r of bySupplier) {
      const s = suppliers.get(Number(r.supplier_id)) ?? { supplierId: Number(r.supplier_id), paidFen: 0, heldFen: 0 };
      if (r.status === AdvancePayoutStatus.HELD) {
        s.heldFen += Number(r.fen);
        heldCount += Number(r.n);
        heldFen += Number(r.fen);
      } else s.paidFen += Number(r.fen);
      suppliers.set(s.supplierId, s);
    }
    const cap = terms?.exposureCapFen ?? 0;
    return {
      bankId,
      terms,
      exposureFen: exposure,
      availableFen: Math.max(0, cap - exposure),
      heldCount,
      heldFen,
      paidBySupplier: [...suppliers.values()].sort((a, b) => a.supplierId - b.supplierId),
    };
  }
}

export interface AdvanceTermsRequest {
  enabled: boolean;
  exposureCapFen: number;
  repaymentTermDays: number;
}

/** The API side: the platform sets terms and releases held payouts; a bank reads its own exposure. */
export class AdvancePayments {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async setTerms(bankIdArg: string, input: AdvanceTermsRequest): Promise<AdvanceSummary> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, MANAGING_SETTLEMENT);
    const bankId = Number(bankIdArg);
    const problems: { field: string; message: string }[] = [];
    if (!Number.isSafeInteger(bankId) || bankId < 1) problems.push({ field: 'bankId', message: 'must be a bank id.' });
    if (
      !Number.isSafeInteger(input.exposureCapFen) ||
      input.exposureCapFen < 0 ||
      input.exposureCapFen > MAX_EXPOSURE_CAP_FEN
    )
      problems.push({ field: 'exposureCapFen', message: `must be 0 to ${MAX_EXPOSURE_CAP_FEN} fen.` });
    if (
      !Number.isInteger(input.repaymentTermDays) ||
      input.repaymentTermDays < 0 ||
      input.repaymentTermDays > MAX_REPAYMENT_TERM_DAYS
    )
      problems.push({ field: 'repaymentTermDays', message: `must be 0 to ${MAX_REPAYMENT_TERM_DAYS} days.` });
    if (problems.length) throw badInput('The advance-payment terms are not valid.', problems);
    return inTransaction(this.em, async (tx) => {
      await insertIgnoringDuplicates(
        tx,
        'advance_terms',
        [
          {
            bank_id: bankId,
            enabled: false,
            exposure_cap_fen: 0,
            repayment_term_days: 30,
            updated_at: tx.getPlatform().processDateProperty(new Date()),
          },
        ],
        ['bank_id'],
      );
      const ledger = new AdvanceLedger(tx);
      await selectRows(tx, `SELECT bank_id FROM advance_terms WHERE bank_id = ?${forUpdate(tx)}`, [bankId]);
      await affectedRows(
        tx,
        'UPDATE advance_terms SET enabled = ?, exposure_cap_fen = ?, repayment_term_days = ?, updated_at = ? WHERE bank_id = ?',
        [
          input.enabled,
          input.exposureCapFen,
          input.repaymentTermDays,
          tx.getPlatform().processDateProperty(new Date()),
          bankId,
        ],
      );
      // A higher cap may let held payouts through.
      await ledger.release(bankId);
      return ledger.summary(bankId);
    });
  }

  /** The bounded sweep: releases what fits of a bank's HELD payouts (also run after each repayment). */
  async releaseHeld(bankIdArg: string): Promise<AdvanceSummary> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, MANAGING_SETTLEMENT);
    const bankId = Number(bankIdArg);
    if (!Number.isSafeInteger(bankId) || bankId < 1) throw badInput('bankId must be a bank id.');
    return inTransaction(this.em, async (tx) => {
      const ledger = new AdvanceLedger(tx);
      await ledger.release(bankId);
      return ledger.summary(bankId);
    });
  }

  /** A bank its own (PAY_SUPPLIERS: its finance staff); the platform any bank, or every bank with terms (MANAGE_SETTLEMENT). */
  async exposure(bankIdArg: string | null): Promise<AdvanceSummary[]> {
    requireRoleAndPermission(this.principal, BANK_ROLES_OR_PLATFORM, READING_EXPOSURE);
    if (isBankStaff(this.principal)) {
      if (bankIdArg != null && bankIdArg !== this.principal.bankId)
        throw forbidden('A bank sees only its own advance-payment exposure.');
      return [await new AdvanceLedger(this.em).summary(Number(this.principal.bankId))];
    }
    const ledger = new AdvanceLedger(this.em);
    if (bankIdArg != null) {
      const id = Number(bankIdArg);
      if (!Number.isSafeInteger(id) || id < 1) throw badInput('bankId must be a bank id.');
      return [await ledger.summary(id)];
    }
    const banks = await selectRows<{ bank_id: number }>(
      this.em,
      'SELECT bank_id FROM advance_terms ORDER BY bank_id LIMIT 500',
    );
    const out: AdvanceSummary[] = [];
    for (const b of banks) out.push(await ledger.summary(Number(b.bank_id)));
    return out;
  }
}
