import type { EntityManager } from '@mikro-orm/core';
import { badInput, type FieldProblem } from '../../../core/errors';
import type { Principal } from '../../../core/identity';
import { decodeCursor, keysetAfter, orderByOf, pageSize, toConnection, type Connection, type SortKey } from '../../../core/pagination';
import { Customer, CustomerTag, Gender } from '../entities/customer';
import { MembershipService } from './membership.service';

export const MAX_UPSERT = 1000;
export const MAX_TAGS = 20;
const REF_PATTERN = /^[A-Za-z0-9_.:\-]{1,64}$/;

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
    if (row.birthYear != null && (!Number.isInteger(row.birthYear) || row.birthYear < 1900 || row.birthYear > nowYear)) p('birthYear', `must be 1900 to ${nowYear}.`);
    if (row.assetBand != null && (!Number.isInteger(row.assetBand) || row.assetBand < 0 || row.assetBand > 9)) p('assetBand', 'must be 0 to 9.');
    if (row.city != null && (row.city.trim().length === 0 || row.city.length > 64)) p('city', 'must be 1–64 characters.');
    if (row.tags != null) {
      if (row.tags.length > MAX_TAGS) p('tags', `at most ${MAX_TAGS} tags.`);
      else if (!row.tags.every((t) => typeof t === 'string' && t.trim().length > 0 && t.length <= 32)) p('tags', 'each tag must be 1–32 characters.');
    }
  });
  return problems;
}

const CUSTOMER_ORDER: SortKey[] = [{ field: 'id', direction: 'ASC' }];

export class CustomerService {
  constructor(private readonly em: EntityManager, private readonly principal: Principal) {}

  /**
   * Creates or updates a bank's customers keyed on the bank's own reference, in one transaction,
   * and recomputes their segment memberships in the same transaction. Repeating a call changes
   * nothing further.
   */
  async upsert(bankId: number, rows: CustomerRow[]): Promise<UpsertResult> {
    if (rows.length === 0 || rows.length > MAX_UPSERT) throw badInput(`Send 1 to ${MAX_UPSERT} customers per call.`, [{ field: 'customers', message: `1–${MAX_UPSERT} rows` }]);
    const problems = customerRowProblems(rows);
    if (problems.length) throw badInput(`${new Set(problems.map((p) => p.index)).size} of ${rows.length} rows have problems; nothing was written.`, problems);
    return this.em.transactional(async (em) => {
      const existing = await em.find(Customer, { bankId, externalRef: { $in: rows.map((r) => r.externalRef) } });
      const byRef = new Map(existing.map((c) => [c.externalRef, c]));
      const now = new Date();
      const out: UpsertResult['customers'] = [];
      for (const [index, row] of rows.entries()) {
        let customer = byRef.get(row.externalRef);
        const created = !customer;
        if (!customer) {
          customer = em.create(Customer, { bankId, externalRef: row.externalRef, createdAt: now, updatedAt: now });
        }
        if (row.gender !== undefined) customer.gender = row.gender;
        if (row.birthYear !== undefined) customer.birthYear = row.birthYear;
        if (row.city !== undefined) customer.city = row.city === null ? null : row.city.trim();
        if (row.assetBand !== undefined) customer.assetBand = row.assetBand;
        out.push({ index, customer, created });
      }
      await em.flush();
      const tagged = out.filter(({ index }) => rows[index]!.tags !== undefined);
      if (tagged.length) {
        await em.nativeDelete(CustomerTag, { customerId: { $in: tagged.map((t) => t.customer.id) } });
        const tags = tagged.flatMap(({ index, customer }) => [...new Set((rows[index]!.tags ?? []).map((t) => t.trim()))].map((tag) => ({ customerId: customer.id, tag })));
        if (tags.length) await em.insertMany(CustomerTag, tags);
      }
      await new MembershipService(em).recomputeForCustomers(bankId, out.map((o) => o.customer.id));
      const created = out.filter((o) => o.created).length;
      return { created, updated: out.length - created, customers: out };
    });
  }

  async page(bankId: number, first?: number | null, after?: string | null): Promise<Connection<Customer>> {
    const limit = pageSize(first);
    const where: Record<string, unknown>[] = [{ bankId }];
    if (after) where.push(keysetAfter(CUSTOMER_ORDER, decodeCursor(after, 1)));
    const rows = await this.em.find(Customer, { $and: where } as never, { orderBy: orderByOf(CUSTOMER_ORDER), limit: limit + 1 });
    return toConnection(rows, limit, (c) => [c.id], Boolean(after));
  }
}
