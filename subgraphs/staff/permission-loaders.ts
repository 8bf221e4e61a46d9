import { byId, groupedBy } from '../../core/loaders';
import type { SubgraphContext } from '../../core/subgraph';
import { PermissionGroup, PermissionGroupMember } from './entities/permission-group';

/** Per-request DataLoaders of permission groups (beside loaders.ts, which the sessions code owns). */
export function permissionLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(permissionLoaders, () => {
    const { em, loaders } = ctx;
    return {
      permissionGroup: loaders.one('PermissionGroup', byId(em, PermissionGroup)),
      membershipsByMember: loaders.many(
        'PermissionGroupMembersByMember',
        groupedBy(em, PermissionGroupMember, 'staffMemberId'),
      ),
    };
  });
}
