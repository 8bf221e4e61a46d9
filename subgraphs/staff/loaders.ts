import { byId, groupedBy } from '../../core/loaders';
import type { SubgraphContext } from '../../core/subgraph';
import { Session } from './entities/session';
import { StaffMember } from './entities/staff-member';

/** Per-request DataLoaders: one SQL statement per kind of row, whatever the number of parents. */
export function staffLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(staffLoaders, () => buildStaffLoaders(ctx));
}

function buildStaffLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  return {
    staffMember: loaders.one('StaffMember', byId(em, StaffMember)),
    session: loaders.one('StaffSession', byId(em, Session)),
    sessionsByMember: loaders.many(
      'StaffSessionsByMember',
      groupedBy(em, Session, 'staffMemberId', { orderBy: { id: 'DESC' } }),
    ),
  };
}
