import type { SubgraphDefinition } from '../../core/subgraph';
import { RefreshToken } from './entities/refresh-token';
import { Session } from './entities/session';
import { SignInChallenge } from './entities/sign-in-challenge';
import { SignInThrottle } from './entities/sign-in-throttle';
import { PermissionGroup, PermissionGroupMember } from './entities/permission-group';
import { StaffInvitation } from './entities/staff-invitation';
import { SsoConnection, SsoGroupMapping, SsoIdentity, SsoSignInAttempt } from './entities/sso-connection';
import { StaffMember } from './entities/staff-member';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { SessionResolver } from './resolvers/session.resolver';
import { SignInResolver } from './resolvers/sign-in.resolver';
import { StaffAdminResolver } from './resolvers/staff-admin.resolver';
import { InvitationResolver } from './resolvers/invitation.resolver';
import { PermissionGroupResolver, StaffMemberPermissionsResolver } from './resolvers/permission-group.resolver';
import { StaffMemberResolver, resolveStaffMemberRef } from './resolvers/staff-member.resolver';
import { SsoConnectionResolver, SsoSignInResolver } from './resolvers/sso.resolver';
import { BankRef, SupplierRef } from './resolvers/types';

export const staffSubgraph: SubgraphDefinition = {
  name: 'staff',
  storage: {
    name: 'staff',
    entities: [
      StaffMember,
      Session,
      RefreshToken,
      SignInThrottle,
      SignInChallenge,
      PermissionGroup,
      PermissionGroupMember,
      StaffInvitation,
      SsoConnection,
      SsoGroupMapping,
      SsoSignInAttempt,
      SsoIdentity,
    ],
    migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  },
  resolvers: [
    StaffMemberResolver,
    StaffAdminResolver,
    SessionResolver,
    SignInResolver,
    PermissionGroupResolver,
    StaffMemberPermissionsResolver,
    InvitationResolver,
    SsoConnectionResolver,
    SsoSignInResolver,
  ],
  orphanedTypes: [BankRef, SupplierRef],
  referenceResolvers: {
    StaffMember: (ref, ctx) => resolveStaffMemberRef(ref.id, ctx),
  },
};
