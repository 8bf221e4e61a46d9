import { createHash, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  bankScopeOf,
  requirePartnerScope,
  requireRoleAndPermission,
  type Principal,
} from '../../../core/identity';
import type { Logger } from '../../../core/logger';
import { decodeCursor, encodeCursor, pageSize, validPage, type Connection } from '../../../core/pagination';
import { affectedRows, inTransaction, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { BankEventType } from '../entities/bank-event';
import { BankEventFile, BankEventFileStatus } from '../entities/bank-event-file';
import { EVENT_COLUMNS, EarningService, type BankEventInput, type BankEventRowOutcome } from './earning.service';
import { POINTS_ADJUSTMENT } from './earn-rules.service';
import { TenantsClient } from './tenants-client';

/** A chunk of an upload is at most this many bytes (the gateway and loyalty both refuse more). */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
/** A chunk is stored as rows of at most this many bytes. */
const STORED_PART_BYTES = 2 * 1024 * 1024;
/** A file is at most 512 MiB (1,000,000 rows of ~100 bytes is about 100 MB). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Rows written per transaction by the worker. */
export const BATCH_ROWS = Number(process.env.PERKMALL_BANK_FILE_BATCH_ROWS ?? 500);
/** A line longer than this is refused as a row (and the worker never buffers more of it). */
const MAX_LINE_BYTES = 16 * 1024;
/** A worker holds a file this long per batch; a crashed worker's file is resumed after it. */
const LEASE_MS = Number(process.env.PERKMALL_BANK_FILE_LEASE_MS ?? 30_000);
const REQUIRED = [
  EVENT_COLUMNS.eventId,
  EVENT_COLUMNS.customerRef,
  EVENT_COLUMNS.product,
  EVENT_COLUMNS.amountFen,
  EVENT_COLUMNS.occurredAt,
];
const KNOWN: string[] = Object.values(EVENT_COLUMNS);

/** Who may upload event files and read their reports: whoever may post bank events. */
export function fileCaller(principal: Principal | undefined): { principal: Principal; bankScope: string | null } {
  const p = requireRoleAndPermission(principal, ['PARTNER_APP', 'BANK_ADMIN', ...PLATFORM_ROLES], POINTS_ADJUSTMENT);
  requirePartnerScope(p, 'EARN_EVENTS');
  return { principal: p, bankScope: bankScopeOf(p) };
}

export interface UploadState {
  id: number;
  offset: number;
  sizeBytes: number;
  status: BankEventFileStatus;
}

/**
 * A bank's event files: created with their size (and optionally SHA-256), filled by contiguous
 * chunks at the committed offset (a client that lost its connection asks for the offset and goes
 * on from there), queued once complete. Another bank's file is NOT_FOUND.
 */
export class BankEventFiles {
  private readonly bankScope: string | null;

  constructor(
    private readonly em: SqlEntityManager,
    principal: Principal | undefined,
  ) {
    this.bankScope = fileCaller(principal).bankScope;
  }

  async create(input: { fileName: string; sizeBytes: number; sha256?: string | null; bankId?: number | null }) {
    const bankId = this.bankScope !== null ? Number(this.bankScope) : input.bankId;
    if (!bankId)
      throw badInput('bankId is required for platform callers.', [{ field: 'bankId', message: 'is required' }]);
    if (this.bankScope !== null && input.bankId && String(input.bankId) !== this.bankScope)
      throw badInput('bankId must be your own bank (or omitted).', [{ field: 'bankId', message: 'must be your bank' }]);
    const problems = [];
    const name = input.fileName.trim();
    // Control characters are refused by @Text on the input already.
    if (!name || name.length > 200)
      problems.push({ field: 'fileName', message: 'is required (at most 200 characters)' });
    if (!Number.isSafeInteger(input.sizeBytes) || input.sizeBytes < 1 || input.sizeBytes > MAX_FILE_BYTES)
      problems.push({ field: 'sizeBytes', message: `must be between 1 and ${MAX_FILE_BYTES} bytes` });
    if (input.sha256 != null && !/^[0-9a-fA-F]{64}$/.test(input.sha256))
      problems.push({ field: 'sha256', message: 'must be 64 hex digits' });
    if (problems.length)
      throw badInput(`Invalid file: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
    const file = this.em.create(BankEventFile, {
      bankId,
      fileName: name,
      sizeBytes: input.sizeBytes,
      sha256: input.sha256?.toLowerCase() ?? null,
      receivedBytes: 0,
      status: BankEventFileStatus.UPLOADING,
      nextByte: 0,
      nextRow: 0,
      rowsProcessed: 0,
      rowsAccepted: 0,
      rowsRejected: 0,
      rowsDuplicate: 0,
      pointsAwarded: 0,
      tierPointsAwarded: 0,
      createdAt: new Date(),
    });
    await this.em.persistAndFlush(file);
    return file;
  }

  /** The file, if the caller's bank owns it (else NOT_FOUND). */
  async get(id: number): Promise<BankEventFile> {
    const file = Number.isSafeInteger(id) ? await this.em.findOne(BankEventFile, id, { refresh: true }) : null;
    if (!file || (this.bankScope !== null && String(file.bankId) !== this.bankScope))
      throw notFound('Bank event file', id);
    return file;
  }

  async list(bankId: number | null, first?: number | null, after?: string | null): Promise<Connection<BankEventFile>> {
    validPage({ first, after }, 1);
    const bank = this.bankScope !== null ? Number(this.bankScope) : bankId;
    if (!bank)
      throw badInput('bankId is required for platform callers.', [{ field: 'bankId', message: 'is required' }]);
    if (this.bankScope !== null && bankId && String(bankId) !== this.bankScope) throw notFound('Bank', bankId);
    const size = pageSize(first);
    const where: Record<string, unknown> = { bankId: bank };
    if (after) where.id = { $lt: Number(decodeCursor(after, 1)[0]) };
    const rows = await this.em.find(BankEventFile, where, { orderBy: { id: 'DESC' }, limit: size + 1 });
    return connectionOf(rows, size, (f) => [f.id]);
  }

  state(file: BankEventFile): UploadState {
    return { id: file.id, offset: file.receivedBytes, sizeBytes: file.sizeBytes, status: file.status };
  }

  /**
   * Appends a chunk at `offset`, which must be the committed offset (409 with the committed offset
   * otherwise, so the client resumes from there). The chunk row and the new offset commit together;
   * the last chunk queues the file.
   */
  async append(id: number, offset: number, bytes: Buffer): Promise<UploadState> {
    const file = await this.get(id);
    if (file.status !== BankEventFileStatus.UPLOADING) {
      if (offset === file.receivedBytes && bytes.length === 0) return this.state(file);
      throw conflict(`This file is complete (${file.status}); nothing more can be uploaded to it.`);
    }
    if (bytes.length === 0) throw badInput('An empty chunk adds nothing; send the bytes from the committed offset.');
    if (bytes.length > MAX_CHUNK_BYTES) throw badInput(`A chunk may be at most ${MAX_CHUNK_BYTES} bytes.`);
    if (offset !== file.receivedBytes)
      throw new OffsetMismatch(
        file.receivedBytes,
        `The upload is at byte ${file.receivedBytes}, not ${offset}; send from there.`,
      );
    if (offset + bytes.length > file.sizeBytes)
      throw badInput(`The chunk ends at byte ${offset + bytes.length}, past the declared size ${file.sizeBytes}.`);
    const end = offset + bytes.length;
    const complete = end === file.sizeBytes;
    await inTransaction(this.em, async (tx) => {
      const moved = await affectedRows(
        tx,
        'UPDATE bank_event_file SET received_bytes = ?, status = ? WHERE id = ? AND received_bytes = ? AND status = ?',
        [
          end,
          complete ? BankEventFileStatus.QUEUED : BankEventFileStatus.UPLOADING,
          id,
          offset,
          BankEventFileStatus.UPLOADING,
        ],
      );
      if (moved !== 1) throw new OffsetMismatch(-1, 'Another upload of this chunk won; ask for the committed offset.');
      // Stored in parts of at most 2 MiB: the driver sends a blob as hex inside the statement, and a
      // statement must fit MariaDB's max_allowed_packet (16 MiB by default).
      for (let at = 0; at < bytes.length; at += STORED_PART_BYTES) {
        const part = bytes.subarray(at, at + STORED_PART_BYTES);
        await affectedRows(
          tx,
          'INSERT INTO bank_event_file_chunk (file_id, byte_offset, length, bytes) VALUES (?, ?, ?, ?)',
          [id, offset + at, part.length, part],
        );
      }
    });
    return {
      id,
      offset: end,
      sizeBytes: file.sizeBytes,
      status: complete ? BankEventFileStatus.QUEUED : BankEventFileStatus.UPLOADING,
    };
  }
}

export class OffsetMismatch extends Error {
  constructor(
    readonly committed: number,
    message: string,
  ) {
    super(message);
  }
}

function connectionOf<T>(rows: T[], size: number, key: (t: T) => (string | number)[]): Connection<T> {
  const page = rows.slice(0, size);
  return {
    edges: page.map((node) => ({ node, cursor: encodeCursor(key(node)) })),
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: page.length ? encodeCursor(key(page[page.length - 1]!)) : null,
    },
  } as Connection<T>;
}

/** One line of a file: its row number (header = 1), the bytes where the next line starts, its text. */
interface Line {
  row: number;
  next: number;
  text: string | null; // null: longer than MAX_LINE_BYTES
}

/**
 * Reads a file's lines from the chunk table starting at byte `from` (a line start), one chunk in
 * memory at a time. `\n` and `\r\n` end lines; a last line without one is still a line.
 */
async function* linesOf(em: SqlEntityManager, fileId: number, from: number, firstRow: number): AsyncGenerator<Line> {
  let pos = from;
  let row = firstRow;
  let carry: Buffer[] = [];
  let carryLen = 0;
  let tooLong = false;
  for (;;) {
    const [chunk] = await selectRows<{ byte_offset: number; length: number; bytes: Buffer }>(
      em,
      'SELECT byte_offset, length, bytes FROM bank_event_file_chunk WHERE file_id = ? AND byte_offset <= ? AND byte_offset + length > ? ORDER BY byte_offset LIMIT 1',
      [fileId, pos, pos],
    );
    if (!chunk) break;
    const base = Number(chunk.byte_offset);
    const bytes = Buffer.from(chunk.bytes);
    let i = pos - base;
    while (i < bytes.length) {
      const nl = bytes.indexOf(10, i);
      const end = nl === -1 ? bytes.length : nl;
      if (!tooLong) {
        if (carryLen + (end - i) > MAX_LINE_BYTES) {
          tooLong = true;
          carry = [];
        } else carry.push(bytes.subarray(i, end));
        carryLen += end - i;
      }
      if (nl === -1) break;
      const next = base + nl + 1;
      yield { row, next, text: tooLong ? null : lineText(carry) };
      row += 1;
      carry = [];
      carryLen = 0;
      tooLong = false;
      i = nl + 1;
    }
    pos = base + bytes.length;
  }
  if (carryLen > 0 || tooLong) yield { row, next: pos, text: tooLong ? null : lineText(carry) };
}

function lineText(parts: Buffer[]): string {
  const s = Buffer.concat(parts).toString('utf8');
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

/** Splits one CSV line (RFC 4180 quoting within the line; a field may not contain a line break). */
export function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      i += 1;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) return null;
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      if (i === line.length) return out;
      if (line[i] !== ',') return null;
      i += 1;
    } else {
      const c = line.indexOf(',', i);
      if (c === -1) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

type ParsedRow = { input: BankEventInput } | { column: string; message: string };

/** A data row as an event, or the first problem of it (by column). */
export function parseRow(bankId: number, header: Map<string, number>, text: string | null): ParsedRow {
  if (text === null) return { column: '*', message: `the line is longer than ${MAX_LINE_BYTES} bytes` };
  const cells = splitCsvLine(text);
  if (!cells) return { column: '*', message: 'the line is not valid CSV (unbalanced quotes)' };
  if (cells.length !== header.size)
    return { column: '*', message: `has ${cells.length} fields; the header has ${header.size}` };
  const get = (c: string) => {
    const i = header.get(c);
    return i === undefined ? '' : cells[i]!.trim();
  };
  const amount = get(EVENT_COLUMNS.amountFen);
  if (!/^\d{1,15}$/.test(amount))
    return { column: EVENT_COLUMNS.amountFen, message: `"${amount.slice(0, 40)}" is not a whole number of fen` };
  const when = get(EVENT_COLUMNS.occurredAt);
  const occurredAt = new Date(when);
  if (!ISO_DATE_TIME.test(when) || Number.isNaN(occurredAt.getTime()))
    return {
      column: EVENT_COLUMNS.occurredAt,
      message: `"${when.slice(0, 40)}" is not an ISO-8601 date-time with a zone (e.g. 2026-11-30T09:15:00+08:00)`,
    };
  const type = (get(EVENT_COLUMNS.type) || 'EARN').toUpperCase();
  if (type !== BankEventType.EARN && type !== BankEventType.REVERSAL)
    return { column: EVENT_COLUMNS.type, message: `"${type.slice(0, 20)}" is not EARN or REVERSAL` };
  return {
    input: {
      bankId,
      idempotencyKey: get(EVENT_COLUMNS.eventId),
      customerRef: get(EVENT_COLUMNS.customerRef),
      product: get(EVENT_COLUMNS.product),
      amountFen: Number(amount),
      merchantCategory: get(EVENT_COLUMNS.merchantCategory) || null,
      occurredAt,
      type: type as BankEventType,
      reversesKey: get(EVENT_COLUMNS.reversesEventId) || null,
    },
  };
}

/**
 * The durable worker: claims a QUEUED file (or one whose worker's lease ran out), checks it,
 * then goes through its rows in batches. Each batch's events, errors, counts and the checkpoint
 * commit in one transaction, guarded by the lease and the checkpoint it started from, so a crash
 * anywhere resumes at the first row not committed and no row counts twice.
 */
export class BankEventFileWorker {
  private readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private stopping = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly log: Logger,
    private readonly tenants = new TenantsClient(),
  ) {}

  private em(): SqlEntityManager {
    return this.orm.em.fork() as SqlEntityManager;
  }

  /** Ends the current file at its next batch (its lease lapses; this or another process resumes it). */
  stop(): void {
    this.stopping = true;
  }

  /** Processes files until none is waiting; returns how many it finished. */
  async runOnce(): Promise<number> {
    let done = 0;
    for (;;) {
      if (this.stopping) return done;
      const file = await this.claim();
      if (!file) return done;
      await this.process(file);
      done += 1;
    }
  }

  private async claim(): Promise<BankEventFile | null> {
    const em = this.em();
    const now = new Date();
    const [candidate] = await selectRows<{ id: number }>(
      em,
      `SELECT id FROM bank_event_file WHERE status IN (?, ?) AND (lease_until IS NULL OR lease_until < ?) ORDER BY id LIMIT 1`,
      [BankEventFileStatus.QUEUED, BankEventFileStatus.PROCESSING, now],
    );
    if (!candidate) return null;
    const claimed = await affectedRows(
      em,
      `UPDATE bank_event_file SET status = ?, lease_owner = ?, lease_until = ?
       WHERE id = ? AND status IN (?, ?) AND (lease_until IS NULL OR lease_until < ?)`,
      [
        BankEventFileStatus.PROCESSING,
        this.owner,
        new Date(now.getTime() + LEASE_MS),
        candidate.id,
        BankEventFileStatus.QUEUED,
        BankEventFileStatus.PROCESSING,
        now,
      ],
    );
    if (claimed !== 1) return null;
    return em.findOneOrFail(BankEventFile, candidate.id, { refresh: true });
  }

  private async fail(file: BankEventFile, why: string): Promise<void> {
    this.log.warn('bank event file refused', { fileId: file.id, why });
    await affectedRows(
      this.em(),
      'UPDATE bank_event_file SET status = ?, failure = ?, lease_until = NULL, completed_at = ? WHERE id = ? AND lease_owner = ?',
      [BankEventFileStatus.FAILED, why.slice(0, 500), new Date(), file.id, this.owner],
    );
  }

  /** First pass (once per file): the checksum and the number of data rows. */
  private async survey(file: BankEventFile): Promise<{ sha256: string; rows: number }> {
    const em = this.em();
    const hash = createHash('sha256');
    let rows = 0;
    let lastByte = 10;
    let offset = 0;
    for (;;) {
      const [chunk] = await selectRows<{ length: number; bytes: Buffer }>(
        em,
        'SELECT length, bytes FROM bank_event_file_chunk WHERE file_id = ? AND byte_offset = ?',
        [file.id, offset],
      );
      if (!chunk) break;
      const bytes = Buffer.from(chunk.bytes);
      hash.update(bytes);
      for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) rows += 1;
      lastByte = bytes[bytes.length - 1] ?? lastByte;
      offset += bytes.length;
    }
    if (lastByte !== 10) rows += 1; // a last line without a line break
    return { sha256: hash.digest('hex'), rows: Math.max(rows - 1, 0) };
  }

  async process(file: BankEventFile): Promise<void> {
    if (file.nextByte === 0) {
      const { sha256, rows } = await this.survey(file);
      if (file.sha256 && file.sha256 !== sha256)
        return this.fail(file, `The file's SHA-256 is ${sha256}, not the ${file.sha256} declared; upload it again.`);
      await affectedRows(this.em(), 'UPDATE bank_event_file SET rows_total = ? WHERE id = ?', [rows, file.id]);
    }
    // The header is read again on every resume (it is the first line).
    const headerLine = (await linesOf(this.em(), file.id, 0, 1).next()).value as Line | undefined;
    const names = headerLine?.text ? splitCsvLine(headerLine.text.replace(/^\uFEFF/, '')) : null;
    const header = new Map((names ?? []).map((n, i) => [n.trim().toLowerCase(), i]));
    const missing = REQUIRED.filter((c) => !header.has(c));
    if (!names || missing.length)
      return this.fail(
        file,
        `The header must name the columns ${REQUIRED.join(', ')}; missing: ${missing.join(', ') || 'a header'}.`,
      );
    const unknown = [...header.keys()].filter((c) => !KNOWN.includes(c));
    if (unknown.length) return this.fail(file, `Unknown columns in the header: ${unknown.join(', ')}.`);

    const from = file.nextByte === 0 ? headerLine!.next : file.nextByte;
    const row = file.nextByte === 0 ? 2 : file.nextRow;
    // What the database holds as the checkpoint: each batch commits only from exactly there.
    let checkpoint = file.nextByte;
    const earning = new EarningService(this.em(), this.tenants);
    let batch: BatchLine[] = [];
    let rows = 0;
    const flush = async () => {
      if (!batch.length) return true;
      if (!(await this.commitBatch(file, earning, checkpoint, batch))) return false;
      checkpoint = batch[batch.length - 1]!.next;
      batch = [];
      rows = 0;
      return true;
    };
    for await (const line of linesOf(this.em(), file.id, from, row)) {
      // A blank line is no row: skipped, its number not reused.
      const blank = line.text !== null && line.text.trim() === '';
      batch.push({
        row: line.row,
        next: line.next,
        parsed: blank ? null : parseRow(file.bankId, header, line.text),
      });
      if (!blank) rows += 1;
      if (rows >= BATCH_ROWS && !(await flush())) return;
      if (this.stopping && batch.length === 0) {
        // Stopping: hand the file back at once rather than when the lease runs out.
        await affectedRows(
          this.em(),
          'UPDATE bank_event_file SET lease_until = NULL WHERE id = ? AND lease_owner = ?',
          [file.id, this.owner],
        );
        return;
      }
    }
    if (!(await flush())) return;
    await affectedRows(
      this.em(),
      'UPDATE bank_event_file SET status = ?, lease_until = NULL, completed_at = ? WHERE id = ? AND lease_owner = ?',
      [BankEventFileStatus.DONE, new Date(), file.id, this.owner],
    );
    this.log.info('bank event file processed', { fileId: file.id });
  }

  /** One batch: its events through the earning service, and in the same transaction the errors, counts and checkpoint. */
  private async commitBatch(
    file: BankEventFile,
    earning: EarningService,
    checkpoint: number,
    batch: BatchLine[],
  ): Promise<boolean> {
    const rows = batch.filter((b): b is BatchLine & { parsed: ParsedRow } => b.parsed !== null);
    const events = rows.filter((b) => 'input' in b.parsed);
    const last = batch[batch.length - 1]!;
    let fenced = false;
    await earning
      .recordBankEvents(
        file.bankId,
        events.map((b) => (b.parsed as { input: BankEventInput }).input),
        async (tx, outcomes) => {
          const byRow = new Map<number, BankEventRowOutcome>();
          events.forEach((b, i) => byRow.set(b.row, outcomes[i]!));
          const errors: { file_id: number; row_number: number; column: string; message: string }[] = [];
          const counts = { accepted: 0, duplicate: 0, rejected: 0, points: 0, tier: 0 };
          for (const b of rows) {
            const o = byRow.get(b.row);
            if (!o || o.status === 'REJECTED') {
              counts.rejected += 1;
              const problem = o && o.status === 'REJECTED' ? o : (b.parsed as { column: string; message: string });
              errors.push({
                file_id: file.id,
                row_number: b.row,
                column: problem.column.slice(0, 64),
                message: problem.message.slice(0, 300),
              });
            } else if (o.status === 'DUPLICATE') counts.duplicate += 1;
            else {
              counts.accepted += 1;
              counts.points += o.pointsAwarded;
              counts.tier += o.tierPointsAwarded;
            }
          }
          await insertIgnoringDuplicates(tx, 'bank_event_file_error', errors, ['file_id', 'row_number']);
          const moved = await affectedRows(
            tx,
            `UPDATE bank_event_file SET next_byte = ?, next_row = ?, rows_processed = rows_processed + ?,
             rows_accepted = rows_accepted + ?, rows_duplicate = rows_duplicate + ?, rows_rejected = rows_rejected + ?,
             points_awarded = points_awarded + ?, tier_points_awarded = tier_points_awarded + ?, lease_until = ?
           WHERE id = ? AND lease_owner = ? AND next_byte = ?`,
            [
              last.next,
              last.row + 1,
              rows.length,
              counts.accepted,
              counts.duplicate,
              counts.rejected,
              counts.points,
              counts.tier,
              new Date(Date.now() + LEASE_MS),
              file.id,
              this.owner,
              checkpoint,
            ],
          );
          if (moved !== 1) {
            fenced = true;
            throw new LeaseLost();
          }
        },
      )
      .catch((e: unknown) => {
        if (!(e instanceof LeaseLost)) throw e;
      });
    if (fenced) this.log.warn('bank event file taken over by another worker', { fileId: file.id });
    return !fenced;
  }
}

class LeaseLost extends Error {}

interface BatchLine {
  row: number;
  next: number;
  /** null: a blank line (skipped). */
  parsed: ParsedRow | null;
}
