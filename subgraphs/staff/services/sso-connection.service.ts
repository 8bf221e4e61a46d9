import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError, badInput, conflict, notFound, type FieldProblem } from '../../../core/errors';
import { ServiceClient } from '../../../core/service-client';
import { SsoBankDocument } from '../../../codegen/generated/service/staff/tenants';
import {
  PERMISSIONS_BY_KIND,
  bankScopeOf,
  permissionsOf,
  requirePermission,
  requireRole,
  PLATFORM_ROLES,
  type Permission,
  type Principal,
} from '../../../core/identity';
import type { SsoLoaders } from '../sso-loaders';
import { SsoConnection, SsoGroupMapping } from '../entities/sso-connection';
import { StaffRole } from '../entities/staff-member';
import { IdentityProviderUnavailable, SsoSecrets, oidcConfiguration, ssoAllowsHttp } from './oidc-client';

/** What an administrator sends to register or change a connection (all optional when changing). */
export interface SsoConnectionFields {
  issuerUrl?: string | null;
  clientId?: string | null;
  clientSecret?: string | null;
  scopes?: readonly string[] | null;
  groupsClaim?: string | null;
  redirectUris?: readonly string[] | null;
  groupMappings?: readonly { groupName: string; role: StaffRole; permissions?: readonly string[] | null }[] | null;
  enabled?: boolean | null;
}

export const DEFAULT_SCOPES = ['openid', 'profile', 'email'];
export const DEFAULT_GROUPS_CLAIM = 'groups';
const MAX_REDIRECT_URIS = 10;
const MAX_SCOPES = 20;
const MAX_GROUP_MAPPINGS = 100;
const BANK_ROLES: readonly StaffRole[] = [StaffRole.BANK_ADMIN, StaffRole.BANK_OPERATOR];
const BANK_PERMISSIONS: readonly Permission[] = PERMISSIONS_BY_KIND.bank;
// RFC 6749 §3.3 scope-token characters.
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]{1,64}$/;
const CLAIM_NAME = /^[A-Za-z0-9_:./-]{1,64}$/;

/**
 * A bank's SSO connection, as its administrators manage it: one per bank, the client secret sealed
 * and never returned, group mappings replaced as a whole. The issuer is discovered on every save, so
 * a mistyped URL or an unreachable provider is reported at once rather than at the first sign-in.
 */
export class SsoConnectionService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal | undefined,
    private readonly loaders: Pick<SsoLoaders, 'ssoConnection' | 'ssoConnectionByBank'>,
    private readonly secrets = new SsoSecrets(),
    private readonly tenants = new ServiceClient('service', 'staff'),
  ) {}

  /** The bank's connection, or null (bank admins: their own bank; platform admins name one). */
  async ofBank(bankId: string | null | undefined): Promise<SsoConnection | null> {
    const principal = this.requireSsoAdmin();
    return this.loaders.ssoConnectionByBank.load(actingBank(principal, bankId));
  }

  /** Registers the caller's bank's connection (platform admins: the bank they name). */
  async register(input: SsoConnectionFields & { bankId?: string | null }): Promise<SsoConnection> {
    const principal = this.requireSsoAdmin();
    return this.create(actingBank(principal, input.bankId), input);
  }

  /** Changes a connection of the caller's bank (platform admins: any); another bank's is NOT_FOUND. */
  async change(ssoConnectionId: string, fields: SsoConnectionFields): Promise<SsoConnection> {
    const principal = this.requireSsoAdmin();
    const id = Number(ssoConnectionId);
    if (!Number.isSafeInteger(id) || id < 1) throw notFound('SSO connection', ssoConnectionId);
    const scope = bankScopeOf(principal);
    return this.update(id, scope === null ? null : Number(scope), fields);
  }

  /** Managing SSO connections: bank admins (their own bank) and platform admins, with MANAGE_STAFF. */
  private requireSsoAdmin(): Principal {
    requireRole(this.principal, 'BANK_ADMIN', ...PLATFORM_ROLES);
    return requirePermission(this.principal, 'MANAGE_STAFF');
  }

  private async forBank(bankId: number): Promise<SsoConnection | null> {
    return this.loaders.ssoConnectionByBank.load(bankId);
  }

  /** The connection if the caller's bank scope (null: any bank) allows it; another bank's is NOT_FOUND. */
  private async visible(ssoConnectionId: number, bankScope: number | null): Promise<SsoConnection> {
    const connection = await this.loaders.ssoConnection.load(ssoConnectionId);
    if (!connection || (bankScope !== null && connection.bankId !== bankScope))
      throw notFound('SSO connection', ssoConnectionId);
    return connection;
  }

  private async create(bankId: number, fields: SsoConnectionFields): Promise<SsoConnection> {
    const problems: FieldProblem[] = [];
    for (const field of ['issuerUrl', 'clientId', 'clientSecret', 'redirectUris'] as const)
      if (fields[field] == null) problems.push({ field, message: 'is required' });
    const clean = cleanFields(fields, problems);
    if (problems.length) throw badInput('The SSO connection has problems; see `problems`.', problems);
    const existing = await this.forBank(bankId);
    if (existing)
      throw conflict(
        `Bank ${bankId} already has an SSO connection (${existing.id}); change it with updateSsoConnection.`,
      );
    const bankCode = await this.bankCodeOf(bankId);
    await this.checkDiscovery(clean.issuerUrl!, clean.clientId!, clean.clientSecret!);
    const connection = this.em.create(SsoConnection, {
      bankId,
      bankCode,
      issuerUrl: clean.issuerUrl!,
      clientId: clean.clientId!,
      clientSecretSealed: this.secrets.sealClientSecret(bankId, clean.clientSecret!),
      scopes: clean.scopes ?? DEFAULT_SCOPES,
      groupsClaim: clean.groupsClaim ?? DEFAULT_GROUPS_CLAIM,
      redirectUris: clean.redirectUris!,
      enabled: clean.enabled ?? true,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await this.em.persistAndFlush(connection);
    await this.replaceMappings(connection.id, clean.groupMappings ?? []);
    return connection;
  }

  private async update(
    ssoConnectionId: number,
    bankScope: number | null,
    fields: SsoConnectionFields,
  ): Promise<SsoConnection> {
    const connection = await this.visible(ssoConnectionId, bankScope);
    const problems: FieldProblem[] = [];
    const clean = cleanFields(fields, problems);
    if (problems.length) throw badInput('The SSO connection has problems; see `problems`.', problems);
    if (clean.issuerUrl != null) connection.issuerUrl = clean.issuerUrl;
    if (clean.clientId != null) connection.clientId = clean.clientId;
    if (clean.clientSecret != null)
      connection.clientSecretSealed = this.secrets.sealClientSecret(connection.bankId, clean.clientSecret);
    if (clean.scopes != null) connection.scopes = clean.scopes;
    if (clean.groupsClaim != null) connection.groupsClaim = clean.groupsClaim;
    if (clean.redirectUris != null) connection.redirectUris = clean.redirectUris;
    if (clean.enabled != null) connection.enabled = clean.enabled;
    if (clean.issuerUrl != null || clean.clientId != null || clean.clientSecret != null)
      await this.checkDiscovery(connection.issuerUrl, connection.clientId, this.clientSecretOf(connection));
    await this.em.flush();
    if (clean.groupMappings != null) await this.replaceMappings(connection.id, clean.groupMappings);
    return connection;
  }

  /** The bank must exist (a platform admin may name any); its code is what sign-in pages send. */
  private async bankCodeOf(bankId: number): Promise<string> {
    try {
      const { bank } = await this.tenants.request('tenants', SsoBankDocument, { bankId: String(bankId) });
      return bank.code;
    } catch (e) {
      if (e instanceof AppError && e.extensions.code === 'NOT_FOUND') throw notFound('Bank', bankId);
      throw e;
    }
  }

  clientSecretOf(connection: SsoConnection): string {
    return this.secrets.openClientSecret(connection.bankId, connection.clientSecretSealed);
  }

  private async checkDiscovery(issuerUrl: string, clientId: string, clientSecret: string): Promise<void> {
    try {
      await oidcConfiguration(issuerUrl, clientId, clientSecret);
    } catch (e) {
      if (!(e instanceof IdentityProviderUnavailable)) throw e;
      throw badInput(`${e.message} Check the issuer URL.`, [{ field: 'issuerUrl', message: e.message }]);
    }
  }

  private async replaceMappings(ssoConnectionId: number, mappings: CleanMapping[]): Promise<void> {
    await this.em.nativeDelete(SsoGroupMapping, { ssoConnectionId });
    for (const m of mappings) this.em.persist(this.em.create(SsoGroupMapping, { ssoConnectionId, ...m }));
    await this.em.flush();
  }
}

interface CleanMapping {
  groupName: string;
  role: StaffRole;
  permissions: Permission[];
}

interface CleanFields {
  issuerUrl?: string;
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
  groupsClaim?: string;
  redirectUris?: string[];
  groupMappings?: CleanMapping[];
  enabled?: boolean;
}

/** Checks and normalises what was sent; every problem names its field. */
function cleanFields(fields: SsoConnectionFields, problems: FieldProblem[]): CleanFields {
  const clean: CleanFields = {};
  if (fields.issuerUrl != null) {
    const url = parseUrl(fields.issuerUrl, 500);
    if (typeof url === 'string') problems.push({ field: 'issuerUrl', message: url });
    else if (url.protocol !== 'https:' && !ssoAllowsHttp())
      problems.push({ field: 'issuerUrl', message: 'must be an https:// URL' });
    else if (url.search || url.hash) problems.push({ field: 'issuerUrl', message: 'may not have a query or fragment' });
    else clean.issuerUrl = fields.issuerUrl.trim();
  }
  if (fields.clientId != null) {
    const clientId = fields.clientId.trim();
    if (!clientId || clientId.length > 200) problems.push({ field: 'clientId', message: 'must be 1–200 characters' });
    else clean.clientId = clientId;
  }
  if (fields.clientSecret != null) {
    if (!fields.clientSecret || fields.clientSecret.length > 500)
      problems.push({ field: 'clientSecret', message: 'must be 1–500 characters' });
    else clean.clientSecret = fields.clientSecret;
  }
  if (fields.scopes != null) {
    const scopes = [...new Set(['openid', ...fields.scopes.map((s) => s.trim())])];
    const bad = scopes.find((s) => !SCOPE.test(s));
    if (scopes.length > MAX_SCOPES) problems.push({ field: 'scopes', message: `at most ${MAX_SCOPES}` });
    else if (bad !== undefined) problems.push({ field: 'scopes', message: `"${bad}" is not a valid scope` });
    else clean.scopes = scopes;
  }
  if (fields.groupsClaim != null) {
    if (!CLAIM_NAME.test(fields.groupsClaim))
      problems.push({ field: 'groupsClaim', message: 'must be a claim name (letters, digits, _ : . / -; ≤ 64)' });
    else clean.groupsClaim = fields.groupsClaim;
  }
  if (fields.redirectUris != null) {
    if (fields.redirectUris.length < 1 || fields.redirectUris.length > MAX_REDIRECT_URIS)
      problems.push({ field: 'redirectUris', message: `give 1–${MAX_REDIRECT_URIS} URLs` });
    fields.redirectUris.slice(0, MAX_REDIRECT_URIS).forEach((raw, i) => {
      const url = parseUrl(raw, 500);
      const field = `redirectUris[${i}]`;
      if (typeof url === 'string') problems.push({ field, message: url });
      else if (url.hash) problems.push({ field, message: 'may not have a fragment' });
      else if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (isLoopback(url) || ssoAllowsHttp())))
        problems.push({ field, message: 'must be https:// (http:// only on this computer: localhost, 127.0.0.1)' });
    });
    clean.redirectUris = [...new Set(fields.redirectUris)];
  }
  if (fields.groupMappings != null) {
    if (fields.groupMappings.length > MAX_GROUP_MAPPINGS)
      problems.push({ field: 'groupMappings', message: `at most ${MAX_GROUP_MAPPINGS}` });
    const seen = new Set<string>();
    clean.groupMappings = fields.groupMappings.slice(0, MAX_GROUP_MAPPINGS).map((m, i) => {
      const groupName = m.groupName.trim();
      if (!groupName || groupName.length > 200)
        problems.push({ index: i, field: 'groupName', message: 'must be 1–200 characters' });
      else if (seen.has(groupName)) problems.push({ index: i, field: 'groupName', message: 'is mapped twice' });
      seen.add(groupName);
      if (!BANK_ROLES.includes(m.role))
        problems.push({ index: i, field: 'role', message: 'must be BANK_ADMIN or BANK_OPERATOR' });
      const unknown = (m.permissions ?? []).filter((p) => !BANK_PERMISSIONS.includes(p as Permission));
      if (unknown.length)
        problems.push({
          index: i,
          field: 'permissions',
          message: `not bank permissions: ${unknown.join(', ')} (choose from ${BANK_PERMISSIONS.join(', ')})`,
        });
      // Left out: the role's defaults, written down so the administrator sees what the group grants.
      const permissions =
        m.permissions == null
          ? [...permissionsOf({ role: m.role, sub: 'mapping' })]
          : BANK_PERMISSIONS.filter((p) => m.permissions!.includes(p));
      return { groupName, role: m.role, permissions };
    });
  }
  if (fields.enabled != null) clean.enabled = fields.enabled;
  return clean;
}

function parseUrl(raw: string, max: number): URL | string {
  if (raw.length > max) return `is too long: at most ${max} characters`;
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
    if (url.username || url.password) return 'may not contain credentials';
    return url;
  } catch {
    return 'is not an absolute URL';
  }
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** The caller's bank, or the one a platform admin names; another bank is NOT_FOUND. */
function actingBank(principal: Principal, given: string | null | undefined): number {
  const scope = bankScopeOf(principal);
  if (scope === null) {
    const n = Number(given);
    if (!given || !Number.isSafeInteger(n) || n < 1)
      throw badInput('bankId is required for platform admins.', [{ field: 'bankId', message: 'required' }]);
    return n;
  }
  if (given && given !== scope) throw notFound('Bank', given);
  return Number(scope);
}
