import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError, badInput, conflict, notFound, type FieldProblem } from '../../../core/errors';
import {
  BANK_ROLES,
  BANK_ROLES_OR_PLATFORM,
  isBankStaff,
  isSupplier,
  hasPermission,
  PLATFORM_ROLES,
  requireRole,
  staffKindOf,
  type Permission,
  requireRoleAndPermission,
  SUPPLIER_ROLES,
  type Principal,
  type Role,
  type StaffPermissions,
} from '../../../core/identity';
import { MAX_FEN } from '../../../core/input-rules';
import { isReadOnly, plainRows } from '../../../core/loaders';
import { decodeCursor, keysetAfter, orderByOf, pageSize, toConnection, type SortKey } from '../../../core/pagination';
import { SubgraphUnavailableError } from '../../../core/service-client';
import { affectedRows, forUpdate, inTransaction, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { canSee } from '../../../core/tenancy';
import {
  SettlementLine,
  SettlementLineKind,
  SettlementPayment,
  SettlementStatement,
  StatementStatus,
} from '../entities/settlement';
import { SettlementDispute } from '../entities/statement-dispute';
import { MANAGING_SETTLEMENT, PAYING_SUPPLIERS, REPORTS, SUPPLIER_SETTLING } from './access';
import { addDays, DEFAULT_TIME_ZONE, isCalendarDay, localDay, startOfNamedDay } from './local-time';
import { AdvanceLedger } from './advance.service';
import { moveStatement } from './order-lifecycle';
import { nextPeriod } from './settlement.service';

/** A bank's calendar and terms, as tenants keeps them. */
export interface BankTerms {
  timeZone: string;
  settlementTermDays: number;
}

/** Where the bank's terms come from (tenants over HTTP; a test may pass its own). */
export interface BankTermsPort {
  termsOf(bankId: number): Promise<BankTerms>;
}

/**
 * Who may read statements: the existing REPORTS readers (bank SEE_REPORTS, supplier SEE_SETTLEMENT,
 * platform SEE_REPORTS) and also the bank's PAY_SUPPLIERS and the platform's MANAGE_SETTLEMENT.
 */
const READER_ROLES: readonly Role[] = [...BANK_ROLES, ...SUPPLIER_ROLES, ...PLATFORM_ROLES];
const READERS: readonly StaffPermissions[] = [REPORTS, PAYING_SUPPLIERS, MANAGING_SETTLEMENT];

/** Most statements one `issueStatements` call issues (call again for the rest). */
export const ISSUE_BATCH = 200;
/** Most lines one dispute names. */
export const MAX_DISPUTED_LINES = 200;
const MAX_TEXT = 500;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Statuses whose outstanding is owed (ageing, payments). */
const OWED: StatementStatus[] = [StatementStatus.ISSUED, StatementStatus.DISPUTED, StatementStatus.CONFIRMED];
const STATEMENT_ORDER: SortKey[] = [
  { field: 'period', direction: 'DESC' },
  { field: 'id', direction: 'DESC' },
];

export interface StatementFilter {
  bankId?: number | null;
  supplierId?: number | null;
  period?: string | null;
  status?: StatementStatus | null;
}

export interface AgeingRow {
  bankId: number;
  supplierId: number;
  statements: number;
  notDueFen: number;
  days1To30Fen: number;
  days31To60Fen: number;
  days61To90Fen: number;
  over90Fen: number;
  outstandingFen: number;
}

export interface DisputedLine {
  lineId: number;
  reason: string;
}

export interface AdjustmentInput {
  amountFen: number;
  note: string;
  adjustsLineId?: number | null;
}

export interface PaymentInput {
  reference: string;
  paidOn: string;
  amountFen: number;
}

const sumOf = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** The refund a REFUND / *_RETURN line comes from: its source key is `<kind>:<refundId>:<orderLineId>`. */
export function refundIdOf(line: Pick<SettlementLine, 'kind' | 'sourceKey'>): number | null {
  if (
    ![
      SettlementLineKind.REFUND,
      SettlementLineKind.DISCOUNT_RETURN,
      SettlementLineKind.CO_FUNDING_RETURN,
      SettlementLineKind.COMMISSION_RETURN,
    ].includes(line.kind)
  )
    return null;
  const m = /^[a-z-]+:(\d+):\d+$/.exec(line.sourceKey);
  return m ? Number(m[1]) : null;
}

/**
 * Statements from issue to closing (issue 19): the platform issues a month once it has ended in the
 * bank's time zone; the supplier confirms it or disputes lines with a reason; the platform answers
 * each dispute with an adjustment line (never an edit) or a refusal with a reason, then issues it
 * again; the bank records payments (partial ones add up); a confirmed statement paid in full is
 * CLOSED. Every status change goes through `moveStatement`; every sum is BIGINT in the database.
 */
export class StatementService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly terms?: BankTermsPort,
  ) {}

  // ---- reading ----

  private requireReader(): void {
    requireRole(this.principal, ...READER_ROLES);
    const kind = staffKindOf(this.principal.role);
    const allowed = READERS.map((r) => (kind ? r[kind] : undefined)).filter((p): p is Permission => Boolean(p));
    if (!allowed.some((p) => hasPermission(this.principal, p)))
      throw new AppError(
        'FORBIDDEN',
        `Reading statements needs ${allowed.join(' or ')}; ask your administrator to grant it.`,
        { permission: allowed[0] },
      );
  }

  /** The statement if the caller may see it (another tenant's is NOT_FOUND). */
  async statement(id: number, em: SqlEntityManager = this.em): Promise<SettlementStatement> {
    this.requireReader();
    return this.visible(await em.findOne(SettlementStatement, id, { refresh: true }), id);
  }

  private visible(s: SettlementStatement | null, id: number | string): SettlementStatement {
    if (!s || !canSee(this.principal, { bankId: s.bankId, supplierId: s.supplierId }))
      throw notFound('Settlement statement', id);
    return s;
  }

  /** The caller's statements, newest month first, by keyset cursor. */
  async statements(filter: StatementFilter, first?: number | null, after?: string | null) {
    this.requireReader();
    const where: FilterQuery<SettlementStatement>[] = [];
    if (isSupplier(this.principal)) where.push({ supplierId: Number(this.principal.supplierId) });
    else if (isBankStaff(this.principal)) where.push({ bankId: Number(this.principal.bankId) });
    if (filter.bankId) where.push({ bankId: filter.bankId });
    if (filter.supplierId) where.push({ supplierId: filter.supplierId });
    if (filter.period) {
      if (!PERIOD.test(filter.period))
        throw badInput('period is a month, YYYY-MM.', [{ field: 'period', message: 'YYYY-MM' }]);
      where.push({ period: filter.period });
    }
    if (filter.status) where.push({ status: filter.status });
    const limit = pageSize(first);
    if (after) where.push(keysetAfter(STATEMENT_ORDER, decodeCursor(after, 2)) as FilterQuery<SettlementStatement>);
    const options = { orderBy: orderByOf(STATEMENT_ORDER), limit: limit + 1 };
    const query = { $and: where } as FilterQuery<SettlementStatement>;
    const rows = isReadOnly(this.em)
      ? await plainRows(this.em, SettlementStatement, query, options)
      : await this.em.find(SettlementStatement, query, options as never);
    return toConnection(rows, limit, (r) => [r.period, r.id], Boolean(after));
  }

  /**
   * What is owed and not yet paid, per counterparty, by days past the due date on `asOf` (default:
   * today in China): a bank sees its suppliers, a supplier its banks, the platform every pair. Issued,
   * disputed and confirmed statements with something outstanding; one GROUP BY statement.
   */
  async ageing(asOf?: string | null): Promise<{ asOf: string; rows: AgeingRow[] }> {
    this.requireReader();
    const day = asOf ?? localDay(new Date(), DEFAULT_TIME_ZONE);
    if (!isCalendarDay(day))
      throw badInput('asOf is a calendar day, YYYY-MM-DD.', [{ field: 'asOf', message: 'YYYY-MM-DD' }]);
    const where: string[] = [`status IN (${OWED.map(() => '?').join(', ')})`, 'total_fen > paid_fen'];
    const params: unknown[] = [...OWED];
    if (isSupplier(this.principal)) {
      where.push('supplier_id = ?');
      params.push(Number(this.principal.supplierId));
    } else if (isBankStaff(this.principal)) {
      where.push('bank_id = ?');
      params.push(Number(this.principal.bankId));
    }
    // Days past due d = asOf − due_on: not yet due d ≤ 0 (due_on ≥ asOf), 1–30, 31–60, 61–90, over 90.
    const owed = 'total_fen - paid_fen';
    const bucket = (lo: string | null, hi: string | null) =>
      `SUM(CASE WHEN ${lo ? 'due_on >= ?' : '1 = 1'} AND ${hi ? 'due_on < ?' : '1 = 1'} THEN ${owed} ELSE 0 END)`;
    const d = (n: number) => addDays(day, -n);
    const select = [
      [bucket(day, null), [day]],
      [bucket(d(30), day), [d(30), day]],
      [bucket(d(60), d(30)), [d(60), d(30)]],
      [bucket(d(90), d(60)), [d(90), d(60)]],
      [bucket(null, d(90)), [d(90)]],
    ] as const;
    const rows = await selectRows<Record<string, unknown>>(
      this.em,
      `SELECT bank_id, supplier_id, COUNT(*) AS n, ${select.map(([sql], i) => `${sql} AS b${i}`).join(', ')},
         SUM(${owed}) AS owed
       FROM settlement_statement WHERE ${where.join(' AND ')}
       GROUP BY bank_id, supplier_id ORDER BY bank_id, supplier_id LIMIT 1000`,
      [...select.flatMap(([, p]) => p), ...params],
    );
    return {
      asOf: day,
      rows: rows.map((r) => ({
        bankId: Number(r.bank_id),
        supplierId: Number(r.supplier_id),
        statements: Number(r.n),
        notDueFen: sumOf(r.b0),
        days1To30Fen: sumOf(r.b1),
        days31To60Fen: sumOf(r.b2),
        days61To90Fen: sumOf(r.b3),
        over90Fen: sumOf(r.b4),
        outstandingFen: sumOf(r.owed),
      })),
    };
  }

  // ---- the platform ----

  private requirePlatform(): void {
    requireRoleAndPermission(
      this.principal,
      PLATFORM_ROLES,
      MANAGING_SETTLEMENT,
      'Only the platform (MANAGE_SETTLEMENT) issues and adjusts statements',
    );
  }

  private async termsOf(bankId: number): Promise<BankTerms> {
    if (!this.terms) throw new Error('no bank terms port');
    try {
      return await this.terms.termsOf(bankId);
    } catch (e) {
      if (e instanceof SubgraphUnavailableError)
        throw new AppError('INTERNAL', "The bank's terms could not be read right now; nothing changed. Try again.");
      throw e;
    }
  }

  /** When `period` ends for a bank (the next month's first local midnight) and the payment due day. */
  static calendar(period: string, terms: BankTerms): { endsAt: Date; firstDayAfter: string; dueOn: string } {
    const firstDayAfter = `${nextPeriod(period)}-01`;
    return {
      endsAt: startOfNamedDay(firstDayAfter, terms.timeZone),
      firstDayAfter,
      dueOn: addDays(firstDayAfter, terms.settlementTermDays),
    };
  }

  /**
   * DRAFT → ISSUED once its month has ended in the bank's time zone: its lines are fixed (later ones
   * land in the next DRAFT month) and payment is due `settlementTermDays` after the month's last day.
   */
  async issue(statementId: number, now = new Date()): Promise<SettlementStatement> {
    this.requirePlatform();
    const s = await this.statement(statementId);
    if (s.status !== StatementStatus.DRAFT)
      throw conflict(`Statement ${s.id} is ${s.status}; only a DRAFT statement is issued.`);
    const terms = await this.termsOf(s.bankId);
    const cal = StatementService.calendar(s.period, terms);
    if (now < cal.endsAt)
      throw badInput(
        `The month ${s.period} has not ended in the bank's time zone (${terms.timeZone}): statement ${s.id} may be issued from ${cal.firstDayAfter} 00:00 there (${cal.endsAt.toISOString()}).`,
        [{ field: 'statementId', message: `may be issued from ${cal.endsAt.toISOString()}` }],
      );
    await moveStatement(this.em, s.id, StatementStatus.ISSUED, {
      from: [StatementStatus.DRAFT],
      set: { issued_at: now, due_on: cal.dueOn },
      refuse: `Statement ${s.id} was issued by someone else just now.`,
    });
    return this.fresh(s.id);
  }

  /**
   * Issues every DRAFT statement of `period` whose month has ended in its bank's time zone, at most
   * ISSUE_BATCH per call (`remaining` says how many DRAFT statements of the month are left).
   */
  async issueAll(period: string, now = new Date()) {
    this.requirePlatform();
    if (!PERIOD.test(period)) throw badInput('period is a month, YYYY-MM.', [{ field: 'period', message: 'YYYY-MM' }]);
    const drafts = await this.em.find(
      SettlementStatement,
      { period, status: StatementStatus.DRAFT },
      { orderBy: { id: 'ASC' }, limit: ISSUE_BATCH },
    );
    const terms = new Map<number, BankTerms>();
    for (const bankId of new Set(drafts.map((s) => s.bankId))) terms.set(bankId, await this.termsOf(bankId));
    const issued: number[] = [];
    const notEnded: number[] = [];
    for (const s of drafts) {
      const cal = StatementService.calendar(period, terms.get(s.bankId)!);
      if (now < cal.endsAt) {
        notEnded.push(s.id);
        continue;
      }
      const moved = await moveStatement(this.em, s.id, StatementStatus.ISSUED, {
        from: [StatementStatus.DRAFT],
        set: { issued_at: now, due_on: cal.dueOn },
      });
      if (moved) issued.push(s.id);
    }
    const remaining = await this.em.count(SettlementStatement, {
      period,
      status: StatementStatus.DRAFT,
      id: { $nin: notEnded.length ? notEnded : [0] },
    });
    const statements = issued.length
      ? await this.em.find(SettlementStatement, { id: { $in: issued } }, { orderBy: { id: 'ASC' }, refresh: true })
      : [];
    return { issued: statements, notYetEnded: notEnded.length, remaining };
  }

  /** The platform's answer lines: locks the statement and checks it may take one. */
  private async lockedFor(tx: SqlEntityManager, statementId: number, allowed: StatementStatus[], doing: string) {
    const [row] = await selectRows<{ id: number; status: StatementStatus }>(
      tx,
      `SELECT id, status FROM settlement_statement WHERE id = ?${forUpdate(tx)}`,
      [statementId],
    );
    const s = this.visible(await tx.findOne(SettlementStatement, statementId, { refresh: true }), statementId);
    if (!row || !allowed.includes(row.status))
      throw conflict(
        `Statement ${s.id} is ${row?.status ?? s.status}; ${doing} only when it is ${allowed.join(' or ')}.`,
      );
    return s;
  }

  /**
   * Adds an ADJUSTMENT line to THIS statement (never editing a line) while it is ISSUED or DISPUTED;
   * naming a disputed line answers its open dispute. The total may not fall below what is paid.
   */
  async adjust(statementId: number, input: AdjustmentInput): Promise<SettlementStatement> {
    this.requirePlatform();
    const problems: FieldProblem[] = [];
    const note = input.note.trim();
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen === 0 || Math.abs(input.amountFen) > MAX_FEN)
      problems.push({ field: 'amountFen', message: `a whole number of fen, not 0, at most ${MAX_FEN} either way` });
    if (note.length < 1 || note.length > MAX_TEXT)
      problems.push({ field: 'note', message: `say why, 1–${MAX_TEXT} characters` });
    if (problems.length)
      throw badInput(`Nothing was adjusted: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
    await this.statement(statementId);
    await inTransaction(this.em, async (tx) => {
      const s = await this.lockedFor(
        tx,
        statementId,
        [StatementStatus.ISSUED, StatementStatus.DISPUTED],
        'it is adjusted',
      );
      let corrected: SettlementLine | null = null;
      if (input.adjustsLineId != null) {
        corrected = await tx.findOne(SettlementLine, { id: input.adjustsLineId, statementId: s.id });
        if (!corrected)
          throw badInput(`Line ${input.adjustsLineId} is not a line of statement ${s.id}.`, [
            { field: 'adjustsLineId', message: `not a line of statement ${s.id}` },
          ]);
      }
      const now = new Date();
      const sourceKey = `adjustment:${s.id}:${randomUUID()}`;
      await insertIgnoringDuplicates(
        tx,
        'settlement_line',
        [
          {
            statement_id: s.id,
            source_key: sourceKey,
            kind: SettlementLineKind.ADJUSTMENT,
            // An adjustment traces to the order of the line it corrects (0: it corrects no line).
            order_id: corrected?.orderId ?? 0,
            order_line_id: corrected?.orderLineId ?? 0,
            quantity: 1,
            unit_supplier_price_fen: input.amountFen,
            amount_fen: input.amountFen,
            occurred_at: tx.getPlatform().processDateProperty(now),
            adjusts_line_id: corrected?.id ?? null,
            note,
          },
        ],
        ['source_key'],
      );
      const moved = await affectedRows(
        tx,
        'UPDATE settlement_statement SET total_fen = total_fen + ? WHERE id = ? AND total_fen + ? >= paid_fen',
        [input.amountFen, s.id, input.amountFen],
      );
      if (moved !== 1)
        throw conflict(
          `Statement ${s.id} has ${s.paidFen} fen paid already; an adjustment may not take its total below that.`,
        );
      if (corrected) {
        const [line] = await selectRows<{ id: number }>(tx, 'SELECT id FROM settlement_line WHERE source_key = ?', [
          sourceKey,
        ]);
        await affectedRows(
          tx,
          'UPDATE settlement_dispute SET resolved_at = ?, resolved_by = ?, resolution_line_id = ? WHERE statement_id = ? AND line_id = ? AND resolved_at IS NULL',
          [now, this.principal.sub, line!.id, s.id, corrected.id],
        );
      }
    });
    return this.fresh(statementId);
  }

  /** The platform keeps a disputed line as it is, saying why: the dispute is answered. */
  async rejectDispute(disputeId: number, reason: string): Promise<SettlementStatement> {
    this.requirePlatform();
    const why = reason.trim();
    if (why.length < 1 || why.length > MAX_TEXT)
      throw badInput(`Say why the line stands, 1–${MAX_TEXT} characters.`, [
        { field: 'reason', message: `1–${MAX_TEXT} characters` },
      ]);
    const dispute = await this.em.findOne(SettlementDispute, disputeId, { refresh: true });
    if (!dispute) throw notFound('Settlement dispute', disputeId);
    await inTransaction(this.em, async (tx) => {
      await this.lockedFor(tx, dispute.statementId, [StatementStatus.DISPUTED], 'a dispute is answered');
      const done = await affectedRows(
        tx,
        'UPDATE settlement_dispute SET resolved_at = ?, resolved_by = ?, reject_reason = ? WHERE id = ? AND resolved_at IS NULL',
        [new Date(), this.principal.sub, why, disputeId],
      );
      if (done !== 1) throw conflict(`Dispute ${disputeId} was already answered.`);
    });
    return this.fresh(dispute.statementId);
  }

  /** DISPUTED → ISSUED once every dispute is answered (by an adjustment or a refusal). */
  async reissue(statementId: number): Promise<SettlementStatement> {
    this.requirePlatform();
    const s = await this.statement(statementId);
    if (s.status !== StatementStatus.DISPUTED)
      throw conflict(`Statement ${s.id} is ${s.status}; only a DISPUTED statement is issued again.`);
    const open = await this.em.count(SettlementDispute, { statementId: s.id, resolvedAt: null });
    if (open > 0)
      throw conflict(
        `Statement ${s.id} has ${open} unanswered dispute(s): answer each with an adjustment or a refusal first.`,
      );
    await moveStatement(this.em, s.id, StatementStatus.ISSUED, {
      from: [StatementStatus.DISPUTED],
      guard: {
        sql: 'NOT EXISTS (SELECT 1 FROM settlement_dispute d WHERE d.statement_id = ? AND d.resolved_at IS NULL)',
        params: [s.id],
      },
      refuse: `Statement ${s.id} changed just now; look at it again.`,
    });
    return this.fresh(s.id);
  }

  // ---- the supplier ----

  private async supplierStatement(statementId: number, doing: string): Promise<SettlementStatement> {
    requireRoleAndPermission(
      this.principal,
      SUPPLIER_ROLES,
      SUPPLIER_SETTLING,
      `Only the statement's supplier ${doing}`,
    );
    return this.statement(statementId);
  }

  /** ISSUED → CONFIRMED; already paid in full → CLOSED at once. */
  async confirm(statementId: number): Promise<SettlementStatement> {
    const s = await this.supplierStatement(statementId, 'confirms it');
    if (s.status !== StatementStatus.ISSUED)
      throw conflict(`Statement ${s.id} is ${s.status}; only an ISSUED statement is confirmed.`);
    const now = new Date();
    await moveStatement(this.em, s.id, StatementStatus.CONFIRMED, {
      from: [StatementStatus.ISSUED],
      set: { confirmed_at: now },
      refuse: `Statement ${s.id} changed just now; look at it again.`,
    });
    await moveStatement(this.em, s.id, StatementStatus.CLOSED, {
      set: { settled_at: now },
      guard: { sql: 'paid_fen >= total_fen', params: [] },
    });
    return this.fresh(s.id);
  }

  /** ISSUED → DISPUTED with a reason per line (1–200 lines of this statement). */
  async dispute(statementId: number, lines: DisputedLine[]): Promise<SettlementStatement> {
    const s = await this.supplierStatement(statementId, 'disputes it');
    const problems: FieldProblem[] = [];
    if (lines.length === 0 || lines.length > MAX_DISPUTED_LINES)
      problems.push({ field: 'lines', message: `name 1 to ${MAX_DISPUTED_LINES} lines` });
    else {
      const known = await this.em.find(SettlementLine, { statementId: s.id, id: { $in: lines.map((l) => l.lineId) } });
      const seen = new Set<number>();
      lines.forEach((l, index) => {
        const reason = l.reason.trim();
        if (!known.some((k) => k.id === l.lineId))
          problems.push({ index, field: 'lineId', message: `line ${l.lineId} is not a line of statement ${s.id}` });
        if (seen.has(l.lineId)) problems.push({ index, field: 'lineId', message: 'repeated' });
        seen.add(l.lineId);
        if (reason.length < 1 || reason.length > MAX_TEXT)
          problems.push({ index, field: 'reason', message: `say why, 1–${MAX_TEXT} characters` });
      });
    }
    if (problems.length)
      throw badInput(
        `Nothing was disputed: ${problems.map((p) => `${p.index !== undefined ? `line ${p.index} ` : ''}${p.field} ${p.message}`).join('; ')}.`,
        problems,
      );
    await inTransaction(this.em, async (tx) => {
      await moveStatement(tx, s.id, StatementStatus.DISPUTED, {
        from: [StatementStatus.ISSUED],
        refuse: `Statement ${s.id} is ${s.status}; only an ISSUED statement is disputed.`,
      });
      const now = new Date();
      for (const l of lines)
        tx.create(SettlementDispute, {
          statementId: s.id,
          lineId: l.lineId,
          reason: l.reason.trim(),
          raisedBy: this.principal.sub ?? 'unknown',
          raisedAt: now,
        });
      await tx.flush();
    });
    return this.fresh(s.id);
  }

  // ---- the bank ----

  /**
   * Records a payment: the statement's bank (PAY_SUPPLIERS) or the platform for it. Any amount up to
   * what is outstanding, on an ISSUED, DISPUTED or CONFIRMED statement; the same reference again is
   * the same payment (answered again, nothing added) if amount and date agree, CONFLICT if not. The
   * row is locked and paid_fen moves by a conditional UPDATE, so racing payments can never overpay.
   */
  async recordPayment(statementId: number, input: PaymentInput): Promise<SettlementStatement> {
    requireRoleAndPermission(
      this.principal,
      BANK_ROLES_OR_PLATFORM,
      PAYING_SUPPLIERS,
      "Only the statement's bank (PAY_SUPPLIERS) or the platform records a payment",
    );
    const reference = input.reference.trim();
    const problems: FieldProblem[] = [];
    if (!/^[\p{L}\p{N} _./:#-]{1,64}$/u.test(reference))
      problems.push({
        field: 'reference',
        message: "the transfer's reference: 1–64 letters, digits, spaces or _./:#-",
      });
    const today = localDay(new Date(Date.now() + 86_400_000), 'UTC');
    if (!isCalendarDay(input.paidOn)) problems.push({ field: 'paidOn', message: 'a calendar day, YYYY-MM-DD' });
    else if (input.paidOn > today) problems.push({ field: 'paidOn', message: 'not in the future' });
    else if (input.paidOn < '2000-01-01') problems.push({ field: 'paidOn', message: 'from 2000-01-01' });
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0 || input.amountFen > MAX_FEN)
      problems.push({ field: 'amountFen', message: `a whole number of fen, 1 to ${MAX_FEN}` });
    if (problems.length)
      throw badInput(`No payment recorded: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
    await this.statement(statementId);
    await inTransaction(this.em, async (tx) => {
      const [row] = await selectRows<{ status: StatementStatus; total_fen: unknown; paid_fen: unknown }>(
        tx,
        `SELECT status, total_fen, paid_fen FROM settlement_statement WHERE id = ?${forUpdate(tx)}`,
        [statementId],
      );
      const s = this.visible(await tx.findOne(SettlementStatement, statementId, { refresh: true }), statementId);
      const [earlier] = await selectRows<{ paid_on: unknown; amount_fen: unknown }>(
        tx,
        'SELECT paid_on, amount_fen FROM settlement_payment WHERE statement_id = ? AND reference = ?',
        [s.id, reference],
      );
      if (earlier) {
        const day = dayString(earlier.paid_on);
        if (Number(earlier.amount_fen) === input.amountFen && day === input.paidOn) return; // a retry
        throw conflict(
          `Payment ${reference} of statement ${s.id} was recorded already as ${Number(earlier.amount_fen)} fen on ${day}; use a new reference for another payment.`,
        );
      }
      const status = row!.status;
      if (!OWED.includes(status))
        throw conflict(`Statement ${s.id} is ${status}: payments are recorded once it is issued, until it is closed.`);
      const outstanding = Number(row!.total_fen) - Number(row!.paid_fen);
      if (input.amountFen > outstanding)
        throw conflict(
          `Statement ${s.id} has ${Math.max(0, outstanding)} fen outstanding; a payment of ${input.amountFen} fen would overpay it.`,
        );
      const paid = await affectedRows(
        tx,
        'UPDATE settlement_statement SET paid_fen = paid_fen + ? WHERE id = ? AND paid_fen + ? <= total_fen',
        [input.amountFen, s.id, input.amountFen],
      );
      if (paid !== 1) throw conflict(`Statement ${s.id} changed just now; look at what is outstanding again.`);
      tx.create(SettlementPayment, {
        statementId: s.id,
        bankId: s.bankId,
        supplierId: s.supplierId,
        reference,
        paidOn: input.paidOn,
        amountFen: input.amountFen,
        recordedBy: this.principal.sub ?? 'unknown',
        recordedAt: new Date(),
      });
      await tx.flush();
      await moveStatement(tx, s.id, StatementStatus.CLOSED, {
        from: [StatementStatus.CONFIRMED],
        set: { settled_at: new Date() },
        guard: { sql: 'paid_fen >= total_fen', params: [] },
      });
      // A bank in advance mode repays the platform: the room this makes under its cap pays out held
      // supplier payouts at once (the statement row, then the bank's terms row: a delivery's lock order).
      await new AdvanceLedger(tx).release(s.bankId);
    });
    return this.fresh(statementId);
  }

  private fresh(id: number): Promise<SettlementStatement> {
    return this.em.fork().findOneOrFail(SettlementStatement, id, { refresh: true });
  }
}

/** A DATE column as read back (a string on MariaDB, maybe a Date or number elsewhere), YYYY-MM-DD. */
export function dayString(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return new Date(v).toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}
