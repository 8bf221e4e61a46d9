import {
  Arg,
  Args,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { AuditBatch } from '../../../core/audit';
import { Text } from '../../../core/input-rules';
import { ConnectionType, PageArgs, validPage } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { AuditAction, AuditEntry } from '../entities/audit-entry';
import { AuditTrailService } from '../services/audit-trail.service';

@InputType({ description: 'Which audit entries to read; every condition given must hold.' })
class AuditTrailFilterInput {
  @Field(() => String, { nullable: true, description: 'Who made the change (`AuditEntry.actorId`, e.g. `staff:12`).' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'The mutation, e.g. `updateSku`.' })
  operation?: string | null;

  @Field(() => String, { nullable: true, description: 'The kind of target, e.g. `Sku`.' })
  targetType?: string | null;

  @Field(() => String, { nullable: true, description: 'The target’s id (with `targetType`).' })
  targetId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Changes at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Changes before this time.' })
  to?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Platform only (bank staff: their own bank): one bank’s changes.' })
  bankId?: string | null;

  @Field(() => ID, { nullable: true, description: 'One supplier’s changes (supplier staff: their own).' })
  supplierId?: string | null;

  @Field(() => String, { nullable: true, description: 'The changes of one request (`x-request-id`).' })
  requestId?: string | null;
}

const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry', 'A page of audit entries, newest first.');

@ObjectType({ description: 'One field of an audit entry: its value before and after, as JSON text.' })
class AuditFieldChange {
  @Field(() => String, { description: 'The field (entity property) that changed.' })
  field!: string;

  @Field(() => String, {
    nullable: true,
    description: 'JSON of the value before (null when the entry has none, e.g. a creation); secrets are "[redacted]".',
  })
  before!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'JSON of the value after (null when the entry has none, e.g. a deletion); secrets are "[redacted]".',
  })
  after!: string | null;
}

@InputType({ description: 'Internal: one change of a batch.' })
@Directive('@inaccessible')
class AuditEntryInput {
  @Field(() => Int)
  seq!: number;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => String)
  targetType!: string;

  @Field(() => String, { nullable: true })
  targetId?: string | null;

  /** JSON `{ field: { before?, after? } }`, each value capped at 2 KB by the sender (core/audit.ts). */
  @Field(() => String)
  @Text({ max: 400_000 })
  changes!: string;

  @Field(() => ID, { nullable: true })
  bankId?: string | null;

  @Field(() => ID, { nullable: true })
  supplierId?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 1000 })
  statement?: string | null;
}

@InputType({ description: 'Internal (every subgraph’s outbox relay): the audit entries of one transaction.' })
@Directive('@inaccessible')
class RecordAuditEntriesInput {
  @Field(() => ID, { description: 'With each entry’s seq, the idempotency key.' })
  batchId!: string;

  @Field(() => String)
  subgraph!: string;

  @Field(() => String)
  requestId!: string;

  @Field(() => String)
  operation!: string;

  @Field(() => String)
  actorRole!: string;

  @Field(() => String)
  actorId!: string;

  @Field(() => ID, { nullable: true })
  partnerAppId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The customer the actor acted for, if any.' })
  onBehalfOfCustomerId?: string | null;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => [AuditEntryInput])
  entries!: AuditEntryInput[];
}

@ObjectType({ description: 'Internal: how many entries were new.' })
@Directive('@inaccessible')
class RecordAuditEntriesPayload {
  @Field(() => Int)
  recorded!: number;
}

@Resolver(() => AuditEntry)
export class AuditTrailResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'What staff and partner apps changed, newest first. Bank and supplier administrators (MANAGE_STAFF) read their own organisation’s entries; the platform (SEE_AUDIT) reads all.',
  })
  async auditTrail(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AuditTrailFilterInput, { nullable: true }) filter: AuditTrailFilterInput | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    validPage(page, 2);
    return new AuditTrailService(ctx.em, ctx.principal).trail(filter ?? {}, page);
  }

  @Mutation(() => RecordAuditEntriesPayload, {
    description: 'Internal (outbox relays): store a batch of audit entries; a batch sent again is stored once.',
  })
  @Directive('@inaccessible')
  async recordAuditEntries(
    @Arg('input', () => RecordAuditEntriesInput) input: RecordAuditEntriesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecordAuditEntriesPayload> {
    const batch: AuditBatch = {
      ...input,
      partnerAppId: input.partnerAppId ?? null,
      onBehalfOfCustomerId: input.onBehalfOfCustomerId ?? null,
      occurredAt: input.occurredAt.toISOString(),
      entries: input.entries.map((e) => ({
        seq: e.seq,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId ?? null,
        changes: parseChanges(e.changes),
        bankId: e.bankId ?? null,
        supplierId: e.supplierId ?? null,
        statement: e.statement ?? null,
      })),
    };
    return { recorded: await new AuditTrailService(ctx.em, ctx.principal).record(batch) };
  }

  @FieldResolver(() => [AuditFieldChange], { description: 'The fields that changed, before and after.' })
  changes(@Root() entry: AuditEntry): AuditFieldChange[] {
    const changes = typeof entry.changes === 'string' ? parseChanges(entry.changes) : (entry.changes ?? {});
    return Object.entries(changes).map(([field, c]) => ({
      field,
      before: c && 'before' in c ? JSON.stringify(c.before ?? null) : null,
      after: c && 'after' in c ? JSON.stringify(c.after ?? null) : null,
    }));
  }
}

function parseChanges(text: string): Record<string, { before?: unknown; after?: unknown }> {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v))
      return v as Record<string, { before?: unknown; after?: unknown }>;
  } catch {
    // fall through
  }
  return {};
}
