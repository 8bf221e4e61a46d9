import { LoyaltyApprovalsResolver } from './resolvers/approvals.resolver';
import type { MikroORM } from '@mikro-orm/core';
import { OutboxMessage, OutboxRelay } from '../../core/outbox';
import type { EventHandler } from '../../core/event-transport';
import { consumedBy } from '../events';
import { JobLease, JobLeases, leasedTask } from '../../core/job-lease';
import type { SubgraphDefinition } from '../../core/subgraph';
import { BankEvent, ScheduledPayout } from './entities/bank-event';
import { BankEventFile, BankEventFileChunk, BankEventFileError } from './entities/bank-event-file';
import { EarnRule } from './entities/earn-rule';
import { PointsLedgerEntry } from './entities/ledger-entry';
import { PointsAccount } from './entities/points-account';
import { PointsHold, PointsHoldAllocation } from './entities/points-hold';
import { PointsLot } from './entities/points-lot';
import { DashboardPointsResolver, SalesDashboardKey } from './resolvers/dashboard.resolver';
import { EarningResolver } from './resolvers/earning.resolver';
import { BankEventFilesResolver } from './resolvers/bank-event-files.resolver';
import { bankEventFileRoutes } from './resolvers/bank-event-files.route';
import { BankEventFileWorker } from './services/bank-event-files.service';
import { PointsLiabilityResolver } from './resolvers/liability.resolver';
import { HoldsResolver } from './resolvers/holds.resolver';
import { CustomerPointsResolver, LedgerResolver, PointsDetailResolver } from './resolvers/points.resolver';
import { CustomerWithPoints } from './resolvers/types';
import { TIER_POINTS_CHANGED } from './services/ledger';
import { PointsSweeps } from './services/sweeps.service';
import { TenantsClient } from './services/tenants-client';
import type { SqlEntityManager } from '@mikro-orm/knex';

export const loyaltySubgraph: SubgraphDefinition = {
  name: 'loyalty',
  storage: {
    name: 'loyalty',
    entities: [
      PointsAccount,
      PointsLedgerEntry,
      PointsLot,
      PointsHold,
      PointsHoldAllocation,
      EarnRule,
      BankEvent,
      ScheduledPayout,
      BankEventFile,
      BankEventFileChunk,
      BankEventFileError,
      OutboxMessage,
      JobLease,
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
    CustomerPointsResolver,
    PointsDetailResolver,
    LedgerResolver,
    EarningResolver,
    BankEventFilesResolver,
    HoldsResolver,
    LoyaltyApprovalsResolver,
    DashboardPointsResolver,
    PointsLiabilityResolver,
  ],
  orphanedTypes: [CustomerWithPoints, SalesDashboardKey],
  referenceResolvers: {
    // Visibility is checked where the points are read, with the account's bank at hand.
    // The gateway brings `tierName` from tenants whenever `points` is asked for (@requires).
    Customer: (ref) => ({ id: ref.id, tierName: ref.tierName ?? null }),
    // Orders' dashboard by its key; `points` checks the caller and the range where it reads.
    SalesDashboard: (ref) => ({
      bankId: String(ref.bankId),
      fromDay: String(ref.fromDay),
      toDay: String(ref.toDay),
      granularity: ref.granularity,
      timeZone: String(ref.timeZone),
    }),
  },
  httpRoutes: (orm, log) => bankEventFileRoutes(orm, log),
  backgroundTasks: (orm, log) => {
    const files = new BankEventFileWorker(orm, log);
    const sweeps = () => new PointsSweeps(orm.em.fork() as SqlEntityManager, new TenantsClient());
    const relay = new OutboxRelay(orm, loyaltyOwnEvents(orm), log);
    return [
      relay.task(1000),
      {
        name: 'bank-event-files',
        intervalMs: 1000,
        run: async () => void (await files.runOnce()),
        stop: () => files.stop(),
      },
      // One replica expires lots at a time (each lot's expiry is conditional, but two would scan the same lots).
      leasedTask(new JobLeases(orm, log), 'loyalty.points-expiry', {
        name: 'points-expiry',
        intervalMs: 60_000,
        run: async () => void (await sweeps().expire()),
      }),
      { name: 'scheduled-payouts', intervalMs: 60_000, run: async () => void (await sweeps().payDueInstallments()) },
    ];
  },
  // Its own tier-points events, on JetStream when configured (else the relay above handles them in process).
  eventConsumers: (orm) => consumedBy('loyalty', loyaltyOwnEvents(orm)),
};

/** Events loyalty consumes itself: an account's tier points changed, so its tier at tenants follows. */
function loyaltyOwnEvents(orm: MikroORM): Record<string, EventHandler> {
  return {
    [TIER_POINTS_CHANGED]: async (payload) =>
      new PointsSweeps(orm.em.fork() as SqlEntityManager, new TenantsClient()).syncTier(Number(payload.accountId)),
  };
}
