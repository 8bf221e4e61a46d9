import type { SubgraphDefinition } from '../../core/subgraph';
import { RefreshToken } from './entities/refresh-token';
import { Session } from './entities/session';
import { SignInChallenge } from './entities/sign-in-challenge';
import { SignInThrottle } from './entities/sign-in-throttle';
import { SsoConnection, SsoGroupMapping, SsoIdentity, SsoSignInAttempt } from './entities/sso-connection';
import { StaffMember } from './entities/staff-member';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
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
      SsoConnection,
      SsoGroupMapping,
      SsoSignInAttempt,
      SsoIdentity,
    ],
    migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  },
  resolvers: [StaffMemberResolver, SsoConnectionResolver, SsoSignInResolver],
  orphanedTypes: [BankRef, SupplierRef],
  referenceResolvers: {
    StaffMember: (ref, ctx) => resolveStaffMemberRef(ref.id, ctx),
  },
};
