import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { IdKey } from '../../../core/entity';

/**
 * A delivery company that pushes tracking events to our callback, signed with its own secret.
 * The secret is kept sealed (AES-GCM, `services/carrier-secrets.ts`): we must read it back to
 * check signatures, so it cannot be hashed. During a rotation the previous secret keeps working
 * until `previousSecretUntil`, so the carrier can switch over without losing events.
 */
@Entity({ tableName: 'carrier' })
@ObjectType({ description: 'A delivery company.' })
export class Carrier {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'string', length: 32, unique: true })
  @Field(() => String, {
    description: 'Carrier code, e.g. "SF" or "ZTO"; it names the callback URL `/carriers/<code>/events`.',
  })
  code!: string;

  @Property({ type: 'string', length: 120 })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  /** Whether suppliers may hand new parcels to this carrier (its callbacks are accepted either way). */
  @Property({ type: 'boolean', default: true })
  @Field(() => Boolean, {
    description:
      'Whether suppliers may ship new parcels with this carrier; tracking for parcels already shipped keeps working.',
  })
  active: boolean = true;

  /** The sealed HMAC secret for tracking callbacks; never exposed. */
  @Property({ type: 'string', length: 255 })
  secretSealed!: string;

  /** The secret before the last rotation, accepted until `previousSecretUntil`. */
  @Property({ type: 'string', length: 255, nullable: true })
  previousSecretSealed?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'Until when the secret before the last rotation is still accepted.',
  })
  previousSecretUntil?: Date | null;
}
