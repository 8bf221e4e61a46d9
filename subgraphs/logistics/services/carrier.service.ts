import type { FilterQuery } from '@mikro-orm/core';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound, type FieldProblem } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  requireRoleAndPermission,
  type Principal,
  type StaffPermissions,
} from '../../../core/identity';
import { affectedRows, isUniqueViolation } from '../../../core/sql';
import { Carrier } from '../entities/carrier';
import { CarrierSecrets, carrierSecrets } from './carrier-secrets';

const CODE = /^[A-Z0-9]{2,16}$/;
const MAX_OVERLAP_HOURS = 24 * 7;

export interface CarrierWithSecret {
  carrier: Carrier;
  /** Shown once, to be configured at the carrier; only a sealed copy is kept. */
  callbackSecret: string;
}

/**
 * The carriers suppliers ship with. The platform registers them and rotates their callback
 * secrets; suppliers only list the active ones. Secrets never leave this service except once, in
 * the answer to the platform operator who created or rotated them.
 */
/** Registering, rotating and retiring carriers is the platform's carrier administration. */
const RUN_CARRIERS: StaffPermissions = { platform: 'MANAGE_CARRIERS' };

export class CarrierService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly secrets: CarrierSecrets = carrierSecrets(),
  ) {}

  list(includeInactive = false): Promise<Carrier[]> {
    if (includeInactive) requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CARRIERS);
    return this.em.find(Carrier, includeInactive ? {} : { active: true }, { orderBy: { code: 'ASC' }, limit: 100 });
  }

  /** Carriers by code, keyset paged (the console's carriers page). */
  async page(includeInactive: boolean, first?: number | null, after?: string | null): Promise<Connection<Carrier>> {
    if (includeInactive) requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CARRIERS);
    const limit = pageSize(first);
    const where: FilterQuery<Carrier>[] = includeInactive ? [] : [{ active: true }];
    if (after) where.push({ code: { $gt: String(decodeCursor(after, 1)[0]) } });
    const rows = await this.em.find(Carrier, where.length ? { $and: where } : {}, {
      orderBy: { code: 'ASC' },
      limit: limit + 1,
    });
    return toConnection(rows, limit, (c) => [c.code], Boolean(after));
  }

  async register(input: { code: string; name: string }): Promise<CarrierWithSecret> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CARRIERS);
    const code = input.code.trim().toUpperCase();
    const name = input.name.trim();
    const problems: FieldProblem[] = [];
    if (!CODE.test(code)) problems.push({ field: 'code', message: 'must be 2–16 letters or digits' });
    if (name.length < 1 || name.length > 120) problems.push({ field: 'name', message: 'must be 1–120 characters' });
    if (problems.length)
      throw badInput(`Carrier not registered: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
    const callbackSecret = CarrierSecrets.generate();
    const em = this.em.fork();
    const carrier = em.create(Carrier, {
      code,
      name,
      active: true,
      secretSealed: this.secrets.seal(code, callbackSecret),
    });
    try {
      await em.flush();
    } catch (e) {
      if (isUniqueViolation(e))
        throw conflict(`A carrier with code ${code} already exists; rotate its secret instead.`);
      throw e;
    }
    return { carrier, callbackSecret };
  }

  /**
   * A new callback secret; the old one keeps working for `overlapHours` (0 = refused at once, e.g.
   * when it leaked). Conditional on the secret read, so two rotations at once cannot both win.
   */
  async rotateSecret(code: string, overlapHours: number): Promise<CarrierWithSecret> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CARRIERS);
    if (!Number.isSafeInteger(overlapHours) || overlapHours < 0 || overlapHours > MAX_OVERLAP_HOURS) {
      throw badInput(`overlapHours must be 0–${MAX_OVERLAP_HOURS}.`, [
        { field: 'overlapHours', message: `0–${MAX_OVERLAP_HOURS}` },
      ]);
    }
    const carrier = await this.byCode(code);
    const callbackSecret = CarrierSecrets.generate();
    const until = overlapHours > 0 ? new Date(Date.now() + overlapHours * 3_600_000) : null;
    const moved = await affectedRows(
      this.em.fork(),
      'UPDATE carrier SET previous_secret_sealed = ?, previous_secret_until = ?, secret_sealed = ? WHERE id = ? AND secret_sealed = ?',
      [
        until ? carrier.secretSealed : null,
        until ? this.em.getPlatform().processDateProperty(until) : null,
        this.secrets.seal(carrier.code, callbackSecret),
        carrier.id,
        carrier.secretSealed,
      ],
    );
    if (moved !== 1)
      throw conflict(
        `Carrier ${carrier.code}'s secret was rotated by someone else just now; read the carriers and try again.`,
      );
    return { carrier: await this.em.fork().findOneOrFail(Carrier, carrier.id), callbackSecret };
  }

  async update(code: string, changes: { name?: string | null; active?: boolean | null }): Promise<Carrier> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CARRIERS);
    const em = this.em.fork();
    const carrier = await em.findOne(Carrier, { code: code.trim().toUpperCase() });
    if (!carrier) throw notFound('Carrier', code);
    if (changes.name !== undefined && changes.name !== null) {
      const name = changes.name.trim();
      if (name.length < 1 || name.length > 120)
        throw badInput('name must be 1–120 characters.', [{ field: 'name', message: 'must be 1–120 characters' }]);
      carrier.name = name;
    }
    if (changes.active !== undefined && changes.active !== null) carrier.active = changes.active;
    await em.flush();
    return carrier;
  }

  private async byCode(code: string): Promise<Carrier> {
    const carrier = await this.em.fork().findOne(Carrier, { code: code.trim().toUpperCase() });
    if (!carrier) throw notFound('Carrier', code);
    return carrier;
  }
}
