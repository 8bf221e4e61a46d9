import { createHash } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { intFromEnv } from '../../../core/config';
import { affectedCount } from '../../../core/sql';
import { SignInThrottle } from '../entities/sign-in-throttle';

/** Lockout settings: failures allowed, then a lock that doubles with each further failure, up to a ceiling. */
export function lockoutSettings() {
  return {
    freeFailures: intFromEnv('PERKMALL_STAFF_LOCKOUT_AFTER', 5, 1),
    firstSeconds: intFromEnv('PERKMALL_STAFF_LOCKOUT_SECONDS', 30, 1),
    maxSeconds: intFromEnv('PERKMALL_STAFF_LOCKOUT_MAX_SECONDS', 15 * 60, 1),
  };
}

export const loginKeyOf = (loginName: string) => createHash('sha256').update(loginName).digest('hex');

/**
 * Failed sign-ins per login name. Names nobody has are counted the same way as real ones, so the
 * lockout cannot be used to find out which names exist. While locked, attempts are refused before
 * any password is checked. After `freeFailures`, every failure locks the name for `firstSeconds`,
 * doubled for each failure since (a guesser who waits out a lock meets a longer one).
 */
export class SignInThrottles {
  private readonly settings = lockoutSettings();

  constructor(private readonly em: SqlEntityManager) {}

  /** Seconds the name stays locked, or 0. */
  async lockedFor(loginName: string, now = new Date()): Promise<number> {
    const row = await this.em.findOne(SignInThrottle, { loginKey: loginKeyOf(loginName) }, { refresh: true });
    const until = row?.lockedUntil?.getTime() ?? 0;
    return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
  }

  /** Counts a failure; returns the seconds the name is now locked for (0 while failures are still free). */
  async failed(loginName: string, now = new Date()): Promise<number> {
    const loginKey = loginKeyOf(loginName);
    // Lock the row (an UPDATE locks in MariaDB and SQLite alike) so concurrent failures all count.
    const touched = await this.em
      .createQueryBuilder(SignInThrottle)
      .update({ lastFailedAt: now })
      .where({ loginKey })
      .execute('run');
    if (affectedCount(touched) === 0) {
      await this.em.insert(SignInThrottle, { loginKey, failures: 0, lastFailedAt: now });
    }
    const row = await this.em.findOneOrFail(SignInThrottle, { loginKey }, { refresh: true });
    const failures = row.failures + 1;
    const { freeFailures, firstSeconds, maxSeconds } = this.settings;
    const lockSeconds =
      failures < freeFailures ? 0 : Math.min(maxSeconds, firstSeconds * 2 ** Math.min(failures - freeFailures, 20));
    await this.em
      .createQueryBuilder(SignInThrottle)
      .update({ failures, lockedUntil: lockSeconds > 0 ? wholeSecondAfter(now.getTime() + lockSeconds * 1000) : null })
      .where({ loginKey })
      .execute('run');
    return lockSeconds;
  }

  /** A successful sign-in forgets the name's failures. */
  async succeeded(loginName: string): Promise<void> {
    await this.em.nativeDelete(SignInThrottle, { loginKey: loginKeyOf(loginName) });
  }
}

/** DATETIME columns keep whole seconds: round up, so a lock never ends before the time it announced. */
const wholeSecondAfter = (ms: number) => new Date(Math.ceil(ms / 1000) * 1000);
