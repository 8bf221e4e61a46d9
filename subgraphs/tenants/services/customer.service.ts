import { LockMode, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, type FieldProblem } from '../../../core/errors';
import { requireStaffPermission, type Principal } from '../../../core/identity';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import { inTransaction, isMySql, selectRows } from '../../../core/sql';
import { Customer, CustomerTag, Gender } from '../entities/customer';
import { MembershipService } from './membership.service';
import { CUSTOMER_RECORDS } from './access';

export const MAX_UPSERT = 1000;
export const MAX_TAGS = 20;
const REF_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** One row of a bulk upsert. Omitted attributes stay as they are; null clears them. */
export interface CustomerRow {
  externalRef: string;
  gender?: Gender | null;
  birthYear?: number | null;
  city?: string | null;
  assetBand?: number | null;
  /** Replaces the customer's tags when given. */
  tags?: string[] | null;
}

export interface UpsertResult {
  created: number;
  updated: number;
  customers: { index: number; customer: Customer; created: boolean }[];
}

/** Row problems, by index and field (pure, unit-tested). */
export function customerRowProblems(rows: CustomerRow[], nowYear = new Date().getUTCFullYear()): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const p = (field: string, message: string) => problems.push({ index, field, message });
    if (typeof row.externalRef !== 'string' || !REF_PATTERN.test(row.externalRef)) {
      p('externalRef', 'must be 1–64 characters of letters, digits, _ . : -');
    } else if (seen.has(row.externalRef)) {
      p('externalRef', `duplicates row ${seen.get(row.externalRef)}.`);
    } else {
      seen.set(row.externalRef, index);
    }
    if (row.birthYear != null && (!Number.isInteger(row.birthYear) || row.birthYear < 1900 || row.birthYear > nowYear))
      p('birthYear', `must be 1900 to ${nowYear}.`);
    if (row.assetBand != null && (!Number.isInteger(row.assetBand) || row.assetBand < 0 || row.assetBand > 9))
      p('assetBand', 'must be 0 to 9.');
    if (row.city != null && (row.city.trim().length === 0 || row.city.length > 64))
      p('city', 'must be 1–64 characters.');
    if (row.tags != null) {
      if (row.tags.length > MAX_TAGS) p('tags', `at most ${MAX_TAGS} tags.`);
      else if (!row.tags.every((t) => typeof t === 'string' && t.trim().length > 0 && t.length <= 32))
        p('tags', 'each tag must be 1–32 characters.');
    }
  });
  return problems;
}

const CUSTOMER_ORDER: SortKey[] = [{ field: 'id', direction: 'ASC' }];

export class CustomerService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
  ) {}

  /**
   * Creates or updates a bank's customers keyed on the bank's own reference, in one transaction,
   * and recomputes their segment memberships in the same transaction. Repeating a call changes
   * nothing further, and so does running it twice at once: existing customers are locked before
   * they change (so concurrent batches over the same customers take turns), and when a concurrent
   * batch inserts the same new references first, our insert hits the unique key, the transaction
   * rolls back and runs again (`inTransaction`), finding the winner's rows and updating them.
   */
  async upsert(bankId: number, rows: CustomerRow[]): Promise<UpsertResult> {
    requireStaffPermission(this.principal, CUSTOMER_RECORDS);
    if (rows.length === 0 || rows.length > MAX_UPSERT)
      throw badInput(`Send 1 to ${MAX_UPSERT} customers per call.`, [
        { field: 'customers', message: `1–${MAX_UPSERT} rows` },
      ]);
    const problems = customerRowProblems(rows);
    if (problems.length)
      throw badInput(
        `${new Set(problems.map((p) => p.index)).size} of ${rows.length} rows have problems; nothing was written.`,
        problems,
      );
    return inTransaction(this.em as SqlEntityManager, async (em) => {
      // Ids first (a plain read: no gap locks on references that do not exist yet), then the rows
      // themselves with a locking read, which returns their latest committed state, in id order.
      const refs = rows.map((r) => r.externalRef);
      const found = await selectRows<{ id: number }>(
        em,
        `SELECT id FROM customer WHERE bank_id = ? AND external_ref IN (${refs.map(() => '?').join(', ')})`,
        [bankId, ...refs],
      );
      const existing = found.length
        ? await em.find(
            Customer,
            { id: { $in: found.map((f) => Number(f.id)) } },
            { orderBy: { id: 'ASC' }, ...(isMySql(em) ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
          )
        : [];
      const byRef = new Map(existing.map((c) => [c.externalRef, c]));
      const now = new Date();
      // New references are inserted in one order whatever the input order, so two batches that
      // share some of them wait for each other instead of deadlocking.
      const fresh = new Set<string>();
      for (const ref of refs.filter((r) => !byRef.has(r)).sort()) {
        byRef.set(ref, em.create(Customer, { bankId, externalRef: ref, createdAt: now, updatedAt: now }));
        fresh.add(ref);
      }
      const out: UpsertResult['customers'] = [];
      for (const [index, row] of rows.entries()) {
        const customer = byRef.get(row.externalRef)!;
        const created = fresh.has(row.externalRef);
        if (row.gender !== undefined) customer.gender = row.gender;
        if (row.birthYear !== undefined) customer.birthYear = row.birthYear;
        if (row.city !== undefined) customer.city = row.city === null ? null : row.city.trim();
        if (row.assetBand !== undefined) customer.assetBand = row.assetBand;
        out.push({ index, customer, created });
      }
      await em.flush();
      const tagged = out.filter(({ index }) => rows[index]!.tags !== undefined);
      if (tagged.length) {
        const replaced = tagged.filter((t) => !t.created).map((t) => t.customer.id); // new customers have no tags yet
        if (replaced.length) await em.nativeDelete(CustomerTag, { customerId: { $in: replaced } });
        const tags = tagged.flatMap(({ index, customer }) =>
          [...new Set((rows[index]!.tags ?? []).map((t) => t.trim()))].map((tag) => ({ customerId: customer.id, tag })),
        );
        if (tags.length) await em.insertMany(CustomerTag, tags);
      }
      await new MembershipService(em).recomputeForCustomers(
        bankId,
        out.map((o) => o.customer.id),
        out.filter((o) => o.created).map((o) => o.customer.id),
      );
      const created = out.filter((o) => o.created).length;
      return { created, updated: out.length - created, customers: out };
    });
  }

  async page(bankId: number, first?: number | null, after?: string | null): Promise<Connection<Customer>> {
    const limit = pageSize(first);
    const where: Record<string, unknown>[] = [{ bankId }];
    if (after) where.push(keysetAfter(CUSTOMER_ORDER, decodeCursor(after, 1)));
    const rows = await this.em.find(Customer, { $and: where } as never, {
      orderBy: orderByOf(CUSTOMER_ORDER),
      limit: limit + 1,
    });
    return toConnection(rows, limit, (c) => [c.id], Boolean(after));
  }
}
