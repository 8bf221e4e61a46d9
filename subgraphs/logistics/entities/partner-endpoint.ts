import { Entity, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { CreatedAt, IdKey, UpdatedAt } from '../../../core/entity';

/**
 * Where and how a supplier's perks are issued through its own API (issue 18): one per supplier.
 * The adapter names a registered partner delivery strategy (`services/partner-delivery/adapter.ts`,
 * `signed-http` by default). The shared HMAC secret signs our requests and the partner's callbacks;
 * it is kept sealed (AES-GCM, bound to the supplier) because we must read it back to sign, and is
 * shown only once, when generated. After a rotation the previous secret still verifies callbacks
 * until `previousSecretUntil`, so results in flight during the switch are not lost.
 */
@Entity({ tableName: 'partner_endpoint' })
@ObjectType({ description: "A supplier's API for issuing perks (direct top-up, partner-issued vouchers)." })
export class PartnerEndpoint {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer', unique: true })
  supplierId!: number;

  @Property({ type: 'string', length: 40 })
  @Field(() => String, { description: 'The adapter that speaks to it: "signed-http" is the documented protocol.' })
  adapter!: string;

  @Property({ type: 'string', length: 500 })
  @Field(() => String, {
    description: 'The partner API root: we POST {baseUrl}/issue and GET {baseUrl}/issue/{idempotencyKey}.',
  })
  baseUrl!: string;

  /** The sealed shared secret; never exposed. */
  @Property({ type: 'string', length: 255 })
  secretSealed!: string;

  /** The secret before the last rotation, accepted on callbacks until `previousSecretUntil`. */
  @Property({ type: 'string', length: 255, nullable: true })
  previousSecretSealed?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'Until when callbacks signed with the secret before the last rotation are still accepted.',
  })
  previousSecretUntil?: Date | null;

  @Property({ type: 'integer' })
  @Field(() => Int, {
    description: 'How long we wait for an answer, in ms (500–30000); then the outcome is UNKNOWN and queried.',
  })
  timeoutMs!: number;

  @Property({ type: 'boolean', default: true })
  @Field(() => Boolean, { description: 'Whether new perks are issued through it; callbacks are accepted either way.' })
  enabled: boolean = true;

  @CreatedAt({ field: 'When it was first configured.' })
  createdAt: Date = new Date();

  @UpdatedAt({ field: 'When it last changed.' })
  updatedAt: Date = new Date();
}
