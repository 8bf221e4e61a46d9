import { Entity, OptionalProps, Index, PrimaryKey, Property, Unique, BigIntType } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdKey, CreatedAt, UpdatedAt, EnumColumn } from '../../../core/entity';

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  UNDISCLOSED = 'UNDISCLOSED',
}
registerEnumType(Gender, { name: 'Gender', description: 'As the bank records it; used only for segment rules.' });

/** A bank's customer: the bank's own reference plus the attributes segments use, nothing more. */
@Entity({ tableName: 'customer' })
@Unique({ properties: ['bankId', 'externalRef'] })
// A campaign's audience by tier counts (bank, tier) without reading the bank's other customers.
@Index({ name: 'customer_bank_tier', properties: ['bankId', 'tierId'] })
// The tier evaluation job finds a bank's customers still in an older period without reading the rest.
@Index({ name: 'customer_bank_tier_period', properties: ['bankId', 'tierPeriodStart'] })
@ObjectType({ description: "A bank's customer (the bank's own reference, no more personal data than segments need)." })
@Directive('@key(fields: "id")')
export class Customer {
  [OptionalProps]?:
    | 'gender'
    | 'birthYear'
    | 'city'
    | 'assetBand'
    | 'tierId'
    | 'tierPoints'
    | 'tierPointsVersion'
    | 'tierPeriodStart'
    | 'tierPeriodBase'
    | 'tierPrevPeriodPoints'
    | 'tierEvaluatedThrough'
    | 'createdAt'
    | 'updatedAt';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: "The bank's own customer reference." })
  externalRef!: string;

  @EnumColumn(() => Gender, {
    length: 16,
    nullable: true,
    field: 'Gender, as the bank records it (null for staff without SEE_CUSTOMER_DATA).',
  })
  gender?: Gender | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: 'Year of birth (segment rules use birth-year bands; null for staff without SEE_CUSTOMER_DATA).',
  })
  birthYear?: number | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'City (code or name, as the bank sends it; masked, e.g. 上**, for staff without SEE_CUSTOMER_DATA).',
  })
  city?: string | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: "The bank's asset band, 0 (lowest) to 9 (null for staff without SEE_CUSTOMER_DATA).",
  })
  assetBand?: number | null = null;

  /** Current tier, set by `applyTierPoints` (loyalty) or by the bank; null before any assignment. */
  @Property({ type: 'integer', nullable: true })
  tierId?: number | null = null;

  /**
   * The tier points loyalty last reported (null before any report). A change to the bank's tier
   * ladder re-tiers every customer from these, in the same transaction.
   */
  @Property({ type: new BigIntType('number'), nullable: true })
  tierPoints?: number | null = null;

  /**
   * Loyalty's version of those tier points (the id of the newest tier-track ledger entry they
   * include). Only a newer version is applied, so a late, older report never downgrades the tier.
   */
  @Property({ type: 'bigint', nullable: true })
  tierPointsVersion?: string | null = null;

  /**
   * Start of the evaluation period `tierPeriodBase` belongs to (services/tier-evaluation.ts); null
   * before the first report. Tier points earned in that period: `tierPoints - tierPeriodBase`.
   */
  @Property({ type: 'datetime', nullable: true })
  tierPeriodStart?: Date | null = null;

  /** Tier points (loyalty's running total) at the start of `tierPeriodStart`'s period. */
  @Property({ type: new BigIntType('number'), nullable: true })
  tierPeriodBase?: number | null = null;

  /** Tier points earned in the period before `tierPeriodStart` (frozen when that period closed). */
  @Property({ type: new BigIntType('number'), nullable: true })
  tierPrevPeriodPoints?: number | null = null;

  /** End of the last period whose evaluation was applied (the job claims a customer by moving it). */
  @Property({ type: 'datetime', nullable: true })
  tierEvaluatedThrough?: Date | null = null;

  @CreatedAt({ field: 'When it was created (UTC).' })
  createdAt: Date = new Date();

  @UpdatedAt({ field: 'When it last changed (UTC).' })
  updatedAt: Date = new Date();
}

/** A tag the bank put on a customer (e.g. "新客", "车主"); segments can require any of a set. */
@Entity({ tableName: 'customer_tag' })
@Index({ name: 'customer_tag_tag', properties: ['tag', 'customerId'] })
export class CustomerTag {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  customerId!: number;

  @PrimaryKey({ type: 'string', length: 32 })
  tag!: string;
}
