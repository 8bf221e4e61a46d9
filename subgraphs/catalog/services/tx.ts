import { DeadlockException, LockWaitTimeoutException, type EntityManager } from '@mikro-orm/core';
import { BaseSqlitePlatform, type EntityManager as SqlEntityManager } from '@mikro-orm/knex';

export type Dialect = 'mysql' | 'sqlite';

/** Which SQL the entity manager speaks; the few statements that differ branch on this, here only. */
export function dialectOfEm(em: EntityManager): Dialect {
  return em.getPlatform() instanceof BaseSqlitePlatform ? 'sqlite' : 'mysql';
}

export function sqlEm(em: EntityManager): SqlEntityManager {
  return em as unknown as SqlEntityManager;
}

/**
 * Runs `work` in a transaction, retrying a few times when the database picked it as a deadlock
 * victim (all its effects were rolled back, so a retry is safe).
 */
export async function inTransaction<T>(em: EntityManager, work: (em: SqlEntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await em.fork().transactional((tem) => work(sqlEm(tem)));
    } catch (e) {
      const retryable = e instanceof DeadlockException || e instanceof LockWaitTimeoutException;
      if (!retryable || attempt >= 4) throw e;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}

/** Affected rows of a write, in both drivers. */
export function affected(result: unknown): number {
  const r = result as { affectedRows?: number; changes?: number } | undefined;
  return r?.affectedRows ?? r?.changes ?? 0;
}
