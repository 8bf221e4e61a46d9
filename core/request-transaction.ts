import { DeadlockException, LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { AppError } from './errors';
import { requestContext } from './request-context';
import type { Logger } from './logger';
import { injectFault } from './faults';
import type { Principal } from './identity';
import { AuditRecorder, isAudited, type AuditSink } from './audit';

/**
 * One database transaction per mutation request, so that **no request that answers an error leaves
 * its write committed**.
 *
 * Why it is needed: services commit their own units of work (`inTransaction`), and GraphQL only
 * then completes the payload. A payload that fails afterwards (a value that cannot be serialised, a
 * field resolver that throws, a second mutation field that fails) used to answer an error while the
 * write stayed committed — issue 11 item 2.
 *
 * How it works:
 * - A mutation operation gets a `RequestTransaction` on its request `em`. It begins lazily, at the
 *   first write (first `inTransaction`, first flush or native write on the request `em`, first
 *   conditional update through core/sql.ts), so reads and calls to other subgraphs before it hold no connection.
 * - From then on `ctx.em` runs inside it, and every `inTransaction` in the request (on `ctx.em` or on
 *   any fork of it) becomes a savepoint of it: a unit that fails rolls back alone and the service can
 *   still answer (e.g. "already claimed"), exactly as before.
 * - When the response is ready it commits only if the response has no errors; otherwise it rolls
 *   back. A commit that fails turns the response into an error.
 * - Deadlocks, lock wait timeouts and SQLite's busy errors roll the whole database transaction back,
 *   so they are never retried inside it (that would run the second half of a transaction on its
 *   own). The unit marks the request for a retry, the request rolls back, and the subgraph runs the
 *   whole operation again on a fresh transaction (up to `REQUEST_RETRIES` times; once for a unique
 *   key a concurrent writer won, so the rerun finds the winner's row and answers idempotently).
 *
 * Operations that commit step by step on purpose (the orders saga: it calls other subgraphs over
 * HTTP between its own commits, and a crash between steps is repaired by the recovery sweep) opt
 * out with `@CommitsStepByStep(reason)` on the resolver method; an operation mixing such a field
 * with others is refused, because it could be neither atomic nor step by step.
 */

export const REQUEST_RETRIES = 5;

/** Root mutation fields that commit step by step, with the reason (see `CommitsStepByStep`). */
const stepwiseFields = new Map<string, string>();

/**
 * Marks a mutation resolver whose service commits step by step on purpose, so it does not run in
 * the request transaction. Give the reason: it is what a reviewer must be able to check.
 */
export function CommitsStepByStep(reason: string): MethodDecorator {
  return (_target, propertyKey) => {
    stepwiseFields.set(String(propertyKey), reason);
  };
}

export function commitsStepByStep(field: string): boolean {
  return stepwiseFields.has(field);
}

type RetryKind = 'transient' | 'unique';

export class RequestTransaction {
  /** Set for a non-stepwise mutation once its operation is known. */
  active = false;
  /** What this attempt changed, for mutations by staff and partner apps (core/audit.ts). */
  audit?: AuditRecorder;
  private lock: Promise<unknown> = Promise.resolve();
  private retryKind: RetryKind | null = null;

  constructor(
    readonly em: SqlEntityManager,
    private readonly attempt: { uniqueRetried: boolean; number: number },
  ) {
    // Forks taken once the transaction has begun read and write inside it: a service that reads
    // back through `em.fork()` what an earlier unit of this request wrote must see it, uncommitted.
    const fork = em.fork.bind(em);
    em.fork = ((options = {}) =>
      fork(em.isInTransaction() ? { keepTransactionContext: true, ...options } : options)) as typeof em.fork;
    // Writes straight on the request em (a flush, a native update) begin the transaction first. A
    // flush cannot begin it from its own events: the unit of work restores the transaction context
    // it started with when it finishes, which would orphan a transaction begun inside it.
    for (const method of [
      'flush',
      'nativeUpdate',
      'nativeDelete',
      'insert',
      'insertMany',
      'upsert',
      'upsertMany',
    ] as const) {
      const original = (em[method] as (...args: unknown[]) => Promise<unknown>).bind(em);
      (em as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        await this.ensureBegun();
        const result = await original(...args);
        if (method === 'flush') injectFault('after-write');
        return result;
      };
    }
  }

  get begun(): boolean {
    return this.em.isInTransaction();
  }

  /** Starts the database transaction on the request `em` if this request needs one and has none yet. */
  async ensureBegun(): Promise<void> {
    // After a deadlock the database has already rolled the whole transaction back: a statement
    // now would run outside any transaction and commit on its own, so nothing more runs.
    if (this.retryKind === 'transient')
      throw new AppError('INTERNAL', 'The database gave up on this request; please retry it.');
    if (this.active && !this.em.isInTransaction()) await this.em.begin();
  }

  /**
   * Runs one unit of work as a savepoint of the request transaction. Units of one request run one at
   * a time (they share one connection).
   */
  unit<T>(work: (tx: SqlEntityManager) => Promise<T>): Promise<T> {
    const run = async () => {
      await this.ensureBegun();
      const mark = this.audit?.mark() ?? 0;
      let result: T;
      try {
        result = await this.em.transactional(async (tx) => {
          try {
            return await work(tx as SqlEntityManager);
          } catch (e) {
            this.noteFailure(e);
            throw e;
          }
        });
      } catch (e) {
        // The savepoint rolled back: so do the audit entries of what it wrote.
        this.audit?.rollbackTo(mark);
        throw e;
      }
      injectFault('after-write');
      return result;
    };
    const result = this.lock.then(run, run);
    this.lock = result.catch(() => undefined);
    return result;
  }

  /** A failure the whole operation may be run again for (the request rolls back first). */
  noteFailure(e: unknown): void {
    if (isTransient(e)) this.retryKind = 'transient';
    else if (e instanceof UniqueConstraintViolationException && !this.retryKind) this.retryKind = 'unique';
  }

  /** Whether the subgraph should run the operation again after this attempt answered errors. */
  shouldRetry(): boolean {
    if (!this.active || this.retryKind === null) return false;
    if (this.retryKind === 'unique') return !this.attempt.uniqueRetried;
    return this.attempt.number < REQUEST_RETRIES;
  }

  retryKindOf(): RetryKind | null {
    return this.retryKind;
  }

  /** Commits (when `ok`) or rolls back. Rolls back and rethrows when the commit fails. */
  async finish(ok: boolean): Promise<void> {
    if (!this.em.isInTransaction()) return;
    if (!ok) {
      // The entries of its writes go with it (said here too: the rollback's own event may run where
      // the request's context is not seen).
      this.audit?.rolledBack(this.em.getTransactionContext());
      await this.em.rollback();
      return;
    }
    try {
      if (this.audit) {
        // Entries go in the same transaction as the changes they describe, so both commit or neither.
        await this.em.flush();
        const transaction = this.em.getTransactionContext();
        if (this.audit.pendingCount(transaction) > 0) await this.audit.writeFor(this.em, transaction);
      }
      await this.em.commit();
    } catch (e) {
      this.noteFailure(e);
      if (this.em.isInTransaction()) {
        this.audit?.rolledBack(this.em.getTransactionContext());
        await this.em.rollback().catch(() => undefined);
      }
      throw e;
    }
  }
}

/** Deadlock victim, lock wait timeout, or SQLite busy: the database gave up on the transaction. */
export function isTransient(e: unknown): boolean {
  return (
    e instanceof DeadlockException ||
    e instanceof LockWaitTimeoutException ||
    (e instanceof Error && /SQLITE_BUSY|database is locked/i.test(e.message))
  );
}

/** The request transaction the current request runs in, if it is a mutation that has one. */
export function currentRequestTransaction(): RequestTransaction | undefined {
  const tx = requestContext.getStore()?.transaction;
  return tx?.active ? tx : undefined;
}

/**
 * Begins the request transaction before a conditional update or insert through core/sql.ts on an
 * `em` that is not in a transaction yet (the request's own, or a fork of it).
 */
export async function beforeWrite(em: SqlEntityManager): Promise<void> {
  const tx = currentRequestTransaction();
  if (!tx || em.isInTransaction()) return;
  await tx.ensureBegun();
  // A fork taken before the transaction began writes inside it too.
  if (em !== tx.em) em.setTransactionContext(tx.em.getTransactionContext()!);
}

/** Root fields of the operation, fragments followed. */
function rootFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const names: string[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) names.push(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names.filter((n) => !n.startsWith('__'));
}

/**
 * Apollo plugin: turns the request transaction on for mutations, commits it when the response has
 * no errors and rolls it back otherwise.
 */
export function requestTransactionPlugin(
  log: Logger,
  audit: { subgraph: string; sink: AuditSink },
): ApolloServerPlugin<{ transaction: RequestTransaction; principal: Principal; requestId: string }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const fields = rootFields(document, operation);
          if (isAudited(contextValue.principal)) {
            contextValue.transaction.audit = new AuditRecorder(
              contextValue.principal,
              audit.subgraph,
              contextValue.requestId,
              fields.join(',').slice(0, 200),
              audit.sink,
            );
          }
          const stepwise = fields.filter(commitsStepByStep);
          if (stepwise.length === 0) {
            contextValue.transaction.active = true;
            return;
          }
          if (stepwise.length !== fields.length) {
            throw new AppError(
              'BAD_USER_INPUT',
              `${stepwise.join(', ')} commits step by step and must be the only field of its mutation; send the other fields (${fields.filter((f) => !commitsStepByStep(f)).join(', ')}) in a separate request.`,
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          const tx = contextValue.transaction;
          await settle(tx, response.body, log);
          // Every transaction that committed carried its own entries (core/audit.ts); one that rolled
          // back dropped them. What is left was captured where no transaction was seen (a query
          // builder bound to a transaction by hand): written now, in a transaction of its own.
          const recorder = tx.audit;
          if (!recorder || recorder.pendingCount() === 0) return;
          log.warn('audit entries outside any transaction seen; written after the change', {
            entries: recorder.pendingCount(),
          });
          await tx.em
            .fork()
            .transactional(async (t) => {
              const batch = recorder.takeLeftovers();
              if (batch) await recorder.sink(t as SqlEntityManager, batch);
            })
            .catch((e: unknown) =>
              log.error('audit entries could not be written', {
                error: e instanceof Error ? e.stack : String(e),
              }),
            );
        },
      };
    },
  };
}

/** Commits the request transaction when the response has no errors, else rolls it back. */
async function settle(
  tx: RequestTransaction,
  body: { kind: 'single'; singleResult: { data?: unknown; errors?: readonly unknown[] } } | { kind: 'incremental' },
  log: Logger,
): Promise<void> {
  if (!tx.active || !tx.begun) return;
  const errors = body.kind === 'single' ? body.singleResult.errors : ['incremental delivery is not used'];
  const ok = !errors || errors.length === 0;
  try {
    await tx.finish(ok);
    // Nothing was saved, so no field may answer as if its write had happened.
    if (!ok && body.kind === 'single') body.singleResult.data = null;
  } catch (e) {
    // The write did not commit, so the answer must not claim it did.
    log.error('request transaction failed to commit', { error: e instanceof Error ? e.stack : String(e) });
    if (body.kind === 'single') {
      body.singleResult.data = null;
      body.singleResult.errors = [
        {
          message: 'Internal error: the change could not be saved and nothing was changed. Please retry.',
          extensions: { code: 'INTERNAL' },
        },
      ];
    }
  }
}
