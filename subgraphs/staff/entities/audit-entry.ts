import { BigIntType, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { EnumColumn } from '../../../core/entity';
import { auditOptions } from '../../../core/audit';

export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(AuditAction, { name: 'AuditAction', description: 'What a write did to its target.' });

/**
 * One change a staff member or a partner app made to one target (core/audit.ts). Append-only:
 * rows are only ever inserted (`recordAuditEntries`, or staff's own writes in their transaction),
 * never updated or deleted by the application. `(batchId, seq)` is unique, so an outbox message
 * delivered twice stores its entries once.
 */
@Entity({ tableName: 'audit_entry' })
@Unique({ name: 'audit_entry_batch_seq', properties: ['batchId', 'seq'] })
// Newest first, within a tenant or across all (keyset on occurredAt, id).
@Index({ name: 'audit_entry_time', properties: ['occurredAt', 'id'] })
@Index({ name: 'audit_entry_bank_time', properties: ['bankId', 'occurredAt', 'id'] })
@Index({ name: 'audit_entry_supplier_time', properties: ['supplierId', 'occurredAt', 'id'] })
@Index({ name: 'audit_entry_target', properties: ['targetType', 'targetId'] })
@ObjectType({
  description: 'One change a staff member or a partner app made: who, for which tenant, what, before and after.',
})
export class AuditEntry {
  // BIGINT (read as a string): the trail grows with every staff write and is never pruned by the application.
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  @Field(() => ID, { description: 'Unique id.' })
  id!: string;

  @Property({ type: 'string', length: 36 })
  batchId!: string;

  @Property({ type: 'integer' })
  seq!: number;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the request that made the change started.' })
  occurredAt!: Date;

  @Property({ type: 'string', length: 20 })
  @Field(() => String, { description: 'The subgraph (service) the change was made in.' })
  subgraph!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'The request id (`x-request-id`), to find the request in the logs.' })
  requestId!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'The mutation (root field names) that made the change.' })
  operation!: string;

  @Property({ type: 'string', length: 20 })
  @Field(() => String, { description: 'The actor’s role (a staff role or PARTNER_APP).' })
  actorRole!: string;

  /** The token subject: `staff:<id>` for signed-in staff, the app or person otherwise. */
  @Property({ type: 'string', length: 100 })
  @Field(() => String, {
    description: 'Who made the change: the subject of their token (`staff:<id>` for staff who signed in).',
  })
  actorId!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => ID, { nullable: true, description: 'The partner app that made the change, if one did.' })
  partnerAppId?: string | null;

  /** A bank's customer service acting for a customer: that customer (the actor is the agent). */
  @Property({ type: 'integer', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description:
      'The customer the actor acted for (a bank’s customer service cancelling or refunding for them); null when nobody.',
  })
  onBehalfOfCustomerId?: number | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The bank the change belongs to (the target’s, else the actor’s).' })
  bankId?: number | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'The supplier the change belongs to (the target’s, else the actor’s).',
  })
  supplierId?: number | null;

  @EnumColumn(() => AuditAction, { length: 10, field: 'Created, updated or deleted.' })
  action!: AuditAction;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'The kind of target (entity name, e.g. `Sku`, `Listing`).' })
  targetType!: string;

  @Property({ type: 'string', length: 190, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The target’s id (several, comma-separated, for one statement that changed several).',
  })
  targetId?: string | null;

  /** `{ field: { before?, after? } }`, each value capped (core/audit.ts); secrets are `[redacted]`. */
  @Property({ type: 'json' })
  changes!: Record<string, { before?: unknown; after?: unknown }>;

  @Property({ type: 'string', length: 1000, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'For a change made by one SQL statement outside the ORM: that statement, with `?` for its values.',
  })
  statement?: string | null;
}

// The trail does not audit itself.
auditOptions(AuditEntry, { skip: true });
