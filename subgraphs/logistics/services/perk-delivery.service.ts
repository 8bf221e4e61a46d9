import type { SqlEntityManager } from '@mikro-orm/knex';
import type { PerkIssueOutcome } from './partner-delivery/adapter';

/**
 * STUB (helper S) — helper A replaces this file with the durable per-unit delivery job.
 *
 * Called by the partner callback route (`POST /partners/<supplierId>/callbacks`) once the callback's
 * signature has been verified with that supplier's secret. Must be idempotent: partners may send a
 * result twice. `applied` says whether the outcome changed anything.
 */
export async function onPartnerCallback(
  em: SqlEntityManager,
  supplierId: number,
  idempotencyKey: string,
  outcome: PerkIssueOutcome,
): Promise<{ applied: boolean }> {
  void em;
  void supplierId;
  void idempotencyKey;
  void outcome;
  return { applied: false };
}
