import { BigIntType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { CreatedAt, EnumColumn, IdKey, UpdatedAt } from '../../../core/entity';
import type { Permission } from '../../../core/identity';

/** The changes a bank may hold for a second person (four eyes) before they take effect. */
export enum ApprovalKind {
  POINTS_ADJUSTMENT = 'POINTS_ADJUSTMENT',
  LISTING_BELOW_COST = 'LISTING_BELOW_COST',
  CAMPAIGN_LAUNCH = 'CAMPAIGN_LAUNCH',
  PARTNER_APP_CREATION = 'PARTNER_APP_CREATION',
}
registerEnumType(ApprovalKind, {
  name: 'ApprovalKind',
  description: 'A kind of change that can wait for a second person (maker-checker).',
});

/** Who may make and check each kind: the permission the change itself needs. */
export const PERMISSION_FOR_KIND: Record<ApprovalKind, Permission> = {
  [ApprovalKind.POINTS_ADJUSTMENT]: 'ADJUST_POINTS',
  [ApprovalKind.LISTING_BELOW_COST]: 'CURATE_LISTINGS',
  [ApprovalKind.CAMPAIGN_LAUNCH]: 'RUN_CAMPAIGNS',
  [ApprovalKind.PARTNER_APP_CREATION]: 'MANAGE_PARTNER_APPS',
};

/**
 * PENDING → APPROVED → APPLIED | FAILED, or PENDING → REJECTED | WITHDRAWN | EXPIRED. APPROVED is
 * the short moment between the checker's decision and the owning subgraph applying the change
 * (the outbox carries it, so a crash in between is finished by the relay).
 */
export enum ApprovalStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  APPLIED = 'APPLIED',
  FAILED = 'FAILED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}
registerEnumType(ApprovalStatus, { name: 'ApprovalStatus', description: 'Where an approval request stands.' });

/** A change a maker asked for, waiting for (or decided by) a checker of the same bank. */
@Entity({ tableName: 'approval_request' })
@Index({ name: 'approval_bank_status', properties: ['bankId', 'status', 'id'] })
@Index({ name: 'approval_maker', properties: ['makerSub', 'id'] })
@ObjectType('ApprovalRequest', { description: 'A change waiting for, or decided by, a second person.' })
export class ApprovalRequest {
  [OptionalProps]?: 'status' | 'createdAt' | 'updatedAt';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @EnumColumn(() => ApprovalKind, { length: 32, field: 'What kind of change.' })
  kind!: ApprovalKind;

  @EnumColumn(() => ApprovalStatus, { length: 16, field: 'Where it stands.' })
  status: ApprovalStatus = ApprovalStatus.PENDING;

  @Property({ type: 'integer' })
  bankId!: number;

  /** The maker's token subject (`staff:<id>` for signed-in staff). */
  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'Who asked for the change.' })
  makerSub!: string;

  @Property({ type: 'string', length: 300 })
  @Field(() => String, { description: 'The change in words, as the checker sees it.' })
  summary!: string;

  /** The change itself, as the owning subgraph's apply operation takes it. */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'string', length: 500 })
  @Field(() => String, { description: 'Why the maker asks for it.' })
  makerNote!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who approved or rejected it.' })
  checkerSub?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'The checker’s reason (rejections) or note.' })
  checkerNote?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was approved or rejected.' })
  decidedAt?: Date | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'What applying it gave: the id of what was created or changed, or why it failed.',
  })
  outcome?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was applied or failed.' })
  settledAt?: Date | null;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'A request nobody decided by then expires.' })
  expiresAt!: Date;

  @CreatedAt({ field: 'When it was asked for.' })
  createdAt: Date = new Date();

  @UpdatedAt()
  updatedAt: Date = new Date();
}

/**
 * Which changes of a bank wait for a second person. Null thresholds and false flags mean "applies at
 * once": a bank without a policy row works as before.
 */
@Entity({ tableName: 'approval_policy' })
@ObjectType('ApprovalPolicy', { description: 'Which of a bank’s changes need a second person (four eyes).' })
export class ApprovalPolicy {
  [OptionalProps]?: 'listingBelowCost' | 'campaignLaunch' | 'partnerAppCreation' | 'expiryHours' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  @Field(() => ID, { description: 'The bank.' })
  bankId!: number;

  @Property({ type: new BigIntType('number'), nullable: true })
  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: 'Points adjustments of more than this many points (either sign) wait for approval; null: none wait.',
  })
  pointsAdjustmentAbove?: number | null;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'Listing prices below the supplier price wait for approval.' })
  listingBelowCost: boolean = false;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'Scheduling (launching) any campaign waits for approval, whatever its budget.' })
  campaignLaunch: boolean = false;

  @Property({ type: new BigIntType('number'), nullable: true })
  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description:
      'Launches of campaigns whose budget is above this many fen wait for approval (a campaign without a budget is above any); null: none wait for their budget.',
  })
  campaignBudgetAboveFen?: number | null;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'Creating a partner app waits for approval.' })
  partnerAppCreation: boolean = false;

  @Property({ type: 'integer', default: 72 })
  @Field(() => Int, { description: 'Hours a request waits for a decision before it expires.' })
  expiryHours: number = 72;

  @UpdatedAt({ field: 'When the policy last changed.' })
  updatedAt: Date = new Date();
}
