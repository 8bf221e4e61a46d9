import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound, unauthenticated } from '../../../core/errors';
import { requirePermission, type Permission, type Principal } from '../../../core/identity';
import { beforeWrite } from '../../../core/request-transaction';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { PermissionGroup, PermissionGroupMember } from '../entities/permission-group';
import { Session } from '../entities/session';
import { StaffMemberKind, type StaffMember } from '../entities/staff-member';
import { staffMemberIdOf } from './access-tokens';
import {
  allPermissionsOf,
  assertMayGrant,
  isAdminRole,
  managesTenant,
  targetTenant,
  tenantKeyOf,
  type StaffTenant,
} from './staff-tenant';

/** A member belongs to at most this many groups (a handful is normal; the cap keeps lists short). */
export const MAX_GROUPS_PER_MEMBER = 20;
/** A tenant has at most this many groups of its own. */
export const MAX_GROUPS_PER_TENANT = 200;

interface BuiltInGroup {
  code: string;
  name: string;
  permissions: readonly Permission[];
}

/**
 * The groups every tenant starts with (created on first use). Admin roles hold every permission of
 * their kind without any group; these are for everyone else.
 */
export const BUILT_IN_GROUPS: Record<StaffMemberKind, readonly BuiltInGroup[]> = {
  [StaffMemberKind.BANK]: [
    { code: 'OPERATIONS', name: '运营', permissions: ['CURATE_LISTINGS', 'RUN_CAMPAIGNS'] },
    { code: 'CUSTOMER_SERVICE', name: '客服', permissions: ['SERVE_CUSTOMERS', 'SEE_CUSTOMER_DATA'] },
    { code: 'FINANCE', name: '财务', permissions: ['SEE_REPORTS', 'PAY_SUPPLIERS'] },
    { code: 'POINTS', name: '积分管理', permissions: ['ADJUST_POINTS'] },
    { code: 'INTEGRATION', name: '技术对接', permissions: ['MANAGE_PARTNER_APPS'] },
  ],
  [StaffMemberKind.SUPPLIER]: [
    {
      code: 'STAFF',
      name: '员工',
      permissions: ['MANAGE_CATALOG', 'MANAGE_STOCK', 'SHIP_ORDERS', 'HANDLE_AFTERSALES'],
    },
    { code: 'SHIPPING_CLERK', name: '发货员', permissions: ['SHIP_ORDERS'] },
    { code: 'FINANCE', name: '财务', permissions: ['SEE_SETTLEMENT'] },
  ],
  [StaffMemberKind.PLATFORM]: [
    { code: 'OPERATIONS', name: '运营', permissions: ['MANAGE_TENANTS', 'MANAGE_SUPPLIERS', 'MANAGE_CARRIERS'] },
    { code: 'FINANCE', name: '财务', permissions: ['SEE_REPORTS', 'MANAGE_SETTLEMENT'] },
    { code: 'AUDIT', name: '审计', permissions: ['SEE_AUDIT'] },
    // Answers banks' and customers' questions: reads orders and customers with personal data unmasked.
    { code: 'SUPPORT', name: '客服支持', permissions: ['SEE_CUSTOMER_DATA'] },
  ],
};

/**
 * What a member may do, for their access tokens: admins every permission of their kind; everyone
 * else the union of their groups' permissions (groups of their own tenant and kind only, so a stray
 * membership can never carry another tenant's rights). The session code calls this at every issue.
 */
export async function permissionsForMember(em: SqlEntityManager, member: StaffMember): Promise<Permission[]> {
  const ofKind = allPermissionsOf(member.kind);
  if (isAdminRole(member.role)) return [...ofKind];
  const memberships = await em.find(
    PermissionGroupMember,
    { staffMemberId: member.id },
    { fields: ['permissionGroupId'] },
  );
  if (memberships.length === 0) return [];
  const groups = await em.find(PermissionGroup, {
    id: { $in: memberships.map((m) => m.permissionGroupId) },
    tenantKey: tenantKeyOf(member),
  });
  const held = new Set(groups.flatMap((g) => g.permissions()));
  return ofKind.filter((p) => held.has(p));
}

/**
 * The staff subgraph's own session check for the calls here: a token of an ended session (signed
 * out, member removed) is refused at once, whatever is left of its 10 minutes.
 */
export async function assertLiveSession(em: SqlEntityManager, principal: Principal | undefined): Promise<void> {
  if (!principal?.sessionId || staffMemberIdOf(principal) === null) return;
  const session = await em.findOne(Session, { id: Number(principal.sessionId) }, { fields: ['endedAt', 'expiresAt'] });
  if (!session || session.endedAt || session.expiresAt.getTime() <= Date.now())
    throw unauthenticated('Your session has ended; sign in again.');
}

export interface PermissionGroupInput {
  name: string;
  permissions: Permission[];
}

/**
 * Permission groups of a bank, a supplier or the platform: built-ins on first use, custom groups,
 * memberships. Managing them needs MANAGE_STAFF in the tenant (another tenant's are NOT_FOUND).
 */
export class PermissionGroupService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** A live session and MANAGE_STAFF: every operation here starts with this. */
  async requireManager(): Promise<Principal> {
    await assertLiveSession(this.em, this.principal);
    return requirePermission(this.principal, 'MANAGE_STAFF');
  }

  /**
   * Creates the tenant's built-in groups that are missing. INSERT … IGNORE on the per-tenant unique
   * name: two first uses at once both succeed, and a list query may do it without a transaction.
   */
  async ensureBuiltInGroups(tenant: StaffTenant): Promise<void> {
    const existing = await this.em.count(PermissionGroup, { tenantKey: tenant.key, code: { $ne: null } });
    if (existing >= BUILT_IN_GROUPS[tenant.kind].length) return;
    const now = new Date();
    await beforeWrite(this.em);
    await this.em
      .createQueryBuilder(PermissionGroup)
      .insert(
        BUILT_IN_GROUPS[tenant.kind].map((b) => ({
          kind: tenant.kind,
          bankId: tenant.bankId,
          supplierId: tenant.supplierId,
          tenantKey: tenant.key,
          name: b.name,
          code: b.code,
          permissionList: b.permissions.join(','),
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflict(['tenantKey', 'name'])
      .ignore()
      .execute();
  }

  async list(
    named: { bankId?: number | null; supplierId?: number | null },
    page: { first?: number | null; after?: string | null },
  ): Promise<Connection<PermissionGroup>> {
    await this.requireManager();
    const tenant = targetTenant(this.principal, named);
    await this.ensureBuiltInGroups(tenant);
    const limit = pageSize(page.first);
    const where: Record<string, unknown> = { tenantKey: tenant.key };
    if (page.after) where.id = { $gt: Number(decodeCursor(page.after, 1)[0]) };
    const rows = await this.em.find(PermissionGroup, where, { orderBy: { id: 'ASC' }, limit: limit + 1 });
    return toConnection(rows, limit, (g) => [g.id], Boolean(page.after));
  }

  async create(
    named: { bankId?: number | null; supplierId?: number | null },
    input: PermissionGroupInput,
  ): Promise<PermissionGroup> {
    await this.requireManager();
    const tenant = targetTenant(this.principal, named);
    await this.ensureBuiltInGroups(tenant);
    const name = groupName(input.name);
    const permissions = distinctPermissions(input.permissions);
    assertMayGrant(this.principal, tenant, permissions);
    const count = await this.em.count(PermissionGroup, { tenantKey: tenant.key });
    if (count >= MAX_GROUPS_PER_TENANT)
      throw conflict(`A tenant has at most ${MAX_GROUPS_PER_TENANT} permission groups; delete one you no longer use.`);
    const group = this.em.create(PermissionGroup, {
      kind: tenant.kind,
      bankId: tenant.bankId,
      supplierId: tenant.supplierId,
      tenantKey: tenant.key,
      name,
      code: null,
      permissionList: permissions.join(','),
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await this.flushNamed(group, name);
    return group;
  }

  async update(
    groupId: number,
    change: { name?: string | null; permissions?: Permission[] | null },
  ): Promise<PermissionGroup> {
    await this.requireManager();
    const group = await this.editable(groupId);
    const tenant = tenantOfGroup(group);
    if (change.name != null) group.name = groupName(change.name);
    if (change.permissions != null) {
      const permissions = distinctPermissions(change.permissions);
      // Both what the group held and what it will hold must be the caller's to give or take.
      assertMayGrant(this.principal, tenant, [...new Set([...group.permissions(), ...permissions])]);
      group.permissionList = permissions.join(',');
    }
    await this.flushNamed(group, group.name);
    return group;
  }

  async delete(groupId: number): Promise<number> {
    await this.requireManager();
    const group = await this.editable(groupId);
    assertMayGrant(this.principal, tenantOfGroup(group), group.permissions());
    await this.em.nativeDelete(PermissionGroupMember, { permissionGroupId: group.id });
    await this.em.nativeDelete(PermissionGroup, { id: group.id });
    return group.id;
  }

  /**
   * Groups by id for a member of `tenant`: each must be the tenant's (another's is NOT_FOUND). The
   * tenant's built-ins are created first, so their ids can come from a list read a moment ago.
   */
  async groupsOfTenant(tenant: StaffTenant, ids: readonly number[]): Promise<PermissionGroup[]> {
    const distinct = [...new Set(ids)];
    if (distinct.length > MAX_GROUPS_PER_MEMBER)
      throw badInput(`A member belongs to at most ${MAX_GROUPS_PER_MEMBER} permission groups.`, [
        { field: 'permissionGroupIds', message: `at most ${MAX_GROUPS_PER_MEMBER}` },
      ]);
    if (distinct.length === 0) return [];
    const groups = await this.em.find(PermissionGroup, { id: { $in: distinct }, tenantKey: tenant.key });
    const missing = distinct.find((id) => !groups.some((g) => g.id === id));
    if (missing !== undefined) throw notFound('Permission group', missing);
    return groups;
  }

  /** Replaces a member's groups with exactly these (memberships only; no tokens are touched). */
  async setMemberships(member: StaffMember, groups: readonly PermissionGroup[]): Promise<void> {
    const current = await this.em.find(PermissionGroupMember, { staffMemberId: member.id });
    const wanted = new Set(groups.map((g) => g.id));
    const gone = current.filter((m) => !wanted.has(m.permissionGroupId)).map((m) => m.id);
    if (gone.length > 0) await this.em.nativeDelete(PermissionGroupMember, { id: { $in: gone } });
    for (const g of groups)
      if (!current.some((m) => m.permissionGroupId === g.id))
        this.em.persist(
          this.em.create(PermissionGroupMember, {
            staffMemberId: member.id,
            permissionGroupId: g.id,
            createdAt: new Date(),
          }),
        );
    await this.em.flush();
  }

  /** One of the caller's tenant's groups that may be changed: not built in. */
  private async editable(groupId: number): Promise<PermissionGroup> {
    const group = await this.em.findOne(PermissionGroup, { id: groupId });
    if (!group || !managesTenant(this.principal, group.tenantKey)) throw notFound('Permission group', groupId);
    if (group.code)
      throw conflict(`${group.name} is a built-in group and cannot be changed; make a group of your own instead.`);
    return group;
  }

  private async flushNamed(group: PermissionGroup, name: string): Promise<void> {
    try {
      await this.em.persistAndFlush(group);
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException)
        throw conflict(`There is already a permission group called ${name}; choose another name.`);
      throw e;
    }
  }
}

export function tenantOfGroup(group: PermissionGroup): StaffTenant {
  return { kind: group.kind, bankId: group.bankId ?? null, supplierId: group.supplierId ?? null, key: group.tenantKey };
}

function groupName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || name.length > 60)
    throw badInput('A group name is 1 to 60 characters.', [{ field: 'name', message: 'length 1–60' }]);
  return name;
}

function distinctPermissions(list: readonly Permission[]): Permission[] {
  return [...new Set(list)];
}
