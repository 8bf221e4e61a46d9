import { Entity, Index, Property, Unique, BigIntType, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

/** A kind of virtual card a supplier sells, e.g. "爱奇艺 黄金会员 1个月"; its codes form one pool. */
@Entity({ tableName: 'virtual_card_kind' })
@Unique({ name: 'virtual_card_kind_supplier_name', properties: ['supplierId', 'name'] })
@ObjectType({ description: 'A kind of virtual card (e.g. a one-month video membership) with its pool of codes.' })
export class VirtualCardKind {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Name, unique per supplier.' })
  name!: string;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'Face value in fen.' })
  faceValueFen!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Days a code stays valid after it is issued.' })
  validityDays!: number;

  @Property({ type: 'integer', default: 10 })
  @Field(() => Int, { description: 'At or below this many available codes the pool counts as depleting.' })
  lowPoolThreshold: number = 10;

  /**
   * How many of its codes are AVAILABLE: the stock of every card SKU of the kind, read instead of
   * counting the pool. Changed only in the transaction that changes a code's state, by the number of
   * rows that statement changed (`poolGained` / `takeFromPool` in code-pool.service.ts).
   */
  @Property({ type: 'integer', default: 0 })
  availableCodes: number = 0;

  /** Bumped whenever `availableCodes` crosses zero (either way): the version of its SKUs' "in stock" (services/stock-availability.ts). */
  @Property({ type: 'integer', default: 0 })
  availabilityVersion: number & Opt = 0;

  @CreatedAt({ field: 'When the kind was created.' })
  createdAt: Date = new Date();
}

export enum CodeState {
  AVAILABLE = 'AVAILABLE',
  RESERVED = 'RESERVED',
  ISSUED = 'ISSUED',
  VOID = 'VOID',
}
registerEnumType(CodeState, { name: 'CodeState', description: 'Where a card code is in its life.' });

/**
 * One card code. The code itself is stored only encrypted (AES-256-GCM); `codeHash` is a keyed
 * HMAC so duplicates are found by a unique index without ever storing the plaintext.
 */
@Entity({ tableName: 'virtual_card_code' })
@Unique({ name: 'virtual_card_code_kind_hash', properties: ['kindId', 'codeHash'] })
@Index({ name: 'virtual_card_code_claim', properties: ['kindId', 'state', 'id'] })
@Index({ name: 'virtual_card_code_order', properties: ['orderId', 'skuId'] })
// The depletion forecast counts a kind's codes issued since a day: an index range, not a scan of its issues.
@Index({ name: 'virtual_card_code_issued', properties: ['kindId', 'issuedAt'] })
export class VirtualCardCode {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  kindId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'string', length: 512 })
  ciphertext!: string;

  @Property({ type: 'string', length: 64 })
  codeHash!: string;

  @EnumColumn(() => CodeState, { length: 16 })
  state: CodeState = CodeState.AVAILABLE;

  @Property({ type: 'string', length: 64, nullable: true })
  orderId?: string | null;

  @Property({ type: 'integer', nullable: true })
  skuId?: number | null;

  @Property({ type: 'datetime', nullable: true })
  issuedAt?: Date | null;

  /**
   * When the plaintext of this issue first left the catalog (`allocateCodes` asked for `code`, or
   * `revealCardCode`). A disclosed code can never go back to the pool, only to VOID.
   */
  @Property({ type: 'datetime', nullable: true })
  disclosedAt?: Date | null;

  @CreatedAt()
  createdAt: Date = new Date();
}

/** An order's allocation of codes for one SKU; the unique key makes allocation idempotent. */
@Entity({ tableName: 'code_allocation' })
@Unique({ name: 'code_allocation_order_sku', properties: ['orderId', 'skuId'] })
export class CodeAllocation {
  @IdKey()
  id!: number;

  @Property({ type: 'string', length: 64 })
  orderId!: string;

  @Property({ type: 'integer' })
  skuId!: number;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'boolean', default: false })
  released: boolean = false;

  @CreatedAt()
  createdAt: Date = new Date();
}

@ObjectType({ description: 'How many codes of a pool are in each state.' })
export class CodePoolSummary {
  @Field(() => Int, {
    description:
      'Codes that can still be sold: neither held by a checkout nor issued. Every card SKU of the kind shows this as its available stock.',
  })
  available!: number;

  @Field(() => Int, {
    description:
      'Codes held by checkouts whose codes are not issued yet (an order pending payment, or paid and being confirmed).',
  })
  reserved!: number;

  @Field(() => Int, { description: 'Codes issued to orders.' })
  issued!: number;

  @Field(() => Int, { description: 'Codes withdrawn (never to be issued).' })
  void!: number;

  @Field(() => Boolean, { description: "True when available codes are at or below the kind's low-pool threshold." })
  depleting!: boolean;
}

@ObjectType({ description: "A pool's depletion forecast from its recent daily issue rate." })
export class CodePoolForecast {
  @Field(() => Int, { description: 'Days looked back (1–90).' })
  windowDays!: number;

  @Field(() => Int, { description: 'Codes issued in those days.' })
  issued!: number;

  @Field(() => Float, { description: 'Codes issued per day on average over the window.' })
  dailyIssueRate!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Whole days until the available codes run out at that rate (null: none issued in the window).',
  })
  daysLeft?: number | null;
}
