import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** A delivery company that pushes tracking events to our callback, signed with its own secret. */
@Entity({ tableName: 'carrier' })
@ObjectType({ description: 'A delivery company.' })
export class Carrier {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => ID)
  id!: number;

  @Property({ type: 'string', length: 32, unique: true })
  @Field(() => String, { description: 'Carrier code, e.g. "SF" or "ZTO".' })
  code!: string;

  @Property({ type: 'string', length: 120 })
  @Field(() => String)
  name!: string;

  /** HMAC secret for tracking callbacks; never exposed. */
  @Property({ type: 'string', length: 128 })
  callbackSecret!: string;
}
