import type { SubgraphDefinition } from '../../core/subgraph';
import { AuditEntry } from './entities/audit-entry';
import { RefreshToken } from './entities/refresh-token';
import { Session } from './entities/session';
import { SignInChallenge } from './entities/sign-in-challenge';
import { SignInThrottle } from './entities/sign-in-throttle';
import { StaffMember } from './entities/staff-member';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { AuditTrailResolver } from './resolvers/audit-trail.resolver';
import { staffAuditSink } from './services/audit-trail.service';
import { StaffMemberResolver, resolveStaffMemberRef } from './resolvers/staff-member.resolver';
import { BankRef, SupplierRef } from './resolvers/types';

export const staffSubgraph: SubgraphDefinition = {
  name: 'staff',
  storage: {
    name: 'staff',
    entities: [StaffMember, Session, RefreshToken, SignInThrottle, SignInChallenge, AuditEntry],
    migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  },
  resolvers: [StaffMemberResolver, AuditTrailResolver],
  orphanedTypes: [BankRef, SupplierRef],
  // Staff's own writes go straight into its audit trail, in their transaction.
  auditSink: staffAuditSink,
  referenceResolvers: {
    StaffMember: (ref, ctx) => resolveStaffMemberRef(ref.id, ctx),
  },
};
