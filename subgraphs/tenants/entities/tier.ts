import { Entity, OptionalProps, Index, Property, Unique, BigIntType } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

/**
 * A level of a bank's loyalty ladder (普通/银卡/金卡/白金). A customer holds the highest tier whose
 * threshold their tier points (定级积分, kept by loyalty) reach.
 */
@Entity({ tableName: 'tier' })
@Unique({ properties: ['bankId', 'rank'] })
@Unique({ properties: ['bankId', 'name'] })
@ObjectType({ description: "A level of a bank's loyalty ladder, reached with tier points." })
@Directive('@key(fields: "id")')
export class Tier {
  [OptionalProps]?: 'benefits' | 'createdAt';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @Property({ type: 'string', length: 60 })
  @Field(() => String, { description: 'Name shown to customers, e.g. "金卡".' })
  name!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Position in the ladder: 0 is the entry tier, higher is better.' })
  rank!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'Tier points needed to hold this tier.' })
  minTierPoints!: number;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Benefits, as shown to customers.' })
  benefits: string[] = [];

  @CreatedAt({ field: 'When it was created (UTC).' })
  createdAt: Date = new Date();
}

export enum TierChangeReason {
  /** Tier points earned in the period reached a higher threshold (applied at once). */
  REACHED = 'REACHED',
  /** The evaluation after a period's grace: its tier points no longer held the tier. */
  EVALUATION = 'EVALUATION',
}
registerEnumType(TierChangeReason, {
  name: 'TierChangeReason',
  description: 'Why a customer\'s tier changed (see subgraphs/tenants/README.md, "Tier evaluation periods").',
  valuesConfig: {
    REACHED: { description: 'Tier points earned in the period reached a higher threshold (applied at once).' },
    EVALUATION: { description: "The evaluation after a period's grace: its tier points no longer held the tier." },
  },
});

/** Which way a tier change went (derived from the tiers' ranks). */
export enum TierChangeKind {
  INITIAL = 'INITIAL',
  UPGRADE = 'UPGRADE',
  DOWNGRADE = 'DOWNGRADE',
}
registerEnumType(TierChangeKind, {
  name: 'TierChangeKind',
  description: 'Which way a tier change went.',
  valuesConfig: {
    INITIAL: { description: 'The first tier the customer held (no tier before).' },
    UPGRADE: { description: 'To a higher tier.' },
    DOWNGRADE: { description: 'To a lower tier, or to none.' },
  },
});

/**
 * One change of a customer's tier, with why: the history behind `Customer.tierProgress`. An
 * evaluation writes at most one row per customer and period (the unique key), however often the job runs.
 */
@Entity({ tableName: 'tier_change' })
@ObjectType({ description: "One change of a customer's tier, with why and when." })
@Unique({ name: 'tier_change_once', properties: ['customerId', 'reason', 'periodEnd'] })
@Index({ name: 'tier_change_customer', properties: ['customerId', 'id'] })
export class TierChange {
  [OptionalProps]?: 'createdAt' | 'periodEnd' | 'fromTierId' | 'toTierId';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Property({ type: 'integer', nullable: true })
  fromTierId?: number | null = null;

  @Property({ type: 'integer', nullable: true })
  toTierId?: number | null = null;

  @EnumColumn(() => TierChangeReason, { length: 16, field: 'Why it changed.' })
  reason!: TierChangeReason;

  /** Tier points that decided it (earned in the period, or the better of the closed and current period). */
  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, {
    description:
      'The tier points that decided it: REACHED — earned in the current period; EVALUATION — the better of the closed period and the one after it.',
  })
  tierPoints!: number;

  /** For EVALUATION: the end of the period evaluated (null for REACHED). */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'EVALUATION: the end of the period evaluated (UTC); null for REACHED.',
  })
  periodEnd?: Date | null = null;

  @CreatedAt()
  createdAt: Date = new Date();
}
