import fs from 'node:fs';
import path from 'node:path';
import {
  generateKeyPairSync,
  createPrivateKey,
  createPublicKey,
  sign as edSign,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';
import { keysDir, isProduction } from './config';
import { AppError, forbidden, unauthenticated } from './errors';

export const ROLES = [
  'PLATFORM_ADMIN',
  'PLATFORM_STAFF',
  'SUPPLIER_ADMIN',
  'SUPPLIER_STAFF',
  'BANK_ADMIN',
  'BANK_OPERATOR',
  'PARTNER_APP',
  'CUSTOMER',
  'SERVICE',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a signed token. Ids are strings, as on the wire. */
export interface Principal {
  role: Role;
  /** Stable subject: a user id, a partner app id, a customer id or a service name. */
  sub: string;
  bankId?: string;
  supplierId?: string;
  customerId?: string;
  partnerAppId?: string;
  /**
   * A partner app (or a customer acting through it) that may run only the published operations;
   * carried in the signed token so the gateway need not look the app up.
   */
  safelistOnly?: boolean;
  /**
   * Fine permissions of a staff member (see PERMISSIONS). Tokens issued by the staff subgraph always
   * carry them; a token without them (dev tokens, services) has its role's defaults.
   */
  permissions?: Permission[];
  /** The staff session a token was issued for; the gateway refuses tokens of ended sessions. */
  sessionId?: string;
  /**
   * What a partner app (and a customer acting through it) may do, from the app's settings when the
   * token was issued. Absent on tokens issued before scopes existed: those may do everything.
   */
  scopes?: PartnerScope[];
}

/** A partner app's scopes: which partner operations it (and its customers' tokens) may run. */
export const PARTNER_SCOPES = ['BROWSE', 'CHECKOUT', 'EARN_EVENTS', 'CUSTOMER_UPSERT'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

/**
 * Fine permissions, in the style of Saleor's permission groups: a role says which kind of tenant a
 * person acts for, permissions say what they may do there. Each belongs to one kind of staff.
 */
export const PERMISSIONS_BY_KIND = {
  bank: [
    'CURATE_LISTINGS',
    'RUN_CAMPAIGNS',
    'ADJUST_POINTS',
    'SEE_REPORTS',
    'MANAGE_PARTNER_APPS',
    'SEE_CUSTOMER_DATA',
    'SERVE_CUSTOMERS',
    'MANAGE_BANK_SETTINGS',
    'PAY_SUPPLIERS',
    'MANAGE_STAFF',
  ],
  supplier: ['MANAGE_CATALOG', 'MANAGE_STOCK', 'SHIP_ORDERS', 'HANDLE_AFTERSALES', 'SEE_SETTLEMENT', 'MANAGE_STAFF'],
  platform: [
    'MANAGE_TENANTS',
    'MANAGE_SUPPLIERS',
    'MANAGE_CARRIERS',
    'SEE_REPORTS',
    'SEE_AUDIT',
    'SEE_CUSTOMER_DATA',
    'MANAGE_SETTLEMENT',
    'MANAGE_STAFF',
  ],
} as const;
export type StaffKind = keyof typeof PERMISSIONS_BY_KIND;
export type Permission = (typeof PERMISSIONS_BY_KIND)[StaffKind][number];
export const PERMISSIONS: readonly Permission[] = [...new Set(Object.values(PERMISSIONS_BY_KIND).flat())];

/** What a token without a `permissions` claim may do: admins everything of their kind. */
const DEFAULT_PERMISSIONS: Partial<Record<Role, readonly Permission[]>> = {
  PLATFORM_ADMIN: PERMISSIONS_BY_KIND.platform,
  PLATFORM_STAFF: PERMISSIONS_BY_KIND.platform.filter((p) => p !== 'MANAGE_STAFF'),
  BANK_ADMIN: PERMISSIONS_BY_KIND.bank,
  BANK_OPERATOR: PERMISSIONS_BY_KIND.bank.filter((p) => p !== 'MANAGE_STAFF' && p !== 'MANAGE_BANK_SETTINGS'),
  SUPPLIER_ADMIN: PERMISSIONS_BY_KIND.supplier,
  SUPPLIER_STAFF: PERMISSIONS_BY_KIND.supplier.filter((p) => p !== 'MANAGE_STAFF'),
};

/** The kind of staff a role is, or null for partner apps, customers and services. */
export function staffKindOf(role: Role): StaffKind | null {
  if (role === 'PLATFORM_ADMIN' || role === 'PLATFORM_STAFF') return 'platform';
  if (role === 'BANK_ADMIN' || role === 'BANK_OPERATOR') return 'bank';
  if (role === 'SUPPLIER_ADMIN' || role === 'SUPPLIER_STAFF') return 'supplier';
  return null;
}

/** The permissions a principal holds: its token's, or its role's defaults. SERVICE holds every one. */
export function permissionsOf(principal: Principal): readonly Permission[] {
  if (principal.role === 'SERVICE') return PERMISSIONS;
  return principal.permissions ?? DEFAULT_PERMISSIONS[principal.role] ?? [];
}

/**
 * Whether a staff member may do `permission`. Partner apps and customers are not staff: their
 * rights are their role's (and a partner app's scopes), so this is false for them.
 */
export function hasPermission(principal: Principal, permission: Permission): boolean {
  return permissionsOf(principal).includes(permission);
}

/** FORBIDDEN naming the permission (also in `extensions.permission`), for staff who lack it. */
export function requirePermission(principal: Principal | undefined, permission: Permission): Principal {
  if (!principal) throw unauthenticated();
  if (!hasPermission(principal, permission))
    throw new AppError(
      'FORBIDDEN',
      `This operation needs the ${permission} permission; ask your administrator to grant it.`,
      { permission },
    );
  return principal;
}

export type BankPermission = (typeof PERMISSIONS_BY_KIND.bank)[number];
export type SupplierPermission = (typeof PERMISSIONS_BY_KIND.supplier)[number];
export type PlatformPermission = (typeof PERMISSIONS_BY_KIND.platform)[number];

/**
 * The permission an operation needs from each kind of staff allowed to call it (the platform acting
 * for a bank needs a platform permission, not the bank's). Partner apps, customers and services are
 * not staff: their role alone decides.
 */
export interface StaffPermissions {
  bank?: BankPermission;
  supplier?: SupplierPermission;
  platform?: PlatformPermission;
}

/**
 * FORBIDDEN when a staff caller lacks the permission its kind needs here. Call it after the role
 * check (or use `requireRoleAndPermission`): a staff kind the operation names no permission for is
 * refused, so a role list that grows without a permission fails closed.
 */
export function requireStaffPermission(principal: Principal | undefined, needs: StaffPermissions): Principal {
  if (!principal) throw unauthenticated();
  const kind = staffKindOf(principal.role);
  if (!kind) return principal;
  const permission = needs[kind];
  if (!permission) throw forbidden(`This operation is not for ${principal.role}.`);
  return requirePermission(principal, permission);
}

/**
 * The usual door of a staff operation: one of `roles` (FORBIDDEN naming who may, or `why` when
 * given), then the permission of the caller's kind (FORBIDDEN naming it).
 */
export function requireRoleAndPermission(
  principal: Principal | undefined,
  roles: readonly Role[],
  needs: StaffPermissions,
  why?: string,
): Principal {
  if (why) requireOneOf(principal, roles, why);
  else requireRole(principal, ...roles);
  return requireStaffPermission(principal, needs);
}

/**
 * A partner app, or a customer token obtained through one, must hold `scope` for this operation.
 * Staff, the platform and services are not limited by scopes (their roles decide).
 */
export function requirePartnerScope(principal: Principal | undefined, scope: PartnerScope): void {
  if (!principal) throw unauthenticated();
  if (!principal.partnerAppId || !principal.scopes) return;
  if (!principal.scopes.includes(scope))
    throw forbidden(
      `This partner app lacks the ${scope} scope; a bank admin can grant it with setPartnerAppScopes, then obtain a new token.`,
    );
}

/** Issuers and audiences of the three kinds of token in the system. */
export const ISSUER = {
  /** Access tokens held by clients: people, partner apps, customers acting through partner apps. */
  auth: 'perkmall-auth',
  /** Identity tokens the gateway forwards to subgraphs. */
  gateway: 'perkmall-gateway',
  /** Service credentials one subgraph presents to another (saga calls). */
  service: 'perkmall-service',
} as const;
export const CLIENT_AUDIENCE = 'perkmall-api';
export const IDENTITY_HEADER = 'x-perkmall-identity';
const ALG = 'EdDSA';

export type KeyName = keyof typeof ISSUER;

export interface KeyPair {
  privateKey?: KeyObject;
  publicKey: KeyObject;
}

/**
 * Keys come from configuration: `PERKMALL_<NAME>_PRIVATE_KEY` / `_PUBLIC_KEY` (PEM) or files
 * `<keysDir>/<name>.private.pem` / `.public.pem`. Outside production a missing pair is generated
 * on first use (dev keys live under data/, never committed).
 */
export function loadKeyPair(name: KeyName, opts: { needPrivate?: boolean } = {}): KeyPair {
  const envPrivate = process.env[`PERKMALL_${name.toUpperCase()}_PRIVATE_KEY`];
  const envPublic = process.env[`PERKMALL_${name.toUpperCase()}_PUBLIC_KEY`];
  if (envPublic || envPrivate) {
    const privateKey = envPrivate ? createPrivateKey(envPrivate) : undefined;
    const publicKey = envPublic ? createPublicKey(envPublic) : createPublicKey(privateKey!);
    if (opts.needPrivate && !privateKey) throw new Error(`PERKMALL_${name.toUpperCase()}_PRIVATE_KEY is required here`);
    return { privateKey, publicKey };
  }
  const dir = keysDir();
  const privatePath = path.join(dir, `${name}.private.pem`);
  const publicPath = path.join(dir, `${name}.public.pem`);
  if (!fs.existsSync(publicPath)) {
    if (isProduction()) throw new Error(`No ${name} key configured (set PERKMALL_${name.toUpperCase()}_PUBLIC_KEY)`);
    generateKeyFiles(dir, name);
  }
  const publicKey = createPublicKey(fs.readFileSync(publicPath));
  const privateKey = fs.existsSync(privatePath) ? createPrivateKey(fs.readFileSync(privatePath)) : undefined;
  if (opts.needPrivate && !privateKey) throw new Error(`Missing ${privatePath}`);
  return { privateKey, publicKey };
}

/** Writes a fresh Ed25519 pair; exclusive create so concurrent starters don't clobber each other. */
export function generateKeyFiles(dir: string, name: KeyName): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  try {
    fs.writeFileSync(path.join(dir, `${name}.private.pem`), privatePem, { flag: 'wx', mode: 0o600 });
    fs.writeFileSync(path.join(dir, `${name}.public.pem`), publicPem, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/** The protected header of every token we sign: `{"alg":"EdDSA"}`, as jose writes it. */
const SIGNED_HEADER = Buffer.from(JSON.stringify({ alg: ALG })).toString('base64url');

/**
 * A compact JWS (RFC 7515) signed with Ed25519 (RFC 8037, `alg: EdDSA`), the same token jose
 * produces, signed through node:crypto directly (about 3× cheaper than jose's WebCrypto path; the
 * gateway signs one per subgraph fetch).
 */
export async function signToken(
  principal: Principal,
  opts: { key: KeyObject; issuer: string; audience: string; ttlSeconds: number },
): Promise<string> {
  const { role, sub, ...scope } = principal;
  const now = Math.floor(Date.now() / 1000);
  const claims = { role, ...scope, sub, iss: opts.issuer, aud: opts.audience, iat: now, exp: now + opts.ttlSeconds };
  const signingInput = `${SIGNED_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signingInput}.${edSign(null, Buffer.from(signingInput), opts.key).toString('base64url')}`;
}

/**
 * Signed tokens reused for the same identity and audience while at least half their life remains:
 * signing is the costliest step of a call between processes, and the receiver checks a token it has
 * seen before from its cache (below). Used by the gateway per subgraph fetch and by service clients.
 */
export class ReusedTokens {
  private readonly tokens = new Map<string, { token: string; reuseUntil: number }>();

  constructor(
    private readonly key: KeyObject,
    private readonly issuer: string,
    private readonly ttlSeconds: number,
    private readonly maxEntries = 10_000,
  ) {}

  async for(principal: Principal, audience: string): Promise<string> {
    const cacheKey = `${audience}\n${JSON.stringify(principal)}`;
    const now = Date.now();
    const reusable = this.tokens.get(cacheKey);
    if (reusable && reusable.reuseUntil > now) return reusable.token;
    const token = await signToken(principal, {
      key: this.key,
      issuer: this.issuer,
      audience,
      ttlSeconds: this.ttlSeconds,
    });
    if (this.tokens.size >= this.maxEntries) this.tokens.clear();
    this.tokens.set(cacheKey, { token, reuseUntil: now + this.ttlSeconds * 500 });
    return token;
  }
}

export interface TrustedIssuer {
  issuer: string;
  key: KeyObject;
  /** Roles this issuer may assert; a service key can never assert a customer. */
  roles: readonly Role[];
}

/**
 * Tokens verified recently, by token string: the gateway reuses a subgraph's identity token for a
 * while and clients send theirs on every request, so most checks are the same string again. An
 * entry is used only for the audience and issuer key it was verified with, and never past the
 * token's `exp` (nor `nbf` before it was valid, which we never cache).
 */
const verified = new Map<string, { audience: string; key: KeyObject; exp: number; principal: Principal }>();
const VERIFIED_CACHE_ENTRIES = 10_000;

const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Verifies signature, issuer, audience and expiry, then the shape of the principal. Every failure
 * is UNAUTHENTICATED with a message that says what to fix, never why a signature check failed in
 * detail. Only compact Ed25519 JWS is accepted (`alg: EdDSA`, no `crit` extensions).
 */
export async function verifyToken(
  token: string,
  audience: string,
  trusted: readonly TrustedIssuer[],
): Promise<Principal> {
  const now = Math.floor(Date.now() / 1000);
  const hit = verified.get(token);
  if (hit && hit.audience === audience && hit.exp > now) {
    const issuer = trusted.find((t) => t.key === hit.key);
    if (issuer && issuer.roles.includes(hit.principal.role)) return { ...hit.principal };
  }
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) throw unauthenticated('Malformed token.');
  const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(encodedPayload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw unauthenticated('Malformed token.');
  }
  if (!isObject(header) || !isObject(claims)) throw unauthenticated('Malformed token.');
  const issuer = trusted.find((t) => t.issuer === claims.iss);
  if (!issuer) throw unauthenticated('Token issuer is not trusted here.');
  if (header.alg !== ALG || header.crit !== undefined || header.b64 !== undefined)
    throw unauthenticated('Token signature is not valid.');
  const signature = Buffer.from(encodedSignature, 'base64url');
  let valid: boolean;
  try {
    valid = edVerify(null, Buffer.from(`${encodedHeader}.${encodedPayload}`), issuer.key, signature);
  } catch {
    valid = false;
  }
  if (!valid) throw unauthenticated('Token signature is not valid.');
  const aud = claims.aud;
  if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience))))
    throw unauthenticated('Token not valid here (aud).');
  for (const claim of ['exp', 'nbf', 'iat'] as const)
    if (claims[claim] !== undefined && typeof claims[claim] !== 'number') throw unauthenticated('Malformed token.');
  const exp = claims.exp as number | undefined;
  // Every token we issue expires; one without `exp` is not ours.
  if (exp === undefined) throw unauthenticated('Token not valid here (exp).');
  if (exp <= now) throw unauthenticated('Token expired: obtain a new one.');
  const nbf = claims.nbf as number | undefined;
  if (nbf !== undefined && nbf > now) throw unauthenticated('Token not valid here (nbf).');
  const principal = principalFromClaims(claims);
  if (!issuer.roles.includes(principal.role)) throw unauthenticated(`Issuer may not assert role ${principal.role}.`);
  if (nbf === undefined) {
    if (verified.size >= VERIFIED_CACHE_ENTRIES) {
      // Drop expired entries; if all are live, the oldest go (a Map iterates in insertion order).
      for (const [t, e] of verified) if (e.exp <= now) verified.delete(t);
      for (const t of verified.keys()) {
        if (verified.size < VERIFIED_CACHE_ENTRIES) break;
        verified.delete(t);
      }
    }
    verified.set(token, { audience, key: issuer.key, exp, principal: { ...principal } });
  }
  return principal;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalId(claims: Record<string, unknown>, name: string): string | undefined {
  const v = claims[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw unauthenticated(`Token claim ${name} is malformed.`);
  return String(v);
}

/** A staff token's permissions: known names of the role's kind only, or absent. */
function permissionsClaim(claims: Record<string, unknown>, role: Role): Permission[] | undefined {
  const v = claims.permissions;
  if (v === undefined || v === null) return undefined;
  const kind = staffKindOf(role);
  const allowed: readonly string[] = kind ? PERMISSIONS_BY_KIND[kind] : [];
  if (!Array.isArray(v) || !v.every((p) => typeof p === 'string' && allowed.includes(p)))
    throw unauthenticated('Token claim permissions is malformed.');
  return v as Permission[];
}

/** A partner token's scopes: known names only, or absent. */
function scopesClaim(claims: Record<string, unknown>): PartnerScope[] | undefined {
  const v = claims.scopes;
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && (PARTNER_SCOPES as readonly string[]).includes(s)))
    throw unauthenticated('Token claim scopes is malformed.');
  return v as PartnerScope[];
}

/** Each role must carry exactly the scope it acts within. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const role = claims.role as Role;
  if (!ROLES.includes(role)) throw unauthenticated('Token carries no known role.');
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  if (!sub) throw unauthenticated('Token has no subject.');
  const principal: Principal = {
    role,
    sub,
    bankId: optionalId(claims, 'bankId'),
    supplierId: optionalId(claims, 'supplierId'),
    customerId: optionalId(claims, 'customerId'),
    partnerAppId: optionalId(claims, 'partnerAppId'),
    safelistOnly: claims.safelistOnly === true ? true : undefined,
    permissions: permissionsClaim(claims, role),
    sessionId: optionalId(claims, 'sessionId'),
    scopes: scopesClaim(claims),
  };
  const need = (field: keyof Principal) => {
    if (!principal[field]) throw unauthenticated(`A ${role} token must carry ${field}.`);
  };
  switch (role) {
    case 'SUPPLIER_ADMIN':
    case 'SUPPLIER_STAFF':
      need('supplierId');
      break;
    case 'BANK_ADMIN':
    case 'BANK_OPERATOR':
      need('bankId');
      break;
    case 'PARTNER_APP':
      need('bankId');
      need('partnerAppId');
      break;
    case 'CUSTOMER':
      need('bankId');
      need('customerId');
      break;
    default:
      break;
  }
  for (const key of Object.keys(principal) as (keyof Principal)[])
    if (principal[key] === undefined) delete principal[key];
  return principal;
}

// ---- authorisation helpers used by every subgraph's services ----
// Permission checks are declared one way: a named group of roles (below) and `requireRole` /
// `requireOneOf` to demand one, `hasRole` or a named predicate to branch on one. Tenancy (which
// objects a caller may see) is core/tenancy.ts.

/**
 * The platform's staff: its admins hold every platform permission, PLATFORM_STAFF only their
 * permission groups' (operations, finance, support, audit). Operations for the platform name these
 * with the platform permission they need, so a platform member is limited like a bank operator.
 */
export const PLATFORM_ROLES = ['PLATFORM_ADMIN', 'PLATFORM_STAFF'] as const satisfies readonly Role[];
/** The platform and internal services act across every bank and supplier. */
export const UNSCOPED_ROLES = [...PLATFORM_ROLES, 'SERVICE'] as const satisfies readonly Role[];
/** A bank's staff. */
export const BANK_ROLES = ['BANK_ADMIN', 'BANK_OPERATOR'] as const satisfies readonly Role[];
/** Everyone acting for a bank: its staff and its partner apps (customers act for themselves). */
export const BANK_SCOPED_ROLES = [...BANK_ROLES, 'PARTNER_APP'] as const satisfies readonly Role[];
/** A supplier's staff. */
export const SUPPLIER_ROLES = ['SUPPLIER_ADMIN', 'SUPPLIER_STAFF'] as const satisfies readonly Role[];

/** A supplier's staff, or the platform acting for any supplier. */
export const SUPPLIER_ROLES_OR_PLATFORM = [...SUPPLIER_ROLES, ...PLATFORM_ROLES] as const satisfies readonly Role[];
/** A bank's staff, or the platform acting for any bank. */
export const BANK_ROLES_OR_PLATFORM = [...BANK_ROLES, ...PLATFORM_ROLES] as const satisfies readonly Role[];

export function hasRole(principal: Principal, ...roles: readonly Role[]): boolean {
  return roles.includes(principal.role);
}

export function requireRole(principal: Principal | undefined, ...roles: readonly Role[]): Principal {
  return requireOneOf(principal, roles, `This operation needs one of: ${roles.join(', ')}`);
}

/** `requireRole` with the rule in the domain's words: FORBIDDEN says `why`, then who the caller is. */
export function requireOneOf(principal: Principal | undefined, roles: readonly Role[], why: string): Principal {
  if (!principal) throw unauthenticated();
  if (!hasRole(principal, ...roles)) throw forbidden(`${why}; you are ${principal.role}.`);
  return principal;
}

export function isUnscoped(principal: Principal): boolean {
  return hasRole(principal, ...UNSCOPED_ROLES);
}

export function isSupplier(principal: Principal): boolean {
  return hasRole(principal, ...SUPPLIER_ROLES);
}

export function isBankStaff(principal: Principal): boolean {
  return hasRole(principal, ...BANK_ROLES);
}

export function isCustomer(principal: Principal): boolean {
  return hasRole(principal, 'CUSTOMER');
}

/** The bank a caller is confined to, or null for the platform and internal services. */
export function bankScopeOf(principal: Principal): string | null {
  if (isUnscoped(principal)) return null;
  if (principal.bankId) return principal.bankId;
  throw forbidden('This operation is for bank staff, partner apps and customers of a bank.');
}

/** The supplier a caller is confined to, or null for the platform and internal services. */
export function supplierScopeOf(principal: Principal): string | null {
  if (isUnscoped(principal)) return null;
  if (principal.supplierId) return principal.supplierId;
  throw forbidden('This operation is for supplier staff.');
}
