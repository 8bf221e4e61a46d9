import { byId, groupedBy, numericIds } from '../../core/loaders';
import type { SubgraphContext } from '../../core/subgraph';
import { ApprovalPolicy, ApprovalRequest } from './entities/approval';
import { Session } from './entities/session';
import { StaffMember } from './entities/staff-member';
import { unusedRecoveryCodesOf } from './services/recovery-codes';

/** Per-request DataLoaders: one SQL statement per kind of row, whatever the number of parents. */
export type StaffLoaders = ReturnType<typeof buildStaffLoaders>;

export function staffLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(staffLoaders, () => buildStaffLoaders(ctx));
}

function buildStaffLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  return {
    staffMember: loaders.one('StaffMember', byId(em, StaffMember)),
    session: loaders.one('StaffSession', byId(em, Session)),
    approvalRequest: loaders.one('ApprovalRequest', byId(em, ApprovalRequest)),
    /** A bank's approval policy, by bank id (its primary key); none when it never set one. */
    approvalPolicyByBank: loaders.one('ApprovalPolicyByBank', async (keys) => {
      const rows = await em.find(ApprovalPolicy, { bankId: { $in: numericIds(keys) } });
      return new Map(rows.map((r) => [String(r.bankId), r]));
    }),
    /** Unused TOTP recovery codes per member (one grouped COUNT per page). */
    recoveryCodesLeft: loaders.one('StaffRecoveryCodesLeft', (keys) => unusedRecoveryCodesOf(em, numericIds(keys))),
    sessionsByMember: loaders.many(
      'StaffSessionsByMember',
      groupedBy(em, Session, 'staffMemberId', { orderBy: { id: 'DESC' } }),
    ),
  };
}
