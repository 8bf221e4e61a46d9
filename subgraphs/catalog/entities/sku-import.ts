import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CreatedAt, EnumColumn, IdKey, UpdatedAt } from '../../../core/entity';
import type { Principal } from '../../../core/identity';
import type { SkuRow } from '../services/catalog-write.service';

export enum SkuImportStatus {
  QUEUED = 'QUEUED',
  VALIDATING = 'VALIDATING',
  IMPORTING = 'IMPORTING',
  DONE = 'DONE',
  REFUSED = 'REFUSED',
  FAILED = 'FAILED',
}
registerEnumType(SkuImportStatus, {
  name: 'SkuImportStatus',
  description:
    'QUEUED (waiting for a worker) → VALIDATING (every row checked) → IMPORTING (every row written in one transaction) → DONE; REFUSED: some row is bad and nothing was written; FAILED: the write failed and was rolled back, nothing was written.',
});

/** The statuses of a job still to finish: at most one such job per supplier. */
export const RUNNING_IMPORT_STATUSES = [SkuImportStatus.QUEUED, SkuImportStatus.VALIDATING, SkuImportStatus.IMPORTING];

@ObjectType({ description: 'A refused row of an import: its row in the file, the column, and why.' })
export class SkuImportProblem {
  @Field(() => Int, { description: 'The row in the file, as a spreadsheet numbers it (the header is row 1).' })
  row!: number;

  @Field(() => String, { description: 'The column, as the file names it in its header.' })
  column!: string;

  @Field(() => String, { description: 'Why the row was refused.' })
  reason!: string;
}

/** A row of the file that was read, with its file row number: what the job checks and writes. */
export interface ImportRow {
  row: number;
  input: SkuRow;
}

/** The identity that started the job: its checks (staff may not set prices) are that person's. */
export type ImportActor = Pick<Principal, 'role' | 'sub' | 'supplierId' | 'permissions'>;

/**
 * A supplier's bulk SKU import (a CSV or XLSX file): all or nothing per file. The file is read when
 * the job is started; a background worker of any catalog process claims the job with a lease, checks
 * every row, and either refuses it (nothing written, the bad rows listed) or writes every row in one
 * transaction, marking it DONE in that same transaction.
 */
@Entity({ tableName: 'sku_import' })
@Unique({ name: 'sku_import_client_key', properties: ['supplierId', 'clientKey'] })
// Set only while the job is QUEUED, VALIDATING or IMPORTING: the unique index allows one such job per supplier.
@Unique({ name: 'sku_import_running', properties: ['runningSupplierId'] })
@Index({ name: 'sku_import_supplier', properties: ['supplierId', 'id'] })
@Index({ name: 'sku_import_lease', properties: ['runningSupplierId', 'leaseUntil'] })
@ObjectType({
  description: "A bulk SKU import: a file's rows, checked together and written in one transaction or not at all.",
})
export class SkuImport {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  /** The client's key for this upload: a retried start returns the same job. */
  @Property({ type: 'string', length: 64 })
  clientKey!: string;

  @EnumColumn(() => SkuImportStatus, { length: 16, field: 'Where the job is.' })
  status: SkuImportStatus = SkuImportStatus.QUEUED;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'The uploaded file name.' })
  fileName!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Data rows in the file (or, for a good-rows job, the good rows taken over).' })
  rowsTotal = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rows checked so far.' })
  rowsChecked = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rows written: 0 until the one transaction commits, then every row.' })
  rowsWritten = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rows refused (each has at least one problem).' })
  rowsRefused = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'SKUs created (DONE only).' })
  created = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'SKUs updated (DONE only).' })
  updated = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Problems found in all (the list holds the first 1,000).' })
  problemCount = 0;

  @Property({ type: 'json', lazy: true })
  problems: SkuImportProblem[] = [];

  /** Every refused row number (up to the file's 20,000), for "import only the good rows". */
  @Property({ type: 'json', lazy: true })
  refusedRows: number[] = [];

  /** The rows read from the file, with their row numbers (what the worker checks and writes). */
  @Property({ type: 'json', lazy: true })
  rows: ImportRow[] = [];

  /** The file's header name of each row field, so problems name the column as the file does. */
  @Property({ type: 'json' })
  columns: Record<string, string> = {};

  @Property({ type: 'json' })
  actor!: ImportActor;

  /** For a good-rows job: the refused job whose good rows it imports. */
  @Property({ type: 'integer', nullable: true })
  goodRowsOf?: number | null = null;

  @Property({ type: 'integer', nullable: true })
  runningSupplierId?: number | null = null;

  /** The worker holding the job (process id) and until when; another may take it over after. */
  @Property({ type: 'string', length: 80, nullable: true })
  leaseOwner?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null = null;

  /** Times a worker claimed it; a job that keeps crashing its workers is FAILED after a few. */
  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it FAILED (nothing was written), in words to act on.' })
  message?: string | null = null;

  @CreatedAt({ field: 'When it was started.' })
  createdAt: Date = new Date();

  @UpdatedAt()
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it ended (DONE, REFUSED or FAILED).' })
  finishedAt?: Date | null = null;
}
