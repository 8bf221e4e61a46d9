import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { EntityManager } from '@mikro-orm/core';
import { partnerSafelistDefault } from '../../../core/config';
import { badInput, conflict, notFound } from '../../../core/errors';
import { PARTNER_SCOPES, PLATFORM_ROLES, bankScopeOf, type PartnerScope, type Principal } from '../../../core/identity';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { ALL_PARTNER_SCOPES, PartnerApp } from '../entities/partner-app';
import { Customer } from '../entities/customer';
import { Bank } from '../entities/bank';
import { actingBankId, idOf, requireBankAdministration } from './access';
import { approvalGate } from './approvals';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(expected, actual);
}

/** DATETIME columns keep whole seconds: the payload shows what a later read will. */
const wholeSecond = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

/** Partner and customer tokens last 15 minutes (gateway/auth.ts). */
const ACCESS_TOKEN_LIFETIME_MS = 15 * 60_000;

/** Longest overlap a rotation may give the old secret: a week. */
export const MAX_OVERLAP_HOURS = 168;

/** Known scope names, deduplicated in the canonical order; at least one. */
export function scopesOf(scopes: readonly string[]): PartnerScope[] {
  const unknown = scopes.filter((s) => !(PARTNER_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0 || scopes.length === 0)
    throw badInput(`scopes must be one or more of ${PARTNER_SCOPES.join(', ')}.`, [
      { field: 'scopes', message: unknown.length ? `unknown: ${unknown.slice(0, 5).join(', ')}` : 'empty' },
    ]);
  return PARTNER_SCOPES.filter((s) => scopes.includes(s));
}

/** Whether an app that never chose runs only safelisted operations: yes in production. */
export function defaultSafelistOnly(): boolean {
  return partnerSafelistDefault();
}

export function effectiveSafelistOnly(app: PartnerApp): boolean {
  return app.safelistOnly ?? defaultSafelistOnly();
}

/** Partner-app credentials and the customer lookups the gateway needs to issue tokens. */
export class PartnerAppService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Null for an unknown client, a wrong secret or a revoked app: the caller learns nothing more. The
   * secret a rotation replaced still passes until its overlap ends.
   */
  async authenticate(clientId: string, secret: string, now = new Date()): Promise<PartnerApp | null> {
    const app = await this.em.findOne(PartnerApp, { clientId });
    if (!app || !app.active) {
      await hashSecret(secret); // same work either way, so timing does not reveal valid client ids
      return null;
    }
    if (await verifySecret(secret, app.secretHash)) return app;
    const overlap = app.previousSecretHash && app.previousSecretExpiresAt && app.previousSecretExpiresAt > now;
    return overlap && (await verifySecret(secret, app.previousSecretHash!)) ? app : null;
  }

  /**
   * Apps revoked within the last access-token lifetime (plus a minute for clock skew): the gateway
   * refuses their tokens at once; tokens of apps revoked earlier have expired.
   */
  async recentlyRevoked(now = new Date()): Promise<number[]> {
    const since = new Date(now.getTime() - (ACCESS_TOKEN_LIFETIME_MS + 60_000));
    const rows = await this.em.find(PartnerApp, { active: false, revokedAt: { $gte: since } }, { fields: ['id'] });
    return rows.map((r) => r.id);
  }

  /** Whether a partner app may still obtain tokens (the token exchange asks before each customer token). */
  async isActive(appId: number, bankId: number): Promise<boolean> {
    return (await this.em.count(PartnerApp, { id: appId, bankId, active: true })) === 1;
  }

  /**
   * Registers a partner app for a bank and returns its secret once; only the hash is kept, so a
   * lost secret means a new app.
   */
  async create(
    bankId: number,
    name: string,
    safelistOnly: boolean | null = null,
    scopes: readonly string[] | null = null,
    clientId = `pa_${randomBytes(9).toString('base64url')}`,
  ): Promise<{ app: PartnerApp; clientSecret: string }> {
    const scopeList = scopesOf(scopes ?? ALL_PARTNER_SCOPES).join(',');
    if ((await this.em.count(Bank, { id: bankId })) === 0) throw notFound('Bank', bankId);
    const clientSecret = randomBytes(24).toString('base64url');
    const app = this.em.create(PartnerApp, {
      bankId,
      name,
      clientId,
      secretHash: await hashSecret(clientSecret),
      active: true,
      safelistOnly,
      scopeList,
      createdAt: new Date(),
    });
    await this.em.flush();
    return { app, clientSecret };
  }

  /**
   * Restricts an app to the safelist, frees it, or (null) returns it to the deployment default.
   * `bankId` null is the platform; another bank's app is NOT_FOUND. Tokens already issued keep
   * their claim until they expire (15 minutes).
   */
  async setSafelistOnly(appId: number, bankId: number | null, safelistOnly: boolean | null): Promise<PartnerApp> {
    const app = await this.own(appId, bankId);
    app.safelistOnly = safelistOnly;
    await this.em.flush();
    return app;
  }

  /** A bank's apps (`bankId` null: every bank's, for the platform), oldest first. */
  async page(bankId: number | null, first?: number | null, after?: string | null): Promise<Connection<PartnerApp>> {
    const limit = pageSize(first);
    const where: Record<string, unknown> = bankId === null ? {} : { bankId };
    if (after) where.id = { $gt: Number(decodeCursor(after, 1)[0]) };
    const rows = await this.em.find(PartnerApp, where, { orderBy: { id: 'ASC' }, limit: limit + 1 });
    return toConnection(rows, limit, (a) => [a.id], Boolean(after));
  }

  /**
   * A new secret, shown once. The old one keeps working for `overlapHours` (0: refused at once) so
   * the bank can roll it out without downtime; a rotation during an overlap ends the earlier overlap.
   */
  async rotateSecret(
    appId: number,
    bankId: number | null,
    overlapHours: number,
    now = wholeSecond(new Date()),
  ): Promise<{ app: PartnerApp; clientSecret: string }> {
    if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > MAX_OVERLAP_HOURS)
      throw badInput(`overlapHours must be a whole number of hours from 0 to ${MAX_OVERLAP_HOURS} (7 days).`, [
        { field: 'overlapHours', message: `0–${MAX_OVERLAP_HOURS}` },
      ]);
    const app = await this.own(appId, bankId);
    if (!app.active) throw conflict(`Partner app ${appId} is revoked; create a new one instead.`);
    const clientSecret = randomBytes(24).toString('base64url');
    app.previousSecretHash = overlapHours > 0 ? app.secretHash : null;
    app.previousSecretExpiresAt = overlapHours > 0 ? new Date(now.getTime() + overlapHours * 3_600_000) : null;
    app.secretHash = await hashSecret(clientSecret);
    app.secretRotatedAt = now;
    await this.em.flush();
    return { app, clientSecret };
  }

  /**
   * Revoked for good: the token endpoint refuses it (and every customer exchange through it) at once;
   * tokens it already holds expire within their 15 minutes. Revoking twice changes nothing.
   */
  async revoke(appId: number, bankId: number | null, now = wholeSecond(new Date())): Promise<PartnerApp> {
    const app = await this.own(appId, bankId);
    if (app.active) {
      app.active = false;
      app.revokedAt = now;
      app.previousSecretHash = null;
      app.previousSecretExpiresAt = null;
      await this.em.flush();
    }
    return app;
  }

  /** Replaces the scopes; tokens issued from now on carry them (earlier ones keep theirs until they expire). */
  async setScopes(appId: number, bankId: number | null, scopes: readonly string[]): Promise<PartnerApp> {
    const scopeList = scopesOf(scopes).join(',');
    const app = await this.own(appId, bankId);
    app.scopeList = scopeList;
    await this.em.flush();
    return app;
  }

  /** `bankId` null is the platform; another bank's app is NOT_FOUND, like a missing one. */
  private async own(appId: number, bankId: number | null): Promise<PartnerApp> {
    const app = await this.em.findOne(PartnerApp, { id: appId });
    if (!app || (bankId !== null && app.bankId !== bankId)) throw notFound('Partner app', appId);
    return app;
  }

  /** Only ever within the given bank: a partner app cannot reach another bank's customers. */
  customerByRef(bankId: number, externalRef: string): Promise<Customer | null> {
    return this.em.findOne(Customer, { bankId, externalRef });
  }
}

/**
 * The bank-facing operations on partner apps, for the signed identity: bank admins with
 * MANAGE_PARTNER_APPS on their own bank's apps (another bank's is NOT_FOUND), the platform
 * (MANAGE_TENANTS) on any. Every check is here, so the resolvers only parse and shape.
 */
export class PartnerAppAdministration {
  private readonly apps: PartnerAppService;

  constructor(
    em: EntityManager,
    private readonly principal: Principal,
  ) {
    this.apps = new PartnerAppService(em);
  }

  /** The bank the caller's partner-app operations are confined to: its own, or null for the platform. */
  private scope(): number | null {
    requireBankAdministration(this.principal, 'MANAGE_PARTNER_APPS');
    const scope = bankScopeOf(this.principal);
    return scope === null ? null : Number(scope);
  }

  /** A bank admin's own bank's apps; the platform's every bank's, or one bank's when named. */
  list(bankId: string | null, first?: number | null, after?: string | null): Promise<Connection<PartnerApp>> {
    const own = this.scope();
    // A bank admin naming another bank: NOT_FOUND, as for every foreign object.
    if (own !== null && bankId && bankId !== String(own)) throw notFound('Bank', bankId);
    return this.apps.page(own ?? (bankId ? idOf('Bank', bankId) : null), first, after);
  }

  /** Registers an app (held for approval where the bank's policy says so); the secret is returned once. */
  async create(input: {
    bankId?: string | null;
    name: string;
    safelistOnly?: boolean | null;
    scopes?: readonly string[] | null;
  }): Promise<{ app: PartnerApp; clientSecret: string }> {
    requireBankAdministration(this.principal, 'MANAGE_PARTNER_APPS');
    // A bank admin's own bank unless another is named (NOT_FOUND, like every foreign object).
    const bankId = actingBankId(this.principal, input.bankId, ['BANK_ADMIN', ...PLATFORM_ROLES]);
    const name = input.name.trim();
    if (name.length < 2 || name.length > 200)
      throw badInput('name must be 2 to 200 characters.', [{ field: 'name', message: 'length 2–200' }]);
    await approvalGate(this.principal).partnerAppCreation(bankId);
    return this.apps.create(bankId, name, input.safelistOnly ?? null, input.scopes ?? null);
  }

  rotateSecret(appId: number, overlapHours: number): Promise<{ app: PartnerApp; clientSecret: string }> {
    return this.apps.rotateSecret(appId, this.scope(), overlapHours);
  }

  revoke(appId: number): Promise<PartnerApp> {
    return this.apps.revoke(appId, this.scope());
  }

  setScopes(appId: number, scopes: readonly string[]): Promise<PartnerApp> {
    return this.apps.setScopes(appId, this.scope(), scopes);
  }

  setSafelistOnly(appId: number, safelistOnly: boolean | null): Promise<PartnerApp> {
    return this.apps.setSafelistOnly(appId, this.scope(), safelistOnly);
  }
}
