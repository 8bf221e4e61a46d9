import { Entity, OptionalProps, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import type { SegmentRules } from '../services/segment-rules';
import { IdKey, CreatedAt, UpdatedAt } from '../../../core/entity';

/**
 * A set of a bank's customers: those matching its rules (all given criteria must hold), plus its
 * explicit members. Membership is materialised in `customer_segment` and recomputed in the same
 * transaction as every change to a customer's attributes, a segment's rules or its members.
 */
@Entity({ tableName: 'segment' })
@Unique({ properties: ['bankId', 'name'] })
@ObjectType({ description: "A set of a bank's customers, by rules over their attributes and/or explicit members." })
export class Segment {
  [OptionalProps]?: 'rules' | 'createdAt' | 'updatedAt';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  /** Rules as validated by `validateRules`; an empty object means "explicit members only". */
  @Property({ type: 'json' })
  rules: SegmentRules = {};

  @CreatedAt({ field: 'When it was created (UTC).' })
  createdAt: Date = new Date();

  @UpdatedAt({ field: 'When it last changed (UTC).' })
  updatedAt: Date = new Date();
}

/** A customer put into a segment by hand (whatever the rules say). */
@Entity({ tableName: 'segment_member' })
@Index({ name: 'segment_member_customer', properties: ['customerId'] })
export class SegmentMember {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  segmentId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  customerId!: number;
}

/** Materialised membership (rules or explicit), read by the eligibility queries as an indexed join. */
@Entity({ tableName: 'customer_segment' })
@Index({ name: 'customer_segment_segment', properties: ['segmentId', 'customerId'] })
export class CustomerSegment {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  customerId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  segmentId!: number;
}
