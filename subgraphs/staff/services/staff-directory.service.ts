import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, notFound } from '../../../core/errors';
import type { Principal } from '../../../core/identity';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { PermissionGroup, PermissionGroupMember } from '../entities/permission-group';
import { StaffMember, StaffMemberKind, type StaffMemberStatus } from '../entities/staff-member';
import { PermissionGroupService } from './permission-groups.service';
import { targetTenant } from './staff-tenant';

export interface StaffMemberFilter {
  /** Part of the login name or display name. */
  search?: string | null;
  status?: StaffMemberStatus | null;
  permissionGroupId?: number | null;
  /** Platform only: whose staff. */
  bankId?: number | null;
  supplierId?: number | null;
}

/** `%` and `_` typed by a person are letters, not wildcards. */
const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The staff list an administrator works from: one tenant's members (their own; the platform names
 * a bank or supplier, or none for its own), newest first, keyset-paged on the id (one indexed
 * range per page, however long the list).
 */
export class StaffDirectoryService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async list(
    filter: StaffMemberFilter,
    page: { first?: number | null; after?: string | null },
  ): Promise<Connection<StaffMember>> {
    await new PermissionGroupService(this.em, this.principal).requireManager();
    const tenant = targetTenant(this.principal, filter);
    const limit = pageSize(page.first);
    const where: Record<string, unknown> =
      tenant.kind === StaffMemberKind.BANK
        ? { bankId: tenant.bankId, kind: tenant.kind }
        : tenant.kind === StaffMemberKind.SUPPLIER
          ? { supplierId: tenant.supplierId, kind: tenant.kind }
          : { kind: StaffMemberKind.PLATFORM };
    if (page.after) {
      const [after] = decodeCursor(page.after, 1);
      if (typeof after !== 'number') throw badInput('`after` is not a cursor from this list; start again without it.');
      where.id = { $lt: after };
    }
    if (filter.status) where.status = filter.status;
    const search = filter.search?.trim().toLowerCase();
    if (search) {
      if (search.length > 100)
        throw badInput('search is at most 100 characters.', [{ field: 'search', message: 'at most 100 characters' }]);
      const like = `%${likeEscaped(search)}%`;
      where.$or = [{ loginName: { $like: like } }, { displayName: { $like: like } }];
    }
    if (filter.permissionGroupId != null) {
      // Another tenant's group is NOT_FOUND, as everywhere else.
      const group = await this.em.findOne(PermissionGroup, { id: filter.permissionGroupId, tenantKey: tenant.key });
      if (!group) throw notFound('Permission group', filter.permissionGroupId);
      const inGroup = this.em
        .createQueryBuilder(PermissionGroupMember, 'gm')
        .select('gm.staff_member_id')
        .where({ permissionGroupId: group.id });
      where.id = { ...((where.id as object | undefined) ?? {}), $in: inGroup.getKnexQuery() };
    }
    const rows = await this.em.find(StaffMember, where, { orderBy: { id: 'DESC' }, limit: limit + 1 });
    return toConnection(rows, limit, (m) => [m.id], Boolean(page.after));
  }
}
