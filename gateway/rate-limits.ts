/**
 * Rate limits at the edge (rate-limiter-flexible), in Redis when `PERKMALL_REDIS_URL` is set so
 * every gateway replica shares the counters, in process memory otherwise (the embedded default).
 *
 * - `/oauth/token`: requests per client IP; failed client secrets per `client_id` and per IP, each
 *   followed by a lockout that doubles with every lockout in the same day. The lockout is checked
 *   before the secret is: a locked client costs no scrypt. A correct secret clears the client's
 *   failures and its lockout history.
 * - `/graphql`: operations per principal and per partner app (all of the app's customers together),
 *   counted before the body is parsed; `checkout` and `revealVirtualCard` have stricter limits of
 *   their own, counted per root field of the resolved operation (aliases do not dodge them).
 *
 * A refusal is HTTP 429 with `Retry-After` (whole seconds); GraphQL refusals carry
 * `extensions.code = RATE_LIMITED` and `retryAfterSeconds`.
 */
import type http from 'node:http';
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { sendJson } from '../core/http';
import type { Principal } from '../core/identity';
import type { Logger } from '../core/logger';

/** `points` per `seconds`. */
export interface Rate {
  points: number;
  seconds: number;
}

export interface RateLimitSettings {
  enabled: boolean;
  redisUrl?: string;
  /** Prefix of every counter's key (one per deployment; tests use one per test system). */
  keyPrefix: string;
  /** Take the client IP from the first `X-Forwarded-For` hop (only behind a proxy you run). */
  trustProxy: boolean;
  oauthIp: Rate;
  oauthClientFailures: Rate;
  oauthIpFailures: Rate;
  /** First lockout and its ceiling, in seconds; each further lockout within a day doubles it. */
  lockout: { firstSeconds: number; maxSeconds: number };
  graphql: Rate;
  graphqlApp: Rate;
  checkout: Rate;
  checkoutApp: Rate;
  cardReveal: Rate;
  cardRevealApp: Rate;
}

/** Defaults; each is overridden by the environment variable named next to it (`<points>/<seconds>`). */
export const RATE_LIMIT_DEFAULTS = {
  oauthIp: ['PERKMALL_RATE_LIMIT_OAUTH_IP', '120/60'],
  oauthClientFailures: ['PERKMALL_RATE_LIMIT_OAUTH_CLIENT_FAILURES', '5/900'],
  oauthIpFailures: ['PERKMALL_RATE_LIMIT_OAUTH_IP_FAILURES', '20/900'],
  lockout: ['PERKMALL_RATE_LIMIT_OAUTH_LOCKOUT', '60/3600'],
  graphql: ['PERKMALL_RATE_LIMIT_GRAPHQL', '600/60'],
  graphqlApp: ['PERKMALL_RATE_LIMIT_GRAPHQL_APP', '6000/60'],
  checkout: ['PERKMALL_RATE_LIMIT_CHECKOUT', '10/60'],
  checkoutApp: ['PERKMALL_RATE_LIMIT_CHECKOUT_APP', '600/60'],
  cardReveal: ['PERKMALL_RATE_LIMIT_CARD_REVEAL', '20/60'],
  cardRevealApp: ['PERKMALL_RATE_LIMIT_CARD_REVEAL_APP', '600/60'],
} as const;

function parseRate(name: string, value: string): Rate {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
    throw new Error(`${name} must look like <points>/<seconds> (e.g. 10/60), got "${value}".`);
  return { points: Number(m[1]), seconds: Number(m[2]) };
}

export function rateLimitSettings(env: NodeJS.ProcessEnv = process.env): RateLimitSettings {
  const rate = (key: keyof typeof RATE_LIMIT_DEFAULTS) => {
    const [name, fallback] = RATE_LIMIT_DEFAULTS[key];
    return parseRate(name, env[name] || fallback);
  };
  const lockout = rate('lockout');
  return {
    enabled: env.PERKMALL_RATE_LIMITS !== 'off',
    redisUrl: env.PERKMALL_REDIS_URL || undefined,
    keyPrefix: env.PERKMALL_RATE_LIMIT_PREFIX || 'perkmall:rl',
    trustProxy: env.PERKMALL_TRUST_PROXY === '1',
    oauthIp: rate('oauthIp'),
    oauthClientFailures: rate('oauthClientFailures'),
    oauthIpFailures: rate('oauthIpFailures'),
    lockout: { firstSeconds: lockout.points, maxSeconds: Math.max(lockout.points, lockout.seconds) },
    graphql: rate('graphql'),
    graphqlApp: rate('graphqlApp'),
    checkout: rate('checkout'),
    checkoutApp: rate('checkoutApp'),
    cardReveal: rate('cardReveal'),
    cardRevealApp: rate('cardRevealApp'),
  };
}

/** How long lockouts are remembered for the doubling. */
const LOCKOUT_MEMORY_SECONDS = 24 * 3600;

/** Root fields with limits of their own, and which limiters count them. */
const SENSITIVE_FIELDS = {
  checkout: { principal: 'checkout', app: 'checkoutApp', what: 'checkouts' },
  revealVirtualCard: { principal: 'cardReveal', app: 'cardRevealApp', what: 'card reveals' },
} as const;

type LimiterName =
  Exclude<keyof RateLimitSettings, 'enabled' | 'redisUrl' | 'keyPrefix' | 'trustProxy' | 'lockout'> | 'lockouts';

/** A refusal: how long until the caller may try again. */
export class RateLimited {
  constructor(
    readonly retryAfterSeconds: number,
    readonly message: string,
  ) {}
}

/** A client authentication in progress: what it counted, to settle once the secret is checked. */
export interface ClientAttempt {
  consumed: { name: 'oauthClientFailures' | 'oauthIpFailures'; key: string; consumedPoints: number }[];
}

function lockedOut(res: RateLimiterRes, who: string): RateLimited {
  return new RateLimited(retryAfter(res), `Too many failed client authentications for ${who}; locked out for now.`);
}

function retryAfter(res: RateLimiterRes | null | undefined): number {
  return Math.max(1, Math.ceil((res?.msBeforeNext ?? 1000) / 1000));
}

export class EdgeRateLimits {
  private readonly limiters = new Map<LimiterName, RateLimiterAbstract>();
  private redis?: Redis;

  private constructor(
    readonly settings: RateLimitSettings,
    private readonly log: Logger,
  ) {}

  static async create(log: Logger, settings = rateLimitSettings()): Promise<EdgeRateLimits> {
    const limits = new EdgeRateLimits(settings, log);
    if (settings.enabled) await limits.open();
    return limits;
  }

  get backend(): 'redis' | 'memory' | 'off' {
    return !this.settings.enabled ? 'off' : this.redis ? 'redis' : 'memory';
  }

  private async open(): Promise<void> {
    const s = this.settings;
    if (s.redisUrl) {
      // No offline queue: while Redis is away the in-memory insurance limiter answers at once
      // instead of requests piling up behind a reconnect.
      this.redis = new Redis(s.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      // Logged once per outage, not on every reconnect attempt.
      let down = false;
      this.redis.on('error', (e: Error) => {
        if (down) return;
        down = true;
        this.log.warn('rate-limit store unavailable; counting in memory meanwhile', { error: e.message });
      });
      this.redis.on('ready', () => {
        if (!down) return;
        down = false;
        this.log.warn('rate-limit store available again');
      });
      try {
        await this.redis.connect();
      } catch (e) {
        // ioredis keeps reconnecting; until it is ready the insurance limiters count in memory.
        this.log.warn('rate-limit store not reachable at start; counting in memory until it is', {
          error: e instanceof Error ? e.message : String(e),
        });
      }
    }
    const rates: Record<Exclude<LimiterName, 'lockouts'>, Rate> = {
      oauthIp: s.oauthIp,
      oauthClientFailures: s.oauthClientFailures,
      oauthIpFailures: s.oauthIpFailures,
      graphql: s.graphql,
      graphqlApp: s.graphqlApp,
      checkout: s.checkout,
      checkoutApp: s.checkoutApp,
      cardReveal: s.cardReveal,
      cardRevealApp: s.cardRevealApp,
    };
    const all: [LimiterName, Rate][] = [
      ...(Object.entries(rates) as [LimiterName, Rate][]),
      ['lockouts', { points: 1_000_000, seconds: LOCKOUT_MEMORY_SECONDS }],
    ];
    for (const [name, rate] of all) {
      const opts = { keyPrefix: `${s.keyPrefix}:${name}`, points: rate.points, duration: rate.seconds };
      this.limiters.set(
        name,
        this.redis
          ? new RateLimiterRedis({
              ...opts,
              storeClient: this.redis,
              rejectIfRedisNotReady: true,
              insuranceLimiter: new RateLimiterMemory(opts),
            })
          : new RateLimiterMemory(opts),
      );
    }
  }

  private limiter(name: LimiterName): RateLimiterAbstract {
    return this.limiters.get(name)!;
  }

  /** Consumes from each limiter; the refusal (if any) names the longest wait. */
  private async consumeAll(entries: [LimiterName, string, number, string][]): Promise<RateLimited | null> {
    let refused: RateLimited | null = null;
    for (const [name, key, points, message] of entries) {
      if (points <= 0) continue;
      try {
        await this.limiter(name).consume(key, points);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        const wait = retryAfter(e);
        if (!refused || wait > refused.retryAfterSeconds) refused = new RateLimited(wait, message);
      }
    }
    return refused;
  }

  clientIp(req: http.IncomingMessage): string {
    if (this.settings.trustProxy) {
      // The last hop is the one our own proxy appended; anything before it the client may have written.
      const forwarded = req.headers['x-forwarded-for'];
      const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean);
      const last = hops.at(-1);
      if (last) return last;
    }
    return req.socket.remoteAddress ?? 'unknown';
  }

  // ---- /oauth/token -------------------------------------------------------------------------

  /** Every token request counts against its IP. */
  async admitTokenRequest(ip: string): Promise<RateLimited | null> {
    if (!this.settings.enabled) return null;
    return this.consumeAll([['oauthIp', ip, 1, 'Too many token requests from this address.']]);
  }

  /**
   * Before a client secret is checked (and its scrypt is paid for): each attempt counts as a failure
   * of its client_id and its address until it succeeds, so even concurrent guesses cannot get more
   * than the allowed number of secrets checked. A locked-out key is refused at once.
   */
  async beginClientAuthentication(clientId: string, ip: string): Promise<ClientAttempt | RateLimited> {
    if (!this.settings.enabled) return { consumed: [] };
    const keys = [
      ['oauthClientFailures', clientId, 'this client_id'],
      ['oauthIpFailures', ip, 'this address'],
    ] as const;
    for (const [name, key, who] of keys) {
      const limiter = this.limiter(name);
      const res = await limiter.get(key);
      if (res && res.consumedPoints > limiter.points) return lockedOut(res, who);
    }
    const consumed: ClientAttempt['consumed'] = [];
    for (const [name, key, who] of keys) {
      try {
        consumed.push({ name, key, consumedPoints: (await this.limiter(name).consume(key)).consumedPoints });
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        // Give back what this attempt took from the other key: it is not checked at all.
        for (const c of consumed) await this.limiter(c.name).reward(c.key, 1);
        return lockedOut(e, who);
      }
    }
    return { consumed };
  }

  /**
   * A wrong secret: the attempt stays counted; the attempt that reached a key's limit locks that key
   * out for the first lockout, doubled for every earlier lockout of the key that day.
   */
  async failedClientAuthentication(attempt: ClientAttempt): Promise<void> {
    for (const { name, key, consumedPoints } of attempt.consumed) {
      const limiter = this.limiter(name);
      if (consumedPoints < limiter.points) continue;
      const lockouts = await this.limiter('lockouts').consume(`${name}:${key}`);
      const { firstSeconds, maxSeconds } = this.settings.lockout;
      const seconds = Math.min(maxSeconds, firstSeconds * 2 ** Math.min(30, lockouts.consumedPoints - 1));
      await limiter.block(key, seconds);
      this.log.warn('client authentication locked out', {
        limiter: name,
        key,
        seconds,
        lockout: lockouts.consumedPoints,
      });
    }
  }

  /** The secret could not be checked (tenants unreachable): the attempt is given back. */
  async abandonClientAuthentication(attempt: ClientAttempt): Promise<void> {
    for (const { name, key } of attempt.consumed) await this.limiter(name).reward(key, 1);
  }

  /** A correct secret: the client's failures and lockout history are forgotten; the address gets its attempt back. */
  async succeededClientAuthentication(attempt: ClientAttempt): Promise<void> {
    for (const { name, key } of attempt.consumed) {
      if (name === 'oauthClientFailures') {
        await this.limiter(name).delete(key);
        await this.limiter('lockouts').delete(`${name}:${key}`);
      } else {
        await this.limiter(name).reward(key, 1);
      }
    }
  }

  // ---- /graphql -----------------------------------------------------------------------------

  /** Every operation counts against its principal and its partner app; before the body is parsed. */
  async admitOperation(principal: Principal): Promise<RateLimited | null> {
    if (!this.settings.enabled) return null;
    return this.consumeAll([
      ['graphql', principalKey(principal), 1, 'Too many requests for this caller.'],
      [
        'graphqlApp',
        principal.partnerAppId ?? '',
        principal.partnerAppId ? 1 : 0,
        'Too many requests for this partner app.',
      ],
    ]);
  }

  /** The stricter limits of checkout and card reveals, by the resolved operation's root fields. */
  async admitSensitiveFields(
    principal: Principal,
    document: DocumentNode,
    operation: OperationDefinitionNode,
  ): Promise<RateLimited | null> {
    if (!this.settings.enabled || operation.operation !== 'mutation') return null;
    const counts = rootFieldCounts(document, operation.selectionSet);
    const entries: [LimiterName, string, number, string][] = [];
    for (const [field, limits] of Object.entries(SENSITIVE_FIELDS)) {
      const n = counts.get(field) ?? 0;
      if (!n) continue;
      entries.push([limits.principal, principalKey(principal), n, `Too many ${limits.what} for this caller.`]);
      if (principal.partnerAppId)
        entries.push([limits.app, principal.partnerAppId, n, `Too many ${limits.what} for this partner app.`]);
    }
    return entries.length ? this.consumeAll(entries) : null;
  }

  /** Apollo plugin applying `admitSensitiveFields` once the operation is resolved (after validation). */
  plugin<C extends { principal?: Principal }>(): ApolloServerPlugin<C> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ contextValue, document, operation }) => {
          if (!contextValue.principal || !operation) return;
          const refused = await this.admitSensitiveFields(contextValue.principal, document, operation);
          if (refused) throw rateLimitedError(refused);
        },
      }),
    };
  }

  async close(): Promise<void> {
    if (this.redis) this.redis.disconnect();
  }
}

function principalKey(p: Principal): string {
  return `${p.role}|${p.sub}`;
}

/** How often each root field is selected, through inline fragments and fragment spreads. */
function rootFieldCounts(
  document: DocumentNode,
  selectionSet: SelectionSetNode,
  counts = new Map<string, number>(),
  seen = new Set<string>(),
): Map<string, number> {
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) counts.set(sel.name.value, (counts.get(sel.name.value) ?? 0) + 1);
    else if (sel.kind === Kind.INLINE_FRAGMENT) rootFieldCounts(document, sel.selectionSet, counts, seen);
    else if (!seen.has(sel.name.value)) {
      seen.add(sel.name.value);
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === sel.name.value,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) rootFieldCounts(document, fragment.selectionSet, counts, seen);
    }
  }
  return counts;
}

export function rateLimitedError(refused: RateLimited): GraphQLError {
  return new GraphQLError(`${refused.message} Retry after ${refused.retryAfterSeconds} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds: refused.retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(refused.retryAfterSeconds)]]) },
    },
  });
}

/** 429 for /graphql before execution, shaped like any GraphQL error. */
export function sendGraphQLRateLimited(res: http.ServerResponse, refused: RateLimited): void {
  res.setHeader('retry-after', String(refused.retryAfterSeconds));
  sendJson(res, 429, {
    errors: [
      {
        message: `${refused.message} Retry after ${refused.retryAfterSeconds} s.`,
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: refused.retryAfterSeconds },
      },
    ],
  });
}

/** 429 for /oauth/token, as an OAuth error body. */
export function sendOAuthRateLimited(res: http.ServerResponse, refused: RateLimited): void {
  sendJson(
    res,
    429,
    { error: 'slow_down', error_description: `${refused.message} Retry after ${refused.retryAfterSeconds} s.` },
    { 'retry-after': String(refused.retryAfterSeconds), 'cache-control': 'no-store' },
  );
}
