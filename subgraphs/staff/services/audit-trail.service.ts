import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { AuditBatch, AuditSink } from '../../../core/audit';
import { badInput, forbidden, notFound, unauthenticated } from '../../../core/errors';
import {
  staffKindOf,
  hasPermission,
  isBankStaff,
  isSupplier,
  requireRole,
  type Principal,
} from '../../../core/identity';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import { insertIgnoringDuplicates } from '../../../core/sql';
import { AuditEntry } from '../entities/audit-entry';

export interface AuditTrailFilter {
  actorId?: string | null;
  operation?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  from?: Date | null;
  to?: Date | null;
  bankId?: string | null;
  supplierId?: string | null;
  requestId?: string | null;
}

const SORT: SortKey[] = [
  { field: 'occurredAt', direction: 'DESC' },
  { field: 'id', direction: 'DESC' },
];

const ACTIONS = new Set(['CREATE', 'UPDATE', 'DELETE']);

/** Stores entries once per (batch, seq): a batch delivered twice, or partly, is stored whole and once. */
async function insertBatch(em: SqlEntityManager, batch: AuditBatch): Promise<number> {
  const occurredAt = new Date(batch.occurredAt);
  if (Number.isNaN(occurredAt.getTime())) throw badInput('occurredAt is not a time.');
  const rows = batch.entries.map((e) => {
    if (!ACTIONS.has(e.action)) throw badInput(`Unknown audit action ${e.action}.`);
    return {
      batch_id: batch.batchId,
      seq: e.seq,
      occurred_at: occurredAt,
      subgraph: batch.subgraph.slice(0, 20),
      request_id: batch.requestId.slice(0, 100),
      operation: batch.operation.slice(0, 200),
      actor_role: batch.actorRole.slice(0, 20),
      actor_id: batch.actorId.slice(0, 100),
      partner_app_id: batch.partnerAppId?.slice(0, 40) ?? null,
      on_behalf_of_customer_id: numericOrNull(batch.onBehalfOfCustomerId),
      bank_id: numericOrNull(e.bankId),
      supplier_id: numericOrNull(e.supplierId),
      action: e.action,
      target_type: e.targetType.slice(0, 100),
      target_id: e.targetId?.slice(0, 190) ?? null,
      changes: JSON.stringify(e.changes ?? {}),
      statement: e.statement?.slice(0, 1000) ?? null,
    };
  });
  let stored = 0;
  // Bounded statements: a bulk change's batch may hold hundreds of entries.
  for (let i = 0; i < rows.length; i += 200)
    stored += await insertIgnoringDuplicates(em, 'audit_entry', rows.slice(i, i + 200), ['batch_id', 'seq']);
  return stored;
}

function numericOrNull(id: string | null | undefined): number | null {
  if (id === null || id === undefined || !/^\d{1,10}$/.test(id)) return null;
  return Number(id);
}

/** Staff's own writes go straight into its trail, in the transaction that makes them. */
export const staffAuditSink: AuditSink = async (em, batch) => {
  await insertBatch(em, batch);
};

/**
 * The audit trail: append-only storage of what other subgraphs' relays deliver, and the filtered,
 * newest-first reading of it. Bank and supplier administrators (MANAGE_STAFF) read their own
 * tenant's entries; the platform (SEE_AUDIT) reads everyone's.
 */
export class AuditTrailService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** SERVICE only: a subgraph's relay delivering one outbox message of entries. */
  async record(batch: AuditBatch): Promise<number> {
    requireRole(this.principal, 'SERVICE');
    return insertBatch(this.em, batch);
  }

  async trail(
    filter: AuditTrailFilter,
    page: { first?: number | null; after?: string | null },
  ): Promise<Connection<AuditEntry>> {
    const limit = pageSize(page.first);
    const where: FilterQuery<AuditEntry>[] = [this.tenantScope(filter)];
    if (filter.actorId) where.push({ actorId: filter.actorId });
    if (filter.operation) where.push({ operation: filter.operation });
    if (filter.targetType) where.push({ targetType: filter.targetType });
    if (filter.targetId) where.push({ targetId: filter.targetId });
    if (filter.requestId) where.push({ requestId: filter.requestId });
    if (filter.from) where.push({ occurredAt: { $gte: filter.from } });
    if (filter.to) where.push({ occurredAt: { $lt: filter.to } });
    if (filter.from && filter.to && filter.from > filter.to) throw badInput('`from` must not be after `to`.');
    if (page.after) {
      const [at, id] = decodeCursor(page.after, 2);
      if (typeof at !== 'string' || typeof id !== 'string')
        throw badInput('`after` is not a cursor from this list; start again without it.');
      where.push(keysetAfter(SORT, [new Date(at) as never, id]) as FilterQuery<AuditEntry>);
    }
    const rows = await this.em.find(AuditEntry, { $and: where } as FilterQuery<AuditEntry>, {
      orderBy: orderByOf(SORT),
      limit: limit + 1,
    });
    return toConnection(rows, limit, (e) => [e.occurredAt.toISOString(), String(e.id)], !!page.after);
  }

  /**
   * Which entries the caller may read. Another tenant's bank or supplier is NOT_FOUND, like one
   * that does not exist.
   */
  private tenantScope(filter: AuditTrailFilter): FilterQuery<AuditEntry> {
    const p = this.principal;
    if (!p) throw unauthenticated();
    if (staffKindOf(p.role) === 'platform') {
      if (!hasPermission(p, 'SEE_AUDIT'))
        throw forbidden('Reading the audit trail needs the SEE_AUDIT permission; ask your administrator to grant it.');
      const scope: FilterQuery<AuditEntry> = {};
      if (filter.bankId) Object.assign(scope, { bankId: idFilter(filter.bankId, 'Bank') });
      if (filter.supplierId) Object.assign(scope, { supplierId: idFilter(filter.supplierId, 'Supplier') });
      return scope;
    }
    if (isBankStaff(p) || isSupplier(p)) {
      if (!hasPermission(p, 'MANAGE_STAFF'))
        throw forbidden(
          "Reading your organisation's audit trail needs the MANAGE_STAFF permission; ask your administrator to grant it.",
        );
      if (isBankStaff(p)) {
        if (filter.bankId && filter.bankId !== p.bankId) throw notFound('Bank', filter.bankId);
        const scope: FilterQuery<AuditEntry> = { bankId: Number(p.bankId) };
        if (filter.supplierId) Object.assign(scope, { supplierId: idFilter(filter.supplierId, 'Supplier') });
        return scope;
      }
      if (filter.supplierId && filter.supplierId !== p.supplierId) throw notFound('Supplier', filter.supplierId);
      if (filter.bankId) throw notFound('Bank', filter.bankId);
      return { supplierId: Number(p.supplierId) };
    }
    throw forbidden('The audit trail is read by platform, bank and supplier administrators.');
  }
}

function idFilter(id: string, what: string): number {
  const n = numericOrNull(id);
  if (n === null) throw notFound(what, id);
  return n;
}
