import { Entity, Index, Property, Unique, BigIntType, BlobType } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

export enum BankEventFileStatus {
  /** Created; its bytes arrive in chunks (resumable). */
  UPLOADING = 'UPLOADING',
  /** Every byte arrived; waiting for a worker. */
  QUEUED = 'QUEUED',
  /** A worker is going through its rows (checkpointed by row). */
  PROCESSING = 'PROCESSING',
  /** Every row was processed; see the counts and the per-row errors. */
  DONE = 'DONE',
  /** The file could not be read at all (bad header, checksum mismatch); nothing was recorded. */
  FAILED = 'FAILED',
}
registerEnumType(BankEventFileStatus, {
  name: 'BankEventFileStatus',
  description: 'UPLOADING → QUEUED → PROCESSING → DONE (or FAILED when the file as a whole is unreadable).',
});

/**
 * A daily file of core-banking events a bank uploads. Its bytes live in `bank_event_file_chunk`
 * (the loyalty database, so any replica can take the next chunk or resume the processing); the
 * worker's checkpoint (`nextByte`, `nextRow`) and the counts move in the same transaction as each
 * batch of rows, so a crash resumes exactly where the last committed batch ended.
 */
@Entity({ tableName: 'bank_event_file' })
@Index({ name: 'bank_event_file_bank_newest', properties: ['bankId', 'id'] })
@Index({ name: 'bank_event_file_status', properties: ['status', 'leaseUntil'] })
@ObjectType({ description: "A bank's uploaded file of core-banking events and its processing report." })
export class BankEventFile {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'The name the bank gave the file.' })
  fileName!: string;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'Declared size in bytes.' })
  sizeBytes!: number;

  /** Hex SHA-256 of the whole file, when the bank gave one; checked before processing. */
  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'Declared SHA-256 (hex), checked before processing.' })
  sha256?: string | null;

  /** Bytes committed so far (the offset the next chunk must start at). */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Bytes uploaded so far: the offset the next chunk must start at.' })
  receivedBytes: number = 0;

  @EnumColumn(() => BankEventFileStatus, { length: 16, field: true })
  status: BankEventFileStatus = BankEventFileStatus.UPLOADING;

  /** Why a FAILED file could not be processed. */
  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why a FAILED file could not be processed.' })
  failure?: string | null;

  /** Where the next unprocessed row starts (byte offset) and its row number (header = row 1). */
  @Property({ type: new BigIntType('number'), default: 0 })
  nextByte: number = 0;

  @Property({ type: 'integer', default: 0 })
  nextRow: number = 0;

  /** Data rows in the file, counted when processing starts (null before). */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Data rows in the file (known once processing starts).' })
  rowsTotal?: number | null;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Rows gone through so far (accepted + duplicate + rejected).' })
  rowsProcessed: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Rows recorded as new events.' })
  rowsAccepted: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Rows refused; see errors.' })
  rowsRejected: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Rows whose event id was recorded before with the same content: nothing new.' })
  rowsDuplicate: number = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Redeemable points the accepted rows paid now.' })
  pointsAwarded: number = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Tier points the accepted rows paid now.' })
  tierPointsAwarded: number = 0;

  /** A worker holds the file until then; an expired lease (a crashed worker) lets another resume it. */
  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  leaseOwner?: string | null;

  @CreatedAt({ field: true })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When processing ended (DONE or FAILED).' })
  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;
}

/** One uploaded chunk of a file, at its byte offset (chunks are contiguous and never overlap). */
@Entity({ tableName: 'bank_event_file_chunk' })
@Unique({ name: 'bank_event_file_chunk_offset', properties: ['fileId', 'offset'] })
export class BankEventFileChunk {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  fileId!: number;

  @Property({ type: new BigIntType('number'), fieldName: 'byte_offset' })
  offset!: number;

  @Property({ type: 'integer' })
  length!: number;

  @Property({ type: new BlobType(), columnType: 'mediumblob', lazy: true })
  bytes!: Buffer;
}

/** A row of a file that recorded nothing, with the column at fault and why. */
@Entity({ tableName: 'bank_event_file_error' })
@ObjectType({ description: 'A row of a bank event file that recorded nothing, and why.' })
@Unique({ name: 'bank_event_file_error_row', properties: ['fileId', 'rowNumber'] })
export class BankEventFileError {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  fileId!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Line number in the file (the header is line 1).' })
  rowNumber!: number;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'The column at fault ("*" for the whole line).' })
  column!: string;

  @Property({ type: 'string', length: 300 })
  @Field(() => String, { description: 'What is wrong, in words a person can act on.' })
  message!: string;
}
