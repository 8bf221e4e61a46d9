import { DeadlockException, LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { MySqlPlatform, type SqlEntityManager } from '@mikro-orm/knex';

/**
 * Small SQL helpers for the hot paths where the ORM's unit of work is the wrong tool: conditional
 * updates whose affected-row count decides the outcome, and idempotent inserts. They run inside the
 * EntityManager's current transaction, if any, and are counted like every other statement.
 */

/** Runs a statement and returns the number of rows it changed. */
export async function affectedRows(em: SqlEntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const result = await em.execute<{ affectedRows: number }>(sql, params as never[], 'run');
  return result.affectedRows;
}

/** Rows changed, from the result of a query builder's `execute('run')` or `em.execute(…, 'run')`, in both drivers. */
export function affectedCount(result: unknown): number {
  const r = result as { affectedRows?: number; changes?: number } | undefined;
  return r?.affectedRows ?? r?.changes ?? 0;
}

/** Runs a query and returns its rows. */
export async function selectRows<T>(em: SqlEntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.execute<T[] & never>(sql, params as never[], 'all') as Promise<T[]>;
}

/** `INSERT … ON CONFLICT DO NOTHING` in each dialect; returns how many rows were new. */
export async function insertIgnoringDuplicates(
  em: SqlEntityManager,
  table: string,
  rows: Record<string, unknown>[],
  conflictColumns: string[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const qb = em.getKnex().table(table).insert(rows).onConflict(conflictColumns).ignore();
  const result = await em.execute<{ affectedRows: number }>(qb, [], 'run');
  return result.affectedRows;
}

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof UniqueConstraintViolationException;
}

export function isMySql(em: SqlEntityManager): boolean {
  return em.getPlatform() instanceof MySqlPlatform;
}

/** `FOR UPDATE` where the dialect has row locks; SQLite serialises writers on the whole database. */
export function forUpdate(em: SqlEntityManager): string {
  return isMySql(em) ? ' FOR UPDATE' : '';
}

/**
 * Runs `work` in a transaction on a fresh fork, retrying when the database picked it as a deadlock
 * victim or a lock wait timed out (the transaction was rolled back whole, so a retry is safe), and
 * once when a concurrent writer won a unique key (so `work` can find the winner's row and answer
 * idempotently).
 */
export async function inTransaction<T>(em: SqlEntityManager, work: (tx: SqlEntityManager) => Promise<T>, retries = 5): Promise<T> {
  let uniqueRetried = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await em.fork().transactional((tx) => work(tx as SqlEntityManager));
    } catch (e) {
      const transient = e instanceof DeadlockException || e instanceof LockWaitTimeoutException || isBusy(e);
      if (transient && attempt < retries) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      if (isUniqueViolation(e) && !uniqueRetried) {
        uniqueRetried = true;
        continue;
      }
      throw e;
    }
  }
}

/** SQLite's "database is locked" under concurrent writers is transient too. */
function isBusy(e: unknown): boolean {
  return e instanceof Error && /SQLITE_BUSY|database is locked/i.test(e.message);
}
