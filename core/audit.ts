import { randomUUID } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  EntityManager,
  helper,
  Reference,
  type ChangeSet,
  type EventSubscriber,
  type FlushEventArgs,
  type TransactionEventArgs,
  type MikroORM,
} from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { staffKindOf, type Principal } from './identity';
import { requestContext } from './request-context';

/**
 * Audit trail (issue 15): every write a staff member or a partner app makes is recorded in the same
 * database transaction as the change — who, acting for which tenant, which operation, which target,
 * the changed fields before and after, the request id and the time — so an entry exists exactly when
 * the change committed.
 *
 * How a subgraph captures its changes, without any service taking part:
 * - Writes through the unit of work: a MikroORM flush subscriber reads each change set (entity,
 *   primary key, changed fields with their values before and after).
 * - Writes around it (conditional updates, `em.execute`, query builders, `insertMany`, …): every
 *   statement passes through the ORM connection's `execute`, which is wrapped once per process
 *   (`captureRawWrites`); an INSERT, UPDATE or DELETE outside a flush that changed rows is recorded
 *   with its table, the ids its WHERE names, the values its SET assigns and the statement text.
 * The entries of a request are kept in an `AuditRecorder`, each with the database transaction its
 * write ran in, and written into that transaction just before it commits (`AuditSubscriber`'s
 * `beforeTransactionCommit`, for every root transaction: the request transaction, a saga step's unit,
 * the transaction a flush opens for itself): in every subgraph but staff as one outbox message
 * (`audit.recorded`) that the subgraph's relay delivers to staff's `recordAuditEntries` (idempotent
 * on batch id + sequence); staff writes its own entries straight into `audit_entry`. A write outside
 * any transaction is run inside one of its own that carries its entry. A savepoint that rolls back
 * drops the entries it captured; a transaction that rolls back drops all of its own.
 *
 * Who is audited: staff (platform, bank, supplier) and partner apps. Customers (also when acting
 * through a partner app) are not: their writes are their own orders and points, recorded by those
 * domains, and checkout must not pay for an audit. SERVICE calls are the consequences of an audited
 * or a customer's request. Queries never create a recorder.
 *
 * Saga mutations that commit step by step (`@CommitsStepByStep`; staff's are a bank's
 * `confirmPayment`, a supplier's `decideRefund`, the platform's `runOrderRecovery` and
 * `runPointsSweeps`) commit unit by unit: each unit carries the entries of its own writes, so an
 * entry exists exactly when its change committed there too. On the purchase path a unit that also
 * announces events writes its entries in the same multi-row INSERT as its outbox rows
 * (`flushWithAudit`), so the entries cost no statement of their own there
 * (test/orders/purchase-cost.test.ts).
 */

export const AUDIT_TOPIC = 'audit.recorded';

/** Longest value kept for one field, before and after each (JSON text). */
export const MAX_VALUE_CHARS = 2048;
/** Fields kept per entry; more are summarised. */
export const MAX_FIELDS_PER_ENTRY = 60;
/** Entries kept per request (a bulk upload of 5,000 codes is 5,000 entries); beyond it one summary entry. */
export const MAX_ENTRIES_PER_REQUEST = 10_000;
/** Entries per outbox message / per `recordAuditEntries` call. */
export const ENTRIES_PER_MESSAGE = 500;
const MAX_STATEMENT_CHARS = 1000;
const REDACTED = '[redacted]';

/**
 * Field names whose values never enter the trail (secrets, sealed or hashed credentials, card
 * codes); the entry still says the field changed.
 */
const SECRET_FIELD = /password|secret|sealed|ciphertext|token|hash|^code$|^codes$|totp|otp_|pin$/i;

export type AuditAction = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AuditFieldChange {
  before?: unknown;
  after?: unknown;
}

/** One changed target. */
export interface AuditEntryData {
  seq: number;
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  changes: Record<string, AuditFieldChange>;
  /** The tenant the target belongs to, when it says (else the actor's). */
  bankId: string | null;
  supplierId: string | null;
  /** For writes around the unit of work: the statement, with `?` for its values. */
  statement: string | null;
}

/** What one transaction of one request changed, as the outbox carries it to staff. */
export interface AuditBatch {
  batchId: string;
  subgraph: string;
  requestId: string;
  operation: string;
  actorRole: string;
  actorId: string;
  partnerAppId: string | null;
  /**
   * The customer a staff member acted for (a bank's customer service cancelling or refunding for a
   * customer who phoned in): the entry names both, the actor and this customer. Absent: nobody.
   */
  onBehalfOfCustomerId?: string | null;
  occurredAt: string;
  entries: AuditEntryData[];
}

/** Writes a batch in the caller's transaction: an outbox message by default, staff's own table in staff. */
export type AuditSink = (em: SqlEntityManager, batch: AuditBatch) => Promise<void>;

export interface AuditEntityOptions {
  /** Not audited at all (plumbing: outbox rows, the audit table itself). */
  skip?: boolean;
  /** Record that these fields changed, never their values (beside the name-based denylist). */
  redact?: readonly string[];
  /** Record no values of this entity at all (e.g. card codes). */
  redactAll?: boolean;
}

/** Entity-level opt-outs, by entity class name. */
const entityOptions = new Map<string, AuditEntityOptions>();

export function auditOptions(entity: { name: string }, options: AuditEntityOptions): void {
  entityOptions.set(entity.name, options);
}

/** Whether the caller's writes are audited: staff and partner apps. */
export function isAudited(principal: Principal): boolean {
  return staffKindOf(principal.role) !== null || principal.role === 'PARTNER_APP';
}

/** One captured entry, with the database transaction its write ran in. */
interface HeldEntry {
  data: AuditEntryData;
  /** The root transaction (knex `Transaction`) the write ran in; null when the write ran on its own. */
  root: object | null;
  written: boolean;
}

/**
 * The entries one request collects. Each remembers the (root) database transaction its write ran
 * in; the entries of a transaction are written into that same transaction just before it commits
 * (`AuditSubscriber.beforeTransactionCommit`), and dropped when it rolls back.
 */
export class AuditRecorder {
  private entries: HeldEntry[] = [];
  private dropped = 0;
  private seq = 0;
  private readonly occurredAt = new Date();
  /** The customer this request acts for, once the service has checked it may (see `actFor`). */
  private onBehalfOfCustomerId: string | null = null;

  constructor(
    readonly principal: Principal,
    readonly subgraph: string,
    readonly requestId: string,
    readonly operation: string,
    readonly sink: AuditSink,
  ) {}

  add(
    entry: Omit<AuditEntryData, 'seq' | 'bankId' | 'supplierId'> & { bankId?: unknown; supplierId?: unknown },
    transaction: unknown,
  ): void {
    if (this.entries.length >= MAX_ENTRIES_PER_REQUEST) {
      this.dropped += 1;
      return;
    }
    this.entries.push({
      data: {
        ...entry,
        seq: ++this.seq,
        bankId: idOrNull(entry.bankId) ?? this.principal.bankId ?? null,
        supplierId: idOrNull(entry.supplierId) ?? this.principal.supplierId ?? null,
      },
      root: rootTransaction(transaction),
      written: false,
    });
  }

  /**
   * This request acts for a customer (the service has checked the actor may, e.g. a bank operator
   * with SERVE_CUSTOMERS for a customer of its bank): every batch written from now on names them.
   */
  actFor(customerId: string | number): void {
    this.onBehalfOfCustomerId = String(customerId);
  }

  /** A savepoint's start: entries after it go if the savepoint rolls back. */
  mark(): number {
    return this.seq;
  }

  /** The savepoint begun at `mark` rolled back: so did the writes captured since (not yet written). */
  rollbackTo(mark: number): void {
    this.entries = this.entries.filter((e) => e.written || e.data.seq <= mark);
  }

  /** A root transaction rolled back: every entry of its writes goes, written into it or not. */
  rolledBack(transaction: unknown): void {
    const root = rootTransaction(transaction);
    if (root) this.entries = this.entries.filter((e) => e.root !== root);
  }

  /** Entries not written yet: of the given transaction, or (no argument) of any. */
  pendingCount(transaction?: unknown): number {
    const root = transaction === undefined ? undefined : rootTransaction(transaction);
    return this.entries.filter((e) => !e.written && (root === undefined || e.root === root)).length;
  }

  /** Writes the entries of `transaction` not written yet through the sink, with `em` bound to it. */
  async writeFor(em: SqlEntityManager, transaction: unknown): Promise<void> {
    const batch = this.takeBatch(rootTransaction(transaction));
    if (batch) await this.sink(em, batch);
  }

  /**
   * The entries of `transaction` not written yet, as a batch the caller writes in that transaction
   * (now counted as written; they go again if it rolls back). Null when there are none.
   */
  takeBatch(transaction: unknown): AuditBatch | null {
    const root = rootTransaction(transaction);
    return this.batchOf(
      this.entries.filter((e) => !e.written && e.root === root),
      root === null,
    );
  }

  /** Every entry not written yet, whichever transaction it ran in (see request-transaction.ts). */
  takeLeftovers(): AuditBatch | null {
    return this.batchOf(
      this.entries.filter((e) => !e.written),
      true,
    );
  }

  private batchOf(held: HeldEntry[], carrySummary: boolean): AuditBatch | null {
    const entries = held.map((e) => e.data);
    if (this.dropped > 0 && (entries.length > 0 || carrySummary)) {
      entries.push({
        seq: ++this.seq,
        action: 'UPDATE',
        targetType: 'AuditTruncated',
        targetId: null,
        changes: { omittedEntries: { after: this.dropped } },
        bankId: this.principal.bankId ?? null,
        supplierId: this.principal.supplierId ?? null,
        statement: null,
      });
      this.dropped = 0;
    }
    if (entries.length === 0) return null;
    for (const e of held) e.written = true;
    return {
      batchId: randomUUID(),
      subgraph: this.subgraph,
      requestId: this.requestId,
      operation: this.operation,
      actorRole: this.principal.role,
      actorId: this.principal.sub,
      partnerAppId: this.principal.partnerAppId ?? null,
      onBehalfOfCustomerId: this.onBehalfOfCustomerId,
      occurredAt: this.occurredAt.toISOString(),
      entries,
    };
  }
}

/** The root of a (possibly nested) knex transaction: savepoints carry their parent under a symbol. */
function rootTransaction(transaction: unknown): object | null {
  // A knex transaction is a function (a query builder factory) with properties.
  if (!transaction || (typeof transaction !== 'object' && typeof transaction !== 'function')) return null;
  let t: object = transaction;
  for (let depth = 0; depth < 100; depth++) {
    const parentKey = Object.getOwnPropertySymbols(t).find((k) => k.description === 'parentTransaction');
    const parent = parentKey ? (t as Record<symbol, unknown>)[parentKey] : undefined;
    if (!parent || (typeof parent !== 'object' && typeof parent !== 'function')) return t;
    t = parent;
  }
  return t;
}

/** An entity manager of `em`'s ORM bound to `transaction`, for a sink to write with. */
function boundTo(em: EntityManager, transaction: unknown): SqlEntityManager {
  const fork = em.fork({ clear: true }) as SqlEntityManager;
  fork.setTransactionContext(transaction as never);
  return fork;
}

function idOrNull(v: unknown): string | null {
  return v === null || v === undefined || v === '' ? null : String(v);
}

/** The recorder of the request being served, if its writes are audited. */
export function currentAudit(): AuditRecorder | undefined {
  return requestContext.getStore()?.transaction?.audit;
}

// ---- values ----

/** A value as the trail keeps it: JSON-safe, at most MAX_VALUE_CHARS of JSON text. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  // A relation: the target's id.
  if (Reference.isReference(value)) value = Reference.unwrapReference(value as Reference<object>);
  if (typeof value === 'object' && value !== null && '__helper' in value)
    return helper(value).getSerializedPrimaryKey();
  const json = typeof value === 'string' ? value : JSON.stringify(value);
  if (json === undefined) return null;
  if (json.length <= MAX_VALUE_CHARS) return value;
  return `${json.slice(0, MAX_VALUE_CHARS)}… [${json.length} characters]`;
}

function redacted(className: string, field: string): boolean {
  const options = entityOptions.get(className);
  return !!options?.redactAll || !!options?.redact?.includes(field) || SECRET_FIELD.test(field);
}

function change(className: string, field: string, c: AuditFieldChange): AuditFieldChange {
  if (redacted(className, field)) {
    const out: AuditFieldChange = {};
    if ('before' in c) out.before = REDACTED;
    if ('after' in c) out.after = REDACTED;
    return out;
  }
  const out: AuditFieldChange = {};
  if ('before' in c) out.before = plain(c.before);
  if ('after' in c) out.after = plain(c.after);
  return out;
}

/** Bounded map of field → change; fields past the cap are counted, not listed. */
function boundedChanges(entries: [string, AuditFieldChange][]): Record<string, AuditFieldChange> {
  const out: Record<string, AuditFieldChange> = {};
  for (const [field, c] of entries.slice(0, MAX_FIELDS_PER_ENTRY)) out[field] = c;
  if (entries.length > MAX_FIELDS_PER_ENTRY)
    out['…'] = { after: `${entries.length - MAX_FIELDS_PER_ENTRY} more fields` };
  return out;
}

// Timestamps every write touches say nothing the entry's own time does not.
const NOISE_FIELDS = new Set(['updatedAt']);

// ---- writes through the unit of work ----

/** Flushes run inside this store, so the raw-write capture leaves their statements to the subscriber. */
const insideFlush = new AsyncLocalStorage<boolean>();
let flushMarked = false;

/**
 * Marks every flush (EntityManager.flush, which `em.transactional` and `commit` call too). Done on
 * the prototype once per process: forks are created everywhere and each must be covered.
 */
function markFlushes(): void {
  if (flushMarked) return;
  flushMarked = true;
  const flush = EntityManager.prototype.flush;
  EntityManager.prototype.flush = function (this: EntityManager) {
    return insideFlush.run(true, () => flush.call(this));
  };
}

/** Change sets recorded before their flush's own transaction committed (see `beforeTransactionCommit`). */
const recordedEarly = new WeakSet<object>();

/**
 * Reads what each flush of an audited request changed, and writes the entries of each database
 * transaction into it just before it commits.
 */
export class AuditSubscriber implements EventSubscriber {
  async afterFlush(args: FlushEventArgs): Promise<void> {
    const recorder = currentAudit();
    if (!recorder) return;
    const transaction = args.em.getTransactionContext();
    for (const cs of args.uow.getChangeSets()) {
      if (recordedEarly.has(cs)) continue;
      recordChangeSet(recorder, cs, transaction);
    }
  }

  /**
   * A root transaction is about to commit (a unit of work, a saga step, a request transaction, or the
   * transaction a flush opens for itself): its entries go into it, so both commit or neither.
   */
  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const recorder = currentAudit();
    if (!recorder || !args.transaction) return;
    // A flush outside any transaction opens its own and commits it before `afterFlush`: its change
    // sets are read here instead.
    if (args.uow) {
      for (const cs of args.uow.getChangeSets()) {
        recordedEarly.add(cs);
        recordChangeSet(recorder, cs, args.transaction);
      }
    }
    if (recorder.pendingCount(args.transaction) > 0)
      await recorder.writeFor(boundTo(args.em, args.transaction), args.transaction);
  }

  async afterTransactionRollback(args: TransactionEventArgs): Promise<void> {
    currentAudit()?.rolledBack(args.transaction);
  }
}

function recordChangeSet(recorder: AuditRecorder, cs: ChangeSet<object>, transaction: unknown): void {
  const className = cs.meta.className;
  if (entityOptions.get(className)?.skip) return;
  const entity = cs.entity as Record<string, unknown>;
  const original = (cs.originalEntity ?? {}) as Record<string, unknown>;
  const payload = (cs.payload ?? {}) as Record<string, unknown>;
  let fields: [string, AuditFieldChange][];
  let action: AuditAction;
  const type = String(cs.type);
  if (type === 'create') {
    action = 'CREATE';
    fields = Object.keys(payload)
      .filter((f) => !NOISE_FIELDS.has(f))
      .map((f) => [f, change(className, f, { after: entity[f] ?? payload[f] })]);
  } else if (type === 'delete' || type === 'delete_early') {
    action = 'DELETE';
    fields = Object.keys(original).map((f) => [f, change(className, f, { before: original[f] })]);
  } else {
    action = 'UPDATE';
    fields = Object.keys(payload)
      .filter((f) => !NOISE_FIELDS.has(f))
      .map((f) => [f, change(className, f, { before: original[f], after: entity[f] ?? payload[f] })]);
    if (fields.length === 0) return;
  }
  const source = type === 'delete' || type === 'delete_early' ? original : entity;
  recorder.add(
    {
      action,
      targetType: className,
      targetId: helper(cs.entity).getSerializedPrimaryKey() ?? null,
      changes: boundedChanges(fields),
      bankId: source.bankId,
      supplierId: source.supplierId,
      statement: null,
    },
    transaction,
  );
}

// ---- writes around the unit of work ----

interface ExecutableConnection {
  execute(query: unknown, params?: unknown[], method?: string, ...rest: unknown[]): Promise<unknown>;
}

interface TransactionalConnection {
  transactional<T>(work: (trx: unknown) => Promise<T>): Promise<T>;
}

/**
 * Wraps the ORM connection's `execute` so that statements outside a flush that write are recorded
 * for audited requests. Costs nothing else: without a recorder the statement passes straight on.
 */
export function captureRawWrites(orm: MikroORM): void {
  markFlushes();
  const connection = orm.em.getConnection() as unknown as ExecutableConnection;
  const tables = new Map<string, string>();
  for (const meta of Object.values(orm.getMetadata().getAll())) {
    if (meta.tableName && !meta.embeddable) tables.set(meta.tableName, meta.className);
  }
  const execute = connection.execute.bind(connection);
  connection.execute = async (query, params = [], method = 'all', ...rest) => {
    const recorder = currentAudit();
    if (!recorder || insideFlush.getStore()) return execute(query, params, method, ...rest);
    let sql: string;
    let bindings: unknown[] = params;
    if (typeof query === 'string') sql = query;
    else if (query && typeof (query as { toSQL?: unknown }).toSQL === 'function') {
      const q = (query as { toSQL(): { sql: string; bindings?: unknown[] } }).toSQL();
      sql = q.sql;
      bindings = q.bindings ?? [];
    } else return execute(query, params, method, ...rest);
    const write = WRITE.exec(sql);
    if (!write) return execute(query, params, method, ...rest);
    const table = write[2]!;
    const className = tables.get(table) ?? table;
    if (entityOptions.get(className)?.skip) return execute(query, params, method, ...rest);
    const run = async (transaction: unknown, passOn: unknown[]) => {
      const result = await execute(query, params, method, ...passOn);
      if (changedRows(result) !== 0)
        recordStatement(recorder, write[1]!.toUpperCase(), className, sql, bindings, result, transaction);
      return result;
    };
    const [ctx, ...more] = rest;
    const transacting = (query as { client?: { transacting?: boolean } } | null)?.client?.transacting;
    if (ctx || transacting) return run(ctx ?? query, rest);
    // A write outside any transaction would commit on its own, before its entry could: it runs in a
    // transaction of its own that carries its entry.
    return (connection as unknown as TransactionalConnection).transactional(async (trx) => {
      const result = await run(trx, [trx, ...more]);
      if (recorder.pendingCount(trx) > 0) await recorder.writeFor(boundTo(orm.em, trx), trx);
      return result;
    });
  };
}

const WRITE = /^\s*(insert(?:\s+ignore)?\s+into|replace\s+into|update|delete\s+from)\s+[`"]?(\w+)[`"]?/i;

function changedRows(result: unknown): number | null {
  const r = result as { affectedRows?: number; changes?: number } | undefined;
  if (r && typeof r === 'object' && !Array.isArray(r)) return r.affectedRows ?? r.changes ?? null;
  return null;
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Splits on commas outside parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Index of the first `?` placeholder inside `text[from…]`, counted over the whole statement. */
function placeholdersBefore(sql: string, index: number): number {
  let n = 0;
  for (let i = 0; i < index; i++) if (sql[i] === '?') n++;
  return n;
}

/** An expression with its `?` replaced by the values bound to them. */
function withValues(expression: string, firstParam: number, bindings: unknown[]): unknown {
  if (expression.trim() === '?') return bindings[firstParam];
  let k = firstParam;
  return expression.replace(/\?/g, () => JSON.stringify(plain(bindings[k++])) ?? 'null');
}

function recordStatement(
  recorder: AuditRecorder,
  verb: string,
  className: string,
  sql: string,
  bindings: unknown[],
  result: unknown,
  transaction: unknown,
): void {
  const statement = sql.replace(/\s+/g, ' ').trim().slice(0, MAX_STATEMENT_CHARS);
  if (verb.startsWith('INSERT') || verb.startsWith('REPLACE')) {
    const m = /\(([^)]*)\)\s*values\s*/i.exec(sql);
    const columns = m ? splitTopLevel(m[1]!).map((c) => c.replace(/[`"]/g, '')) : [];
    const width = columns.length;
    const rowCount = width > 0 ? Math.floor(placeholdersInValues(sql, m!.index + m![0].length) / width) : 0;
    const firstParam = m ? placeholdersBefore(sql, m.index + m[0].length) : 0;
    const insertId = (result as { insertId?: number })?.insertId;
    if (rowCount === 0) {
      recorder.add({ action: 'CREATE', targetType: className, targetId: null, changes: {}, statement }, transaction);
      return;
    }
    for (let r = 0; r < rowCount; r++) {
      const row: Record<string, unknown> = {};
      columns.forEach((c, i) => (row[camel(c)] = bindings[firstParam + r * width + i]));
      const id = row.id ?? (rowCount === 1 && insertId ? insertId : null);
      recorder.add(
        {
          action: 'CREATE',
          targetType: className,
          targetId: idOrNull(id),
          changes: boundedChanges(
            Object.entries(row)
              .filter(([f]) => !NOISE_FIELDS.has(f))
              .map(([f, v]) => [f, change(className, f, { after: v })]),
          ),
          bankId: row.bankId,
          supplierId: row.supplierId,
          statement,
        },
        transaction,
      );
    }
    return;
  }
  const whereAt = sql.search(/\swhere\s/i);
  const where = whereAt >= 0 ? sql.slice(whereAt) : '';
  const whereFirstParam = whereAt >= 0 ? placeholdersBefore(sql, whereAt) : bindings.length;
  const whereValue = (column: string): unknown => {
    const m = new RegExp(`[\\s(.\`"]${column}[\`"]?\\s*=\\s*\\?`, 'i').exec(where);
    return m ? bindings[whereFirstParam + placeholdersBefore(where, m.index + m[0].length - 1)] : undefined;
  };
  const ids = (() => {
    const eq = whereValue('id');
    if (eq !== undefined) return String(plain(eq));
    const m = /[\s(.`"]id[`"]?\s+in\s*\(([^)]*)\)/i.exec(where);
    if (!m) return null;
    const first = whereFirstParam + placeholdersBefore(where, m.index + m[0].length - m[1]!.length - 1);
    const n = (m[1]!.match(/\?/g) ?? []).length;
    return bindings
      .slice(first, first + n)
      .slice(0, 50)
      .map((v) => String(plain(v)))
      .join(',');
  })();
  const changes: [string, AuditFieldChange][] = [];
  if (verb === 'UPDATE') {
    const setAt = sql.search(/\sset\s/i);
    if (setAt >= 0) {
      const setText = sql.slice(setAt + 5, whereAt >= 0 ? whereAt : undefined);
      let param = placeholdersBefore(sql, setAt + 5);
      for (const assignment of splitTopLevel(setText)) {
        const eq = assignment.indexOf('=');
        if (eq < 0) continue;
        const field = camel(assignment.slice(0, eq).trim().replace(/[`"]/g, '').split('.').pop()!);
        const expression = assignment.slice(eq + 1);
        if (!NOISE_FIELDS.has(field))
          changes.push([field, change(className, field, { after: withValues(expression, param, bindings) })]);
        param += (expression.match(/\?/g) ?? []).length;
      }
    }
  }
  recorder.add(
    {
      action: verb === 'UPDATE' ? 'UPDATE' : 'DELETE',
      targetType: className,
      targetId: ids,
      changes: boundedChanges(changes),
      bankId: whereValue('bank_id'),
      supplierId: whereValue('supplier_id'),
      statement,
    },
    transaction,
  );
}

function placeholdersInValues(sql: string, from: number): number {
  // Up to a trailing ON DUPLICATE KEY / ON CONFLICT / RETURNING clause.
  const rest = sql.slice(from);
  const end = rest.search(/\s(on\s+duplicate|on\s+conflict|returning)\s/i);
  return ((end >= 0 ? rest.slice(0, end) : rest).match(/\?/g) ?? []).length;
}
