import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError, badInput, conflict, notFound, type FieldProblem } from '../../../core/errors';
import { isSupplier, requireRoleAndPermission, type Principal } from '../../../core/identity';
import type { Logger } from '../../../core/logger';
import type { BackgroundTask } from '../../../core/background';
import { injectFault } from '../../../core/faults';
import { requestContext } from '../../../core/request-context';
import { isTransient } from '../../../core/request-transaction';
import { inTransaction, isUniqueViolation } from '../../../core/sql';
import { csvRows, decodeBase64Upload, decodeText, isXlsx, xlsxRows } from '../../../core/table-file';
import { decodeCursor, keysetAfter, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { SkuStatus } from '../entities/sku';
import {
  RUNNING_IMPORT_STATUSES,
  SkuImport,
  SkuImportStatus,
  type ImportActor,
  type ImportRow,
  type SkuImportProblem,
} from '../entities/sku-import';
import { CatalogWriteService, MAX_IMPORT_ROWS, type SkuRow } from './catalog-write.service';
import { CATALOG_WRITERS, EDIT_CATALOG, writeScope } from './visibility';

/**
 * Supplier bulk SKU imports, all or nothing per file (issue 20). `start` reads the uploaded file
 * (CSV in UTF-8 with or without BOM, or GBK; or XLSX) into rows and records a QUEUED job; a background
 * worker in any catalog process claims it with a lease, checks every row (VALIDATING), and either
 * refuses the file (REFUSED: nothing written, every bad row with its column and reason) or writes
 * every row in ONE transaction (IMPORTING → DONE, the job's DONE in that same transaction), checking
 * the rows again inside it with the SKUs of their codes locked.
 */

/** Decoded bytes: base64 of 3,000,000 bytes is 4,000,000 characters, inside the 4 MiB bulk body. */
export const MAX_IMPORT_BYTES = 3_000_000;
/** What an XLSX may unpack to, all its parts together. */
export const MAX_IMPORT_XLSX_UNPACKED_BYTES = 60 * 1024 * 1024;
/** Problems kept on a job (the count says how many there were). */
export const MAX_IMPORT_PROBLEMS = 1000;
/** Rows per dry-run call while checking: the progress steps. */
const CHECK_CHUNK = 2000;
/** A job whose worker stopped this many times (crashed processes) is FAILED. */
const MAX_ATTEMPTS = 3;

function leaseMs(): number {
  const v = Number(process.env.PERKMALL_SKU_IMPORT_LEASE_MS ?? 60_000);
  return Number.isFinite(v) && v >= 1000 ? v : 60_000;
}

type Key =
  'code' | 'productCode' | 'specs' | 'supplierPrice' | 'listPrice' | 'stock' | 'weightGrams' | 'barcode' | 'status';

/** Accepted header names of each column (the console's template uses the first), and the row fields it fills. */
const COLUMNS: { key: Key; headers: string[]; fields: string[] }[] = [
  { key: 'code', headers: ['sku_code', 'SKU编码', 'code'], fields: ['code'] },
  { key: 'productCode', headers: ['product_code', '商品编码'], fields: ['productCode', 'productId'] },
  { key: 'specs', headers: ['specs', '规格'], fields: ['specs'] },
  { key: 'supplierPrice', headers: ['supplier_price', '供货价'], fields: ['supplierPriceFen'] },
  { key: 'listPrice', headers: ['list_price', '建议零售价'], fields: ['listPriceFen'] },
  { key: 'stock', headers: ['stock', '库存'], fields: ['initialStock'] },
  { key: 'weightGrams', headers: ['weight_grams', '重量克'], fields: ['weightGrams'] },
  { key: 'barcode', headers: ['barcode', '条码'], fields: ['barcode'] },
  { key: 'status', headers: ['status', '状态'], fields: ['status'] },
];

export interface ParsedImport {
  rows: ImportRow[];
  problems: SkuImportProblem[];
  /** Data rows in the file (blank rows not counted). */
  total: number;
  /** Row field → the file's header for it. */
  columns: Record<string, string>;
}

/** Yuan with at most two decimals → fen (exact), or null. */
function yuanToFen(v: string): number | null {
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(v)) return null;
  const [whole, frac = ''] = v.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

const quoted = (v: string) => `"${v.slice(0, 40)}"`;

/**
 * Reads an uploaded SKU file. A file that cannot be read as a whole (not base64, too big, not CSV or
 * XLSX, no sku_code column, more than 20,000 rows) is BAD_USER_INPUT; a row whose cells cannot be read
 * (an amount that is not yuan, a code repeated in the file …) becomes a problem of the job.
 */
export async function parseSkuFile(fileName: string, base64: string): Promise<ParsedImport> {
  const bytes = decodeBase64Upload(base64, MAX_IMPORT_BYTES, 'a SKU file');
  let table: Iterable<string[]>;
  if (isXlsx(fileName, bytes)) table = await xlsxRows(bytes, MAX_IMPORT_ROWS, MAX_IMPORT_XLSX_UNPACKED_BYTES);
  else {
    if (bytes.includes(0)) throw badInput('The file is neither CSV text nor an XLSX workbook.');
    table = csvRows(decodeText(bytes));
  }
  let at: Map<Key, number> | null = null;
  const columns: Record<string, string> = {};
  const rows: ImportRow[] = [];
  const problems: SkuImportProblem[] = [];
  const firstRowOf = new Map<string, number>();
  let rowNumber = 0;
  let total = 0;
  for (const cells of table) {
    rowNumber++;
    const trimmed = cells.map((c) => c.trim());
    if (trimmed.every((c) => c === '')) continue;
    if (!at) {
      const found = new Map<Key, number>();
      for (const c of COLUMNS) {
        const i = trimmed.findIndex((h) => c.headers.some((n) => n.toLowerCase() === h.toLowerCase()));
        if (i >= 0) {
          found.set(c.key, i);
          for (const f of c.fields) columns[f] = trimmed[i]!;
        }
      }
      if (!found.has('code'))
        throw badInput(
          `The first row must be the header, with a sku_code (SKU编码) column; columns: ${COLUMNS.map((c) => c.headers[0]).join(', ')}.`,
        );
      at = found;
      continue;
    }
    total++;
    if (total > MAX_IMPORT_ROWS)
      throw badInput(`The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows: split it.`);
    const header = at;
    const get = (k: Key) => (header.has(k) ? (trimmed[header.get(k)!] ?? '') : '');
    const row = rowNumber;
    const before = problems.length;
    const bad = (k: Key, reason: string) =>
      problems.push({ row, column: columns[COLUMNS.find((c) => c.key === k)!.fields[0]!] ?? k, reason });
    const input: SkuRow = { code: get('code') };
    if (!input.code) bad('code', 'the SKU code is missing');
    else if (firstRowOf.has(input.code)) bad('code', `repeats the SKU code of row ${firstRowOf.get(input.code)}`);
    else firstRowOf.set(input.code, row);
    if (get('productCode')) input.productCode = get('productCode');
    if (get('specs')) {
      const specs = get('specs')
        .split(/[;；]/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((pair) => {
          const [name, ...rest] = pair.split(/[=＝:：]/);
          return { name: (name ?? '').trim(), value: rest.join('=').trim() };
        });
      if (specs.some((s) => !s.name || !s.value))
        bad('specs', 'write specs as name=value pairs separated by ";" (颜色=黑色;尺寸=L)');
      else input.specs = specs;
    }
    for (const [k, field] of [
      ['supplierPrice', 'supplierPriceFen'],
      ['listPrice', 'listPriceFen'],
    ] as const) {
      if (!get(k)) continue;
      const fen = yuanToFen(get(k));
      if (fen === null) bad(k, `${quoted(get(k))} is not an amount in yuan (e.g. 59.00)`);
      else input[field] = fen;
    }
    for (const [k, field] of [
      ['stock', 'initialStock'],
      ['weightGrams', 'weightGrams'],
    ] as const) {
      if (!get(k)) continue;
      if (!/^\d{1,9}$/.test(get(k))) bad(k, `${quoted(get(k))} is not a whole number`);
      else input[field] = Number(get(k));
    }
    if (get('barcode')) input.barcode = get('barcode');
    if (get('status')) {
      const s = get('status').toUpperCase();
      const status =
        s === 'ACTIVE' || s === '上架'
          ? SkuStatus.ACTIVE
          : s === 'INACTIVE' || s === '下架'
            ? SkuStatus.INACTIVE
            : null;
      if (!status) bad('status', `${quoted(get('status'))} is not ACTIVE (上架) or INACTIVE (下架)`);
      else input.status = status;
    }
    if (problems.length === before) rows.push({ row, input });
  }
  if (!at) throw badInput('The file is empty: it needs a header row with a sku_code (SKU编码) column and SKU rows.');
  if (total === 0) throw badInput('The file has a header but no SKU rows.');
  for (const c of COLUMNS) for (const f of c.fields) columns[f] ??= c.headers[0]!;
  return { rows, problems, total, columns };
}

export interface StartSkuImport {
  clientKey: string;
  supplierId?: string | null;
  fileName?: string | null;
  base64?: string | null;
  goodRowsOfSkuImportId?: string | null;
}

/** Import jobs as the caller may see and start them. */
export class SkuImportService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /**
   * Records a QUEUED job for a file (or for the good rows of a REFUSED job). The same client key
   * returns the same job; another running job of the supplier is CONFLICT.
   */
  async start(input: StartSkuImport): Promise<SkuImport> {
    const supplierId = writeScope(this.principal, input.supplierId);
    if (!/^[\x21-\x7e]{8,64}$/.test(input.clientKey))
      throw badInput('clientKey must be 8–64 printable ASCII characters (e.g. a UUID made when the file was chosen).');
    const fromFile = input.base64 != null;
    if (fromFile === (input.goodRowsOfSkuImportId != null))
      throw badInput('Send either a file (fileName and base64) or goodRowsOfSkuImportId (a REFUSED import), not both.');
    return inTransaction(this.em, async (em) => {
      const same = await em.findOne(SkuImport, { supplierId, clientKey: input.clientKey });
      if (same) return same; // a retried start: the job it started
      await this.refuseIfRunning(em, supplierId);
      let job: SkuImport;
      if (fromFile) {
        if (!input.fileName?.trim()) throw badInput('fileName is required with a file.');
        const parsed = await parseSkuFile(input.fileName, input.base64!);
        job = em.create(SkuImport, {
          supplierId,
          clientKey: input.clientKey,
          fileName: input.fileName.trim().slice(0, 200),
          rowsTotal: parsed.total,
          rows: parsed.rows,
          problems: parsed.problems.slice(0, MAX_IMPORT_PROBLEMS),
          problemCount: parsed.problems.length,
          refusedRows: [...new Set(parsed.problems.map((p) => p.row))],
          columns: parsed.columns,
          actor: this.actor(),
          runningSupplierId: supplierId,
        } as never);
      } else {
        const source = await em.findOne(
          SkuImport,
          { id: Number(input.goodRowsOfSkuImportId) || 0, supplierId },
          { populate: ['rows', 'refusedRows'] as never },
        );
        if (!source) throw notFound('SkuImport', input.goodRowsOfSkuImportId!);
        if (source.status !== SkuImportStatus.REFUSED)
          throw conflict(`Import ${source.id} is ${source.status}; only a REFUSED import has good rows to import.`);
        const refused = new Set(source.refusedRows);
        const good = source.rows.filter((r) => !refused.has(r.row));
        if (good.length === 0)
          throw badInput(`Import ${source.id} has no good rows: fix the file and upload it again.`);
        job = em.create(SkuImport, {
          supplierId,
          clientKey: input.clientKey,
          fileName: source.fileName,
          rowsTotal: good.length,
          rows: good,
          columns: source.columns,
          actor: this.actor(),
          goodRowsOf: source.id,
          runningSupplierId: supplierId,
        } as never);
      }
      // A concurrent start of the same supplier loses on the unique `running_supplier_id` (the request is run
      // again once and then meets the winner here: its key → that job, another → CONFLICT).
      await em.flush();
      wakeImportWorkersSoon();
      return job;
    });
  }

  private async refuseIfRunning(em: SqlEntityManager, supplierId: number): Promise<void> {
    const running = await em.findOne(SkuImport, { runningSupplierId: supplierId }, { fields: ['id', 'status'] });
    if (running)
      throw new AppError(
        'CONFLICT',
        `Import ${running.id} of this supplier is still ${running.status}; wait until it ends (one import runs at a time).`,
        { skuImportId: String(running.id) },
      );
  }

  private actor(): ImportActor {
    const { role, sub, supplierId, permissions } = this.principal;
    return { role, sub, supplierId, permissions };
  }

  /** Supplier staff see their own supplier's jobs; the platform any. Another supplier's is NOT_FOUND. */
  private scope(): number | null {
    requireRoleAndPermission(this.principal, CATALOG_WRITERS, EDIT_CATALOG);
    return isSupplier(this.principal) ? Number(this.principal.supplierId) : null;
  }

  async get(id: string): Promise<SkuImport> {
    const supplierId = this.scope();
    const n = Number(id);
    const job = Number.isSafeInteger(n) && n > 0 ? await this.em.findOne(SkuImport, { id: n }) : null;
    if (!job || (supplierId !== null && job.supplierId !== supplierId)) throw notFound('SkuImport', id);
    return job;
  }

  /** Newest first, keyset on id; the platform names the supplier. */
  async list(supplierRef: string | null | undefined, first?: number | null, after?: string | null) {
    const own = this.scope();
    const supplierId = own ?? writeScope(this.principal, supplierRef);
    if (own !== null && supplierRef != null && supplierRef !== String(own)) throw notFound('Supplier', supplierRef);
    const limit = pageSize(first);
    const keys = [{ field: 'id', direction: 'DESC' as const }];
    const where = { supplierId, ...(after ? keysetAfter(keys, decodeCursor(after, 1)) : {}) };
    const rows = await this.em.find(SkuImport, where, { orderBy: { id: 'DESC' }, limit: limit + 1 });
    return toConnection(rows, limit, (j) => [j.id], Boolean(after)) as Connection<SkuImport>;
  }
}

// ---------- the worker ----------

const importWakers = new Set<() => void>();

/** Workers of this process look for jobs shortly (twice: the start's transaction may not have committed by the first). */
function wakeImportWorkersSoon(): void {
  for (const delay of [50, 400]) setTimeout(() => importWakers.forEach((wake) => wake()), delay).unref();
}

/** Thrown inside the write transaction when the re-check found bad rows: the transaction rolls back. */
class RefusedOnRecheck extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super('refused on re-check');
  }
}

/**
 * Runs import jobs: each catalog process has one, and claims a job only by a conditional UPDATE of
 * its lease (no lease, or an expired one), so among replicas exactly one runs it. While it runs it
 * renews the lease; a process that dies leaves the lease to expire and another takes the job over
 * from the start (safe: nothing is written until the one transaction commits, with DONE). After
 * MAX_ATTEMPTS claims the job is FAILED.
 */
export class SkuImportWorker {
  private readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`.slice(0, 80);
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly log: Logger,
  ) {}

  task(intervalMs = 1000): BackgroundTask {
    return {
      name: 'sku-import',
      intervalMs,
      run: async () => {
        await this.runOnce();
      },
      stop: () => {
        this.stopped = true;
      },
      onWake: (wake) => {
        importWakers.add(wake);
        return () => importWakers.delete(wake);
      },
    };
  }

  /** Claims and runs the jobs that are due, one at a time; returns how many it ran. */
  async runOnce(): Promise<number> {
    const em = this.orm.em.fork() as SqlEntityManager;
    const now = new Date();
    const due = await em.find(
      SkuImport,
      { runningSupplierId: { $ne: null }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
      { fields: ['id', 'attempts', 'clientKey', 'supplierId'], orderBy: { id: 'ASC' }, limit: 10 },
    );
    let ran = 0;
    for (const job of due) {
      if (this.stopped) break;
      if (job.attempts >= MAX_ATTEMPTS) {
        await this.finish(em, job.id, SkuImportStatus.FAILED, {
          message: `The import stopped ${job.attempts} times before it finished (its worker process ended); nothing was written. Start it again.`,
          expiredLease: true,
        });
        continue;
      }
      const claimed = await em.nativeUpdate(
        SkuImport,
        {
          id: job.id,
          attempts: job.attempts,
          runningSupplierId: { $ne: null },
          $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }],
        },
        {
          leaseOwner: this.owner,
          leaseUntil: new Date(Date.now() + leaseMs()),
          attempts: job.attempts + 1,
          status: SkuImportStatus.VALIDATING,
          rowsChecked: 0,
        },
      );
      if (claimed !== 1) continue; // another process took it
      ran++;
      // Its statements are counted under this id (GET /debug/statements), and test faults armed for it fire.
      await requestContext.run({ service: 'catalog', requestId: `sku-import-${job.clientKey}`, sqlStatements: 0 }, () =>
        this.run(job.id),
      );
    }
    return ran;
  }

  private async run(id: number): Promise<void> {
    const heartbeat = setInterval(() => void this.renew(id), Math.max(500, leaseMs() / 3));
    heartbeat.unref();
    try {
      await this.validateAndWrite(id);
    } catch (e) {
      this.log.error('sku import failed', { id, error: e instanceof Error ? e.stack : String(e) });
      await this.finish(this.orm.em.fork() as SqlEntityManager, id, SkuImportStatus.FAILED, {
        message: 'The import failed on the server; nothing was written. Start it again, or ask the platform team.',
      }).catch(() => undefined);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async renew(id: number): Promise<void> {
    await (this.orm.em.fork() as SqlEntityManager)
      .nativeUpdate(
        SkuImport,
        { id, leaseOwner: this.owner, runningSupplierId: { $ne: null } },
        { leaseUntil: new Date(Date.now() + leaseMs()) },
      )
      .catch(() => undefined);
  }

  private async validateAndWrite(id: number): Promise<void> {
    const em = this.orm.em.fork() as SqlEntityManager;
    const job = await em.findOneOrFail(SkuImport, { id }, { populate: ['rows', 'problems', 'refusedRows'] as never });
    const actor = job.actor as Principal;
    const rows = job.rows;
    const problems: SkuImportProblem[] = [...job.problems];
    let problemCount = job.problemCount;
    const refused = new Set(job.refusedRows);
    const addProblems = (list: FieldProblem[], chunk: ImportRow[]) => {
      for (const p of list) {
        const row = p.index !== undefined ? chunk[p.index]?.row : undefined;
        if (row === undefined) continue;
        refused.add(row);
        problemCount++;
        if (problems.length < MAX_IMPORT_PROBLEMS)
          problems.push({ row, column: job.columns[p.field] ?? p.field, reason: p.message });
      }
    };

    // 1. Check every row (dry runs, no transaction), a chunk at a time for the progress.
    let checked = job.rowsTotal - rows.length; // rows the file reading already refused count as checked
    for (let start = 0; start < rows.length; start += CHECK_CHUNK) {
      const chunk = rows.slice(start, start + CHECK_CHUNK);
      const read = em.fork() as SqlEntityManager;
      try {
        await new CatalogWriteService(read, actor).upsertSkus(
          String(job.supplierId),
          chunk.map((r) => r.input),
          'upsert',
          true,
          { em: read, lock: false },
        );
      } catch (e) {
        const list = problemsOf(e);
        if (!list) return this.failWith(em, id, e);
        addProblems(list, chunk);
      }
      checked += chunk.length;
      if (!(await this.progress(em, id, { rowsChecked: checked }))) return; // the lease was lost
    }
    if (refused.size > 0) {
      await this.finish(em, id, SkuImportStatus.REFUSED, { problems, problemCount, refused });
      return;
    }

    // 2. Write every row in one transaction, checking them again there with their SKUs locked.
    if (!(await this.progress(em, id, { status: SkuImportStatus.IMPORTING }))) return;
    for (let attempt = 0; ; attempt++) {
      try {
        await em.fork().transactional(async (tx) => {
          const t = tx as SqlEntityManager;
          let result;
          try {
            result = await new CatalogWriteService(t, actor).upsertSkus(
              String(job.supplierId),
              rows.map((r) => r.input),
              'upsert',
              false,
              { em: t, lock: true },
            );
          } catch (e) {
            const list = problemsOf(e);
            if (list) throw new RefusedOnRecheck(list);
            throw e;
          }
          injectFault('before-step-commit'); // test only: a failure after every row was written
          const done = await t.nativeUpdate(
            SkuImport,
            { id, leaseOwner: this.owner, status: SkuImportStatus.IMPORTING },
            {
              status: SkuImportStatus.DONE,
              rowsWritten: rows.length,
              created: result.created.length,
              updated: result.updated.length,
              runningSupplierId: null,
              leaseOwner: null,
              leaseUntil: null,
              finishedAt: new Date(),
            },
          );
          // Another process took the job over (this one stalled past its lease): roll back, it writes.
          if (done !== 1) throw new Error(`sku import ${id}: lease lost before commit`);
        });
        return;
      } catch (e) {
        if (e instanceof RefusedOnRecheck) {
          addProblems(e.problems, rows);
          await this.finish(em, id, SkuImportStatus.REFUSED, { problems, problemCount, refused });
          return;
        }
        if (isTransient(e) && attempt < 3) continue;
        return this.failWith(em, id, e);
      }
    }
  }

  private async failWith(em: SqlEntityManager, id: number, e: unknown): Promise<void> {
    const message = isUniqueViolation(e)
      ? 'A SKU code of this file was created by someone else while it was importing; nothing was written. Start the import again (those rows will update that SKU).'
      : e instanceof AppError
        ? `${e.message} Nothing was written.`.slice(0, 500)
        : 'The import failed while writing and was rolled back; nothing was written. Start it again.';
    if (!(e instanceof AppError))
      this.log.error('sku import failed', { id, error: e instanceof Error ? e.stack : String(e) });
    await this.finish(em, id, SkuImportStatus.FAILED, { message });
  }

  /** Records progress while this process holds the lease; false when it no longer does. */
  private async progress(
    em: SqlEntityManager,
    id: number,
    changes: { rowsChecked?: number; status?: SkuImportStatus },
  ): Promise<boolean> {
    const n = await em.nativeUpdate(
      SkuImport,
      { id, leaseOwner: this.owner, status: { $in: RUNNING_IMPORT_STATUSES } },
      { ...changes, leaseUntil: new Date(Date.now() + leaseMs()) },
    );
    return n === 1;
  }

  /** Ends the job (REFUSED or FAILED: nothing written), if this process holds it (or its lease expired). */
  private async finish(
    em: SqlEntityManager,
    id: number,
    status: SkuImportStatus.REFUSED | SkuImportStatus.FAILED,
    what: {
      message?: string;
      problems?: SkuImportProblem[];
      problemCount?: number;
      refused?: Set<number>;
      expiredLease?: boolean;
    },
  ): Promise<void> {
    const owner = what.expiredLease
      ? { $or: [{ leaseUntil: null }, { leaseUntil: { $lt: new Date() } }] }
      : { leaseOwner: this.owner };
    await em.nativeUpdate(
      SkuImport,
      { id, status: { $in: RUNNING_IMPORT_STATUSES }, ...owner },
      {
        status,
        ...(what.message ? { message: what.message } : {}),
        ...(what.problems
          ? {
              problems: what.problems.sort((a, b) => a.row - b.row),
              problemCount: what.problemCount ?? what.problems.length,
              refusedRows: [...(what.refused ?? [])].sort((a, b) => a - b),
              rowsRefused: what.refused?.size ?? 0,
            }
          : {}),
        runningSupplierId: null,
        leaseOwner: null,
        leaseUntil: null,
        finishedAt: new Date(),
      },
    );
  }
}

/** The row problems a refused batch carries (BAD_USER_INPUT, or FORBIDDEN for staff prices), or null. */
function problemsOf(e: unknown): FieldProblem[] | null {
  if (!(e instanceof AppError)) return null;
  const list = e.extensions.problems as FieldProblem[] | undefined;
  return Array.isArray(list) && list.length > 0 && list.every((p) => p.index !== undefined) ? list : null;
}
