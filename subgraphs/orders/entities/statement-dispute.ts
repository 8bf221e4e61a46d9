import { Entity, Index, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { IdKey } from '../../../core/entity';

/**
 * The supplier's objection to one line of an issued statement, with its reason. The platform answers
 * it in one of two ways a finance person knows: an ADJUSTMENT line that corrects the disputed line
 * (`resolutionLineId`), or a refusal with a reason (`rejectReason`); either way it is resolved
 * (`resolvedAt`). The statement is issued again once every dispute of it is answered.
 */
@Entity({ tableName: 'settlement_dispute' })
@Index({ properties: ['statementId', 'resolvedAt'] })
@ObjectType({ description: "The supplier's objection to one statement line, and the platform's answer." })
export class SettlementDispute {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  statementId!: number;

  @Property({ type: 'integer' })
  @Index()
  lineId!: number;

  @Property({ type: 'string', length: 500 })
  @Field(() => String, { description: 'Why the supplier disputes the line (at most 500 characters).' })
  reason!: string;

  /** Token subject of who raised it. */
  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'Who raised it (the staff member).' })
  raisedBy!: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  raisedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the platform answered it.' })
  resolvedAt?: Date | null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who answered it.' })
  resolvedBy?: string | null;

  /** The ADJUSTMENT line that answered it, if the platform corrected the line. */
  @Property({ type: 'integer', nullable: true })
  resolutionLineId?: number | null;

  /** Why the platform kept the line as it is, if it refused the dispute. */
  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the platform kept the line as it is (a refusal).' })
  rejectReason?: string | null;
}
