import { outboundUrlProblem } from '../../../core/outbound-http';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { portOf } from '../../../core/config';
import { badInput, conflict, notFound, type FieldProblem } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  SUPPLIER_ROLES_OR_PLATFORM,
  requireRoleAndPermission,
  supplierScopeOf,
  type Principal,
  type StaffPermissions,
} from '../../../core/identity';
import { affectedRows, isUniqueViolation } from '../../../core/sql';
import { PartnerEndpoint } from '../entities/partner-endpoint';
import {
  DEFAULT_PARTNER_ADAPTER,
  partnerDeliveryStrategyNames,
  type PartnerEndpointConfig,
} from './partner-delivery/adapter';
import { PartnerSecrets, partnerSecrets } from './partner-secrets';

export const MIN_TIMEOUT_MS = 500;
export const MAX_TIMEOUT_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 5_000;
const MAX_BASE_URL = 500;
const MAX_OVERLAP_HOURS = 24 * 7;

/** Configuring a supplier's delivery API: its admin (who ships its orders) or the platform's supplier management. */
const CONFIGURE: StaffPermissions = { supplier: 'SHIP_ORDERS', platform: 'MANAGE_SUPPLIERS' };
const CONFIGURERS = ['SUPPLIER_ADMIN', ...PLATFORM_ROLES] as const;

export interface ConfigurePartnerEndpoint {
  supplierId?: string | null;
  adapter?: string | null;
  baseUrl?: string | null;
  timeoutMs?: number | null;
  enabled?: boolean | null;
}

export interface PartnerEndpointWithSecret {
  endpoint: PartnerEndpoint;
  /** Shown once, when generated; only a sealed copy is kept. */
  secret: string | null;
}

/**
 * Where the partner posts asynchronous results for this supplier: the gateway's public
 * `/partners/<supplierId>/callbacks` (`PERKMALL_PARTNER_CALLBACK_BASE_URL`, default the local gateway).
 */
export function partnerCallbackUrl(supplierId: number): string {
  const base = process.env.PERKMALL_PARTNER_CALLBACK_BASE_URL || `http://127.0.0.1:${portOf('gateway')}`;
  return `${base.replace(/\/+$/, '')}/partners/${supplierId}/callbacks`;
}

/**
 * Per-supplier partner endpoints. Suppliers' admins configure their own; the platform any
 * supplier's. The shared secret is generated here and leaves this service once, in the answer to
 * whoever created or rotated it; the delivery job and the callback route read it unsealed through
 * `configFor` / `callbackConfigs`, never through GraphQL.
 */
export class PartnerEndpointService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal | null = null,
    private readonly secrets: PartnerSecrets = partnerSecrets(),
  ) {}

  /** The endpoint of the caller's supplier (the platform names one); null when none is configured. */
  async get(supplierIdArg?: string | null): Promise<PartnerEndpoint | null> {
    const supplierId = this.supplierFor(supplierIdArg, SUPPLIER_ROLES_OR_PLATFORM, {
      supplier: 'SHIP_ORDERS',
      platform: 'MANAGE_SUPPLIERS',
    });
    return this.em.findOne(PartnerEndpoint, { supplierId });
  }

  /** Creates the supplier's endpoint (generating its secret, returned this once) or changes the fields given. */
  async configure(input: ConfigurePartnerEndpoint): Promise<PartnerEndpointWithSecret> {
    const supplierId = this.supplierFor(input.supplierId, CONFIGURERS, CONFIGURE);
    const problems: FieldProblem[] = [];
    const baseUrl = input.baseUrl == null ? null : checkBaseUrl(input.baseUrl, problems);
    const adapter = input.adapter == null ? null : input.adapter.trim();
    if (adapter !== null && !partnerDeliveryStrategyNames().includes(adapter))
      problems.push({ field: 'adapter', message: `must be one of: ${partnerDeliveryStrategyNames().join(', ')}` });
    const timeoutMs = input.timeoutMs ?? null;
    if (
      timeoutMs !== null &&
      (!Number.isSafeInteger(timeoutMs) || timeoutMs < MIN_TIMEOUT_MS || timeoutMs > MAX_TIMEOUT_MS)
    )
      problems.push({ field: 'timeoutMs', message: `must be ${MIN_TIMEOUT_MS}–${MAX_TIMEOUT_MS} ms` });
    const existing = await this.em.findOne(PartnerEndpoint, { supplierId });
    if (!existing && baseUrl === null && !problems.some((p) => p.field === 'baseUrl'))
      problems.push({ field: 'baseUrl', message: 'is required when the endpoint is first configured' });
    if (problems.length)
      throw badInput(
        `Partner endpoint not configured: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`,
        problems,
      );

    if (existing) {
      if (baseUrl !== null) existing.baseUrl = baseUrl;
      if (adapter !== null) existing.adapter = adapter;
      if (timeoutMs !== null) existing.timeoutMs = timeoutMs;
      if (input.enabled != null) existing.enabled = input.enabled;
      await this.em.flush();
      return { endpoint: existing, secret: null };
    }
    const secret = PartnerSecrets.generate();
    const endpoint = this.em.create(PartnerEndpoint, {
      supplierId,
      adapter: adapter ?? DEFAULT_PARTNER_ADAPTER,
      baseUrl: baseUrl!,
      secretSealed: this.secrets.seal(supplierId, secret),
      timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS,
      enabled: input.enabled ?? true,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    try {
      await this.em.flush();
    } catch (e) {
      if (isUniqueViolation(e))
        throw conflict(
          `Supplier ${supplierId}'s partner endpoint was configured by someone else just now; read it and try again.`,
        );
      throw e;
    }
    return { endpoint, secret };
  }

  /**
   * A new shared secret, returned once. Our requests are signed with it at once; callbacks signed
   * with the old one are still accepted for `overlapHours` (0 = refused at once, e.g. when it leaked).
   */
  async rotateSecret(
    supplierIdArg: string | null | undefined,
    overlapHours: number,
  ): Promise<PartnerEndpointWithSecret> {
    const supplierId = this.supplierFor(supplierIdArg, CONFIGURERS, CONFIGURE);
    if (!Number.isSafeInteger(overlapHours) || overlapHours < 0 || overlapHours > MAX_OVERLAP_HOURS)
      throw badInput(`overlapHours must be 0–${MAX_OVERLAP_HOURS}.`, [
        { field: 'overlapHours', message: `0–${MAX_OVERLAP_HOURS}` },
      ]);
    const endpoint = await this.em.findOne(PartnerEndpoint, { supplierId });
    if (!endpoint) throw notFound('Partner endpoint of supplier', supplierId);
    const secret = PartnerSecrets.generate();
    const until = overlapHours > 0 ? new Date(Date.now() + overlapHours * 3_600_000) : null;
    const moved = await affectedRows(
      this.em,
      'UPDATE partner_endpoint SET previous_secret_sealed = ?, previous_secret_until = ?, secret_sealed = ?, updated_at = ? WHERE id = ? AND secret_sealed = ?',
      [
        until ? endpoint.secretSealed : null,
        until ? this.em.getPlatform().processDateProperty(until) : null,
        this.secrets.seal(supplierId, secret),
        this.em.getPlatform().processDateProperty(new Date()),
        endpoint.id,
        endpoint.secretSealed,
      ],
    );
    if (moved !== 1)
      throw conflict(`Supplier ${supplierId}'s partner secret was rotated by someone else just now; try again.`);
    await this.em.refresh(endpoint);
    return { endpoint, secret };
  }

  /**
   * What the delivery job needs to call the supplier's partner API (secret unsealed); null when the
   * supplier has no endpoint or it is switched off (nothing may be issued through it now).
   */
  async configFor(supplierId: number): Promise<PartnerEndpointConfig | null> {
    const endpoint = await this.em.findOne(PartnerEndpoint, { supplierId });
    if (!endpoint || !endpoint.enabled) return null;
    const secret = this.secrets.open(supplierId, endpoint.secretSealed);
    return secret === null ? null : toConfig(endpoint, secret);
  }

  /**
   * The configurations a callback from this supplier may be verified with right now: the current
   * secret first, then the previous one during its overlap. Switched-off endpoints included: results
   * of requests already sent still count.
   */
  async callbackConfigs(supplierId: number, now = new Date()): Promise<PartnerEndpointConfig[]> {
    const endpoint = await this.em.findOne(PartnerEndpoint, { supplierId });
    if (!endpoint) return [];
    const sealed = [endpoint.secretSealed];
    if (endpoint.previousSecretSealed && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now)
      sealed.push(endpoint.previousSecretSealed);
    return sealed.flatMap((s) => {
      const secret = this.secrets.open(supplierId, s);
      return secret === null ? [] : [toConfig(endpoint, secret)];
    });
  }

  /** The supplier the caller acts for: its own (naming another is NOT_FOUND), or the one the platform names. */
  private supplierFor(
    arg: string | null | undefined,
    roles: readonly Principal['role'][],
    needs: StaffPermissions,
  ): number {
    const principal = requireRoleAndPermission(this.principal ?? undefined, roles, needs);
    const own = supplierScopeOf(principal);
    if (own !== null) {
      if (arg != null && arg !== own) throw notFound('Partner endpoint of supplier', arg);
      return Number(own);
    }
    if (arg == null || !/^[1-9]\d{0,9}$/.test(arg))
      throw badInput('supplierId is required: name the supplier whose partner endpoint this is.', [
        { field: 'supplierId', message: 'required for the platform' },
      ]);
    return Number(arg);
  }
}

function toConfig(endpoint: PartnerEndpoint, secret: string): PartnerEndpointConfig {
  return {
    supplierId: endpoint.supplierId,
    adapter: endpoint.adapter,
    baseUrl: endpoint.baseUrl,
    secret,
    timeoutMs: endpoint.timeoutMs,
  };
}

function checkBaseUrl(raw: string, problems: FieldProblem[]): string | null {
  const problem = outboundUrlProblem(raw, { maxLength: MAX_BASE_URL, allowQuery: false });
  if (problem) {
    problems.push({ field: 'baseUrl', message: problem });
    return null;
  }
  return raw.trim().replace(/\/+$/, '');
}
