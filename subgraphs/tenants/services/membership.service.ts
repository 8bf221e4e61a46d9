import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Segment } from '../entities/segment';
import { membershipSql } from './segment-rules';
import { placeholders } from '../../../core/sql';

/**
 * Keeps `customer_segment` equal to "rules match or explicit member" for every customer and
 * segment. Called inside the transaction that changed attributes, rules or members, so reads never
 * see a stale membership and nobody rebuilds anything by hand. The work is done by the database
 * (`INSERT … SELECT` with the compiled rule), one statement per segment, whatever the batch size.
 */
export class MembershipService {
  constructor(private readonly em: EntityManager) {}

  /** `created`: those of `customerIds` inserted in this transaction, which have no rows to delete yet. */
  async recomputeForCustomers(bankId: number, customerIds: number[], created: number[] = []): Promise<void> {
    if (customerIds.length === 0) return;
    const sql = this.em as SqlEntityManager;
    const isNew = new Set(created);
    const previous = customerIds.filter((id) => !isNew.has(id));
    if (previous.length)
      await sql.execute(
        `delete from customer_segment where customer_id in (${placeholders(previous.length)})`,
        previous,
      );
    const segments = await this.em.find(Segment, { bankId }, { orderBy: { id: 'ASC' } });
    for (const segment of segments) {
      const m = membershipSql(segment.id, segment.rules);
      await sql.execute(
        `insert into customer_segment (customer_id, segment_id) select c.id, ? from customer c where c.bank_id = ? and c.id in (${placeholders(customerIds.length)}) and ${m.sql}`,
        [segment.id, bankId, ...customerIds, ...m.params],
      );
    }
  }

  async recomputeForSegment(segment: Segment): Promise<void> {
    const sql = this.em as SqlEntityManager;
    await sql.execute('delete from customer_segment where segment_id = ?', [segment.id]);
    const m = membershipSql(segment.id, segment.rules);
    await sql.execute(
      `insert into customer_segment (customer_id, segment_id) select c.id, ? from customer c where c.bank_id = ? and ${m.sql}`,
      [segment.id, segment.bankId, ...m.params],
    );
  }
}
