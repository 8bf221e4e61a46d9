import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { MySqlPlatform, type SqlEntityManager } from '@mikro-orm/knex';
import { beforeWrite, currentRequestTransaction, isTransient } from './request-transaction';
import { currentAudit } from './audit';
import { injectFault } from './faults';
import { sqlDialect } from './config';

/**
 * Small SQL helpers for the hot paths where the ORM's unit of work is the wrong tool: conditional
 * updates whose affected-row count decides the outcome, and idempotent inserts. They run inside the
 * EntityManager's current transaction, if any, and are counted like every other statement.
 */

/** Runs a statement and returns the number of rows it changed. */
export async function affectedRows(em: SqlEntityManager, sql: string, params: unknown[] = []): Promise<number> {
  await beforeWrite(em);
  const result = await em.execute<{ affectedRows: number }>(sql, params as never[], 'run');
  return result.affectedRows;
}

/** Rows changed, from the result of a query builder's `execute('run')` or `em.execute(…, 'run')`, in both drivers. */
export function affectedCount(result: unknown): number {
  const r = result as { affectedRows?: number; changes?: number } | undefined;
  return r?.affectedRows ?? r?.changes ?? 0;
}

/** A DATETIME read by a raw statement, whichever form the driver gives it in. */
export function asDate(v: Date | string | number): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  if (/^\d+$/.test(v)) return new Date(Number(v));
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
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
  await beforeWrite(em);
  // knex writes a multi-row insert for SQLite as one compound SELECT, which SQLite caps at 500 terms.
  const chunk = isMySql(em) ? rows.length : SQLITE_ROWS_PER_INSERT;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += chunk) {
    const qb = em
      .getKnex()
      .table(table)
      .insert(rows.slice(i, i + chunk))
      .onConflict(conflictColumns)
      .ignore();
    inserted += (await em.execute<{ affectedRows: number }>(qb, [], 'run')).affectedRows;
  }
  return inserted;
}

/** Rows per multi-row INSERT on SQLite (its compound SELECT limit is 500). */
const SQLITE_ROWS_PER_INSERT = 400;

/**
 * `INSERT … ON DUPLICATE KEY UPDATE c = c + VALUES(c)` (MySQL/MariaDB) or `… ON CONFLICT (keys) DO
 * UPDATE SET c = c + excluded.c` (SQLite): adds each row's `addColumns` to the row with the same key,
 * creating it when missing, in one statement for all rows. It takes the row's exclusive lock at once;
 * an `INSERT IGNORE` followed by an `UPDATE` takes a shared lock first, and two transactions holding it
 * on the same hot row deadlock when both upgrade.
 */
export async function upsertAdding(
  em: SqlEntityManager,
  table: string,
  rows: Record<string, unknown>[],
  keyColumns: string[],
  addColumns: string[],
): Promise<void> {
  if (rows.length === 0) return;
  await beforeWrite(em);
  const columns = Object.keys(rows[0]!);
  const values = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
  const params = rows.flatMap((r) => columns.map((c) => r[c]));
  const add = isMySql(em)
    ? ` ON DUPLICATE KEY UPDATE ${addColumns.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`
    : ` ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${addColumns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
  await em.execute(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}${add}`, params as never[], 'run');
}

/** `?, ?, ?` for a list of n values in an `IN (…)`. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
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
 * ` SKIP LOCKED` after a `FOR UPDATE`, where the server implements it (MariaDB ≥ 10.6, MySQL 8).
 * TiDB accepts the words but does not skip, and then takes no lock at all (docs/tidb.md), so with
 * PERKMALL_SQL_DIALECT=tidb the claim is a plain `FOR UPDATE` that waits for rows others hold:
 * slower under contention, never wrong. Empty on SQLite (no row locks).
 */
export function skipLocked(em: SqlEntityManager): string {
  return isMySql(em) && sqlDialect() !== 'tidb' ? ' SKIP LOCKED' : '';
}

/**
 * A shared row lock (` LOCK IN SHARE MODE`) where the server has one. TiDB refuses shared locks
 * unless told to ignore them (tidb_enable_noop_functions, which then takes none), so with
 * PERKMALL_SQL_DIALECT=tidb it is an exclusive ` FOR UPDATE`: it blocks more, and protects the same.
 */
export function shareLock(em: SqlEntityManager): string {
  if (!isMySql(em)) return '';
  return sqlDialect() === 'tidb' ? ' FOR UPDATE' : ' LOCK IN SHARE MODE';
}

/** MikroORM's lock mode for `shareLock`: PESSIMISTIC_READ, or PESSIMISTIC_WRITE on TiDB. */
export function shareLockMode(
  em: SqlEntityManager,
): LockMode.PESSIMISTIC_READ | LockMode.PESSIMISTIC_WRITE | undefined {
  if (!isMySql(em)) return undefined;
  return sqlDialect() === 'tidb' ? LockMode.PESSIMISTIC_WRITE : LockMode.PESSIMISTIC_READ;
}

/**
 * Runs `work` in a transaction on a fresh fork, retrying when the database picked it as a deadlock
 * victim or a lock wait timed out (the transaction was rolled back whole, so a retry is safe), and
 * once when a concurrent writer won a unique key (so `work` can find the winner's row and answer
 * idempotently).
 *
 * Inside a mutation request (core/request-transaction.ts) it is a savepoint of the request
 * transaction instead, and never retries there: a deadlock has rolled back the whole request
 * transaction, so the request is run again from the start. Inside another unit it nests as a
 * savepoint of that unit.
 */
export async function inTransaction<T>(
  em: SqlEntityManager,
  work: (tx: SqlEntityManager) => Promise<T>,
  retries = 5,
): Promise<T> {
  const request = currentRequestTransaction();
  if (request && (em === request.em || !em.isInTransaction())) return request.unit(work);
  // A unit that rolls back takes the audit entries of its writes with it (core/audit.ts).
  const audit = currentAudit();
  if (em.isInTransaction()) {
    const mark = audit?.mark() ?? 0;
    return em
      .transactional(async (tx) => {
        try {
          return await work(tx as SqlEntityManager);
        } catch (e) {
          request?.noteFailure(e);
          throw e;
        }
      })
      .catch((e: unknown) => {
        audit?.rollbackTo(mark);
        throw e;
      });
  }
  let uniqueRetried = false;
  for (let attempt = 0; ; attempt++) {
    const mark = audit?.mark() ?? 0;
    try {
      return await em.fork().transactional(async (tx) => {
        const result = await work(tx as SqlEntityManager);
        injectFault('before-step-commit');
        return result;
      });
    } catch (e) {
      audit?.rollbackTo(mark);
      if (isTransient(e) && attempt < retries) {
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
