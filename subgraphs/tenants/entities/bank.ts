import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

/** What the price guard does to a listing a supplier price change puts below the bank's rule. */
export enum PriceGuardAction {
  PAUSE = 'PAUSE',
  FLAG = 'FLAG',
}
registerEnumType(PriceGuardAction, {
  name: 'PriceGuardAction',
  description:
    "What happens to a listing when a supplier's price change puts it below cost or below the bank's minimum margin.",
  valuesConfig: {
    PAUSE: { description: 'The listing is paused (customers no longer see it) and flagged; the bank resumes it.' },
    FLAG: { description: 'The listing stays on sale and is flagged for the bank to reprice.' },
  },
});

@Entity({ tableName: 'bank' })
@ObjectType({ description: 'A bank tenant running one or more malls.' })
@Directive('@key(fields: "id")')
export class Bank {
  [OptionalProps]?: 'tierPeriodMonths' | 'tierGraceDays' | 'priceGuardAction' | 'priceGuardMinMarginBp';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'string', length: 40, unique: true })
  @Field(() => String, { description: 'Short unique code, e.g. "HZBANK".' })
  code!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  /** Points worth one CNY (100 fen): 100 means 1 point = 1 fen. */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'How many points are worth 1 CNY.' })
  pointsPerYuan: number = 100;

  /** Largest share of a cash price that points may cover, in basis points (10000 = 100%). */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Largest share of a cash price points may cover, in basis points (7000 = 70%).' })
  maxPointsShareBp: number = 10000;

  /** IANA time zone of the bank's business day: reports' days and settlement months follow it. */
  @Property({ type: 'string', length: 64, default: 'Asia/Shanghai' })
  @Field(() => String, {
    description:
      "The bank's time zone (IANA, e.g. Asia/Shanghai): its reports' days and settlement months start at local midnight.",
  })
  timeZone: string = 'Asia/Shanghai';

  /** Days after a settlement month closes (bank time) by which the bank pays its suppliers. */
  @Property({ type: 'integer', default: 30 })
  @Field(() => Int, {
    description:
      'Settlement terms: days after a settlement month closes (at local midnight) by which the bank pays its suppliers.',
  })
  settlementTermDays: number = 30;

  /**
   * Tier evaluation period, in months: 12 is the calendar year, 6 half-years, 3 quarters, 1 months —
   * every period starts on the 1st at local midnight in the bank's time zone, January included.
   */
  @Property({ type: 'integer', default: 12 })
  @Field(() => Int, {
    description:
      "Tier evaluation period in months (1, 3, 6 or 12 = calendar year): periods start at local midnight on the 1st, in the bank's time zone, aligned to 1 January.",
  })
  tierPeriodMonths: number = 12;

  /** Days after a period ends during which a tier its points no longer hold is kept. */
  @Property({ type: 'integer', default: 30 })
  @Field(() => Int, {
    description:
      "Grace days: a tier the closed period's tier points no longer hold is kept this many days after the period ends, then re-evaluated.",
  })
  tierGraceDays: number = 30;

  /** Price guard (issue 22): what a supplier price change that breaks the margin rule does to a listing. */
  @EnumColumn(() => PriceGuardAction, { length: 16 })
  priceGuardAction: PriceGuardAction = PriceGuardAction.FLAG;

  /**
   * Price guard's rule: a listing's base price (points valued at pointsPerYuan) must be worth at least
   * the supplier price × (10000 + this) ÷ 10000; 0 means "not below cost".
   */
  @Property({ type: 'integer', default: 0 })
  priceGuardMinMarginBp: number = 0;

  @CreatedAt({ field: 'When it was created (UTC).' })
  createdAt: Date = new Date();
}
