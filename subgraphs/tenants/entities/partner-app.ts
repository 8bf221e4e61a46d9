import { Entity, Index, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { PARTNER_SCOPES, type PartnerScope } from '../../../core/identity';
import { IdKey, CreatedAt } from '../../../core/entity';

/** The scopes as a GraphQL enum (names are core/identity.ts PARTNER_SCOPES). */
export const PartnerAppScope = Object.fromEntries(PARTNER_SCOPES.map((s) => [s, s])) as {
  [K in PartnerScope]: K;
};
registerEnumType(PartnerAppScope, {
  name: 'PartnerAppScope',
  description:
    'What a partner app may do: BROWSE malls and listings, CHECKOUT (place and pay orders), send EARN_EVENTS (recordBankEvent), CUSTOMER_UPSERT (upsertCustomers).',
});

/** Every scope, in a stable order: what apps from before scopes existed hold. */
export const ALL_PARTNER_SCOPES: readonly PartnerScope[] = PARTNER_SCOPES;

/** A bank's machine credential. Only scrypt hashes of its secrets are stored. */
@Entity({ tableName: 'partner_app' })
@ObjectType({ description: "A bank's partner-app credential (its secret is never shown again after it is issued)." })
export class PartnerApp {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'A name operators recognise.' })
  name!: string;

  @Property({ type: 'string', length: 64, unique: true })
  @Field(() => String, { description: 'Sent as client_id to POST /oauth/token.' })
  clientId!: string;

  @Property({ type: 'string', length: 255 })
  secretHash!: string;

  /** The secret a rotation replaced, still accepted until `previousSecretExpiresAt`. */
  @Property({ type: 'string', length: 255, nullable: true })
  previousSecretHash?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'Until when the secret replaced by the last rotation is still accepted (null: not at all).',
  })
  previousSecretExpiresAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the secret was last rotated.' })
  secretRotatedAt?: Date | null = null;

  /** False once revoked: the token endpoint refuses it, for good. */
  @Property({ type: 'boolean', default: true })
  @Field(() => Boolean, { description: 'False once revoked: no new tokens, for good.' })
  active: boolean = true;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was revoked.' })
  revokedAt?: Date | null = null;

  /** Comma-separated PartnerScope names; apps from before scopes existed got every one (migration default). */
  @Property({ type: 'string', length: 100, default: 'BROWSE,CHECKOUT,EARN_EVENTS,CUSTOMER_UPSERT' })
  scopeList: string = ALL_PARTNER_SCOPES.join(',');

  /**
   * May run only the published operations (the persisted-operation safelist). Null follows the
   * deployment's default: on in production (PERKMALL_PARTNER_SAFELIST_DEFAULT overrides).
   */
  @Property({ type: 'boolean', nullable: true })
  safelistOnly?: boolean | null = null;

  @CreatedAt({ field: 'When it was created (UTC).' })
  createdAt: Date = new Date();
}

/** An app's scopes, in the canonical order. */
export function scopesOfApp(app: Pick<PartnerApp, 'scopeList'>): PartnerScope[] {
  return app.scopeList.split(',').filter((s): s is PartnerScope => (PARTNER_SCOPES as readonly string[]).includes(s));
}
