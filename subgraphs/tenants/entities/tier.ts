import { Entity, OptionalProps, Index, Property, Unique, BigIntType } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, CreatedAt } from '../../../core/entity';

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
