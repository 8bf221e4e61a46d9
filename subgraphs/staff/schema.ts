import type { SqlEntityManager } from '@mikro-orm/knex';
import type { MikroORM } from '@mikro-orm/core';
import { OutboxMessage, OutboxRelay } from '../../core/outbox';
import type { EventHandler } from '../../core/event-transport';
import { consumedBy } from '../events';
import { ApprovalPolicy, ApprovalRequest } from './entities/approval';
import { ApprovalResolver } from './resolvers/approval.resolver';
import { APPROVAL_APPLY, ApprovalApplier } from './services/approval.service';
import type { SubgraphDefinition } from '../../core/subgraph';
import { AuditEntry } from './entities/audit-entry';
import { RefreshToken } from './entities/refresh-token';
import { Session } from './entities/session';
import { SignInChallenge } from './entities/sign-in-challenge';
import { SignInThrottle } from './entities/sign-in-throttle';
import { PermissionGroup, PermissionGroupMember } from './entities/permission-group';
import { StaffInvitation } from './entities/staff-invitation';
import { StaffPasswordReset } from './entities/password-reset';
import { StaffRecoveryCode } from './entities/recovery-code';
import { SsoConnection, SsoGroupMapping, SsoIdentity, SsoSignInAttempt } from './entities/sso-connection';
import { StaffMember } from './entities/staff-member';
import { SessionResolver } from './resolvers/session.resolver';
import { SignInResolver } from './resolvers/sign-in.resolver';
import { StaffAdminResolver } from './resolvers/staff-admin.resolver';
import { CredentialsResolver } from './resolvers/credentials.resolver';
import { InvitationResolver } from './resolvers/invitation.resolver';
import { PermissionGroupResolver, StaffMemberPermissionsResolver } from './resolvers/permission-group.resolver';
import { AuditTrailResolver } from './resolvers/audit-trail.resolver';
import { staffAuditSink } from './services/audit-trail.service';
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
      StaffPasswordReset,
      StaffRecoveryCode,
      ApprovalRequest,
      ApprovalPolicy,
      OutboxMessage,
      SsoConnection,
      SsoGroupMapping,
      SsoSignInAttempt,
      SsoIdentity,
      AuditEntry,
    ],
    // Required only by a process that migrates: they load @mikro-orm/migrations and umzug (core/lazy-module.ts).
    /* eslint-disable @typescript-eslint/no-require-imports */
    migrations: () => ({
      mysql: (require('./migrations/mysql') as typeof import('./migrations/mysql')).mysqlMigrations,
      sqlite: (require('./migrations/sqlite') as typeof import('./migrations/sqlite')).sqliteMigrations,
    }),
    /* eslint-enable @typescript-eslint/no-require-imports */
  },
  resolvers: [
    StaffMemberResolver,
    StaffAdminResolver,
    CredentialsResolver,
    SessionResolver,
    SignInResolver,
    PermissionGroupResolver,
    StaffMemberPermissionsResolver,
    InvitationResolver,
    ApprovalResolver,
    SsoConnectionResolver,
    SsoSignInResolver,
    AuditTrailResolver,
  ],
  orphanedTypes: [BankRef, SupplierRef],
  // Staff's own writes go straight into its audit trail, in their transaction.
  auditSink: staffAuditSink,
  referenceResolvers: {
    StaffMember: (ref, ctx) => resolveStaffMemberRef(ref.id, ctx),
  },
  backgroundTasks: (orm, log) => {
    const relay = new OutboxRelay(orm, staffOwnEvents(orm), log);
    return [relay.task(1000)];
  },
  // Every subgraph's audit entries and its own approvals, on JetStream when configured (subgraphs/events.ts).
  eventConsumers: (orm) => consumedBy('staff', staffOwnEvents(orm)),
};

/** Events staff consumes itself. */
function staffOwnEvents(orm: MikroORM): Record<string, EventHandler> {
  return {
    // Applies an approved change at its owner; retried until the owner answers for certain.
    [APPROVAL_APPLY]: async (payload) =>
      new ApprovalApplier(orm.em.fork() as SqlEntityManager).apply(Number(payload.approvalRequestId)),
  };
}
