import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, type MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { auditOptions } from './audit';
import type { BackgroundTask } from './background';
import { intFromEnv } from './config';
import type { Logger } from './logger';
import { affectedRows, isMySql } from './sql';

/**
 * A named lease on a job (issue 21, safe replicas): the one process holding `job_lease(name)` runs
 * that job; the others skip their ticks. Used by jobs that cannot claim rows one by one cheaply
 * (the orders recovery sweep, loyalty's points expiry). The holder renews it while it lives and
 * releases it when it stops; a crashed holder's lease expires after `PERKMALL_LEASE_TTL_MS` and the
 * next process to tick takes it over. Times are the processes' clocks: the TTL (30 s) is far above
 * the skew of NTP-synchronised machines.
 */
@Entity({ tableName: 'job_lease' })
export class JobLease {
  @PrimaryKey({ type: 'string', length: 100 })
  name!: string;

  /** Who holds it (host, pid and a random part); null when released. */
  @Property({ type: 'string', length: 100, nullable: true })
  owner?: string | null;

  @Property({ type: 'datetime', nullable: true })
  acquiredAt?: Date | null;

  /** Past this the lease is free to take, whoever holds it. */
  @Property({ type: 'datetime' })
  expiresAt!: Date;
}

// Plumbing, like outbox rows: the work done under a lease is what the audit trail records.
auditOptions(JobLease, { skip: true });

export function leaseTtlMs(): number {
  return intFromEnv('PERKMALL_LEASE_TTL_MS', 30_000, 1000);
}

/**
 * This process's leases, each acquired with a conditional UPDATE (free, expired or already ours)
 * or an INSERT of a missing row that loses quietly to a concurrent one, renewed every third of
 * the TTL while held, and released on stop.
 */
export class JobLeases {
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`.slice(0, 100);
  private readonly held = new Set<string>();
  private readonly lost = new Map<string, () => void>();
  private renewTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly log: Logger,
    readonly ttlMs = leaseTtlMs(),
  ) {}

  private em(): SqlEntityManager {
    return this.orm.em.fork() as SqlEntityManager;
  }

  /** Whether this process holds `name` now (taking or renewing it). */
  async acquire(name: string): Promise<boolean> {
    const em = this.em();
    const now = new Date();
    const until = new Date(now.getTime() + this.ttlMs);
    const taken = await affectedRows(
      em,
      // acquired_at first: MariaDB assigns left to right, so it must read the old owner.
      'UPDATE job_lease SET acquired_at = CASE WHEN owner = ? THEN acquired_at ELSE ? END, owner = ?, expires_at = ? WHERE name = ? AND (owner = ? OR owner IS NULL OR expires_at < ?)',
      [this.owner, now, this.owner, until, name, this.owner, now],
    );
    let ok = taken === 1;
    if (!ok) {
      // No row yet (first use of this job name in this database): the first insert wins.
      const ignore = isMySql(em) ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
      ok =
        (await affectedRows(em, `${ignore} INTO job_lease (name, owner, acquired_at, expires_at) VALUES (?, ?, ?, ?)`, [
          name,
          this.owner,
          now,
          until,
        ])) === 1;
    }
    if (ok && !this.held.has(name)) {
      this.held.add(name);
      this.log.info('lease taken', { lease: name, owner: this.owner });
    }
    if (!ok) this.held.delete(name);
    this.scheduleRenewals();
    return ok;
  }

  /** Gives `name` up at once (graceful stop), so another replica takes it on its next tick. */
  async release(name: string): Promise<void> {
    if (!this.held.delete(name)) return;
    await affectedRows(this.em(), 'UPDATE job_lease SET owner = NULL, expires_at = ? WHERE name = ? AND owner = ?', [
      new Date(0),
      name,
      this.owner,
    ]);
    this.log.info('lease released', { lease: name, owner: this.owner });
  }

  async releaseAll(): Promise<void> {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
    for (const name of [...this.held]) await this.release(name).catch(() => undefined);
  }

  /** Called when a held lease could not be renewed (another process took it): stop at a safe point. */
  onLost(name: string, stop: () => void): void {
    this.lost.set(name, stop);
  }

  holds(name: string): boolean {
    return this.held.has(name);
  }

  private scheduleRenewals(): void {
    if (this.renewTimer || this.held.size === 0) return;
    this.renewTimer = setInterval(() => void this.renewAll(), Math.max(500, Math.floor(this.ttlMs / 3)));
    this.renewTimer.unref();
  }

  private async renewAll(): Promise<void> {
    for (const name of [...this.held]) {
      try {
        const n = await affectedRows(this.em(), 'UPDATE job_lease SET expires_at = ? WHERE name = ? AND owner = ?', [
          new Date(Date.now() + this.ttlMs),
          name,
          this.owner,
        ]);
        if (n === 1) continue;
        this.held.delete(name);
        this.log.warn('lease lost to another process; stopping its job at the next safe point', { lease: name });
        this.lost.get(name)?.();
      } catch (e) {
        // The database is unreachable: keep the lease locally; it expires there if this lasts.
        this.log.warn('lease renewal failed', { lease: name, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
}

/**
 * Runs `task` only in the process holding the lease `name` (a subgraph-qualified job name). Every
 * replica ticks; the holder runs and renews; on stop the lease is released after the run ends.
 */
export function leasedTask(leases: JobLeases, name: string, task: BackgroundTask): BackgroundTask {
  if (task.stop) leases.onLost(name, task.stop);
  return {
    ...task,
    lease: name,
    run: async () => {
      if (!(await leases.acquire(name))) return;
      await task.run();
    },
    stop: () => task.stop?.(),
    release: () => leases.release(name),
  };
}
