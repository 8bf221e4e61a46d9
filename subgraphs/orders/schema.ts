import { ScorecardResolver } from './resolvers/scorecard.resolver';
import { ReconciliationResolver, StatementReconciliationResolver } from './resolvers/reconciliation.resolver';
import { StatementReconciliation } from './entities/reconciliation';
import {
  MarketplaceBankGmvResolver,
  MarketplaceSalesResolver,
  MarketplaceSupplierSalesResolver,
} from './resolvers/marketplace.resolver';
import { PackingSlipResolver } from './resolvers/packing-slip.resolver';
import { CheckoutPreviewResolver } from './resolvers/checkout-preview.resolver';
import { PerkOutcomeResolver } from './resolvers/perk-outcome.resolver';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { OutboxMessage, OutboxRelay } from '../../core/outbox';
import type { SubgraphDefinition } from '../../core/subgraph';
import { IssuedCode } from './entities/issued-code';
import { OrderDiscount, OrderLine } from './entities/order-line';
import { Order } from './entities/order';
import { PurchaseCounter } from './entities/purchase-counter';
import { PerkUnit } from './entities/perk-unit';
import { Refund } from './entities/refund';
import { ListingDayReport, MallHourReport, SupplierDayReport } from './entities/report';
import { SettlementLine, SettlementPayment, SettlementStatement } from './entities/settlement';
import { SettlementInvoice } from './entities/invoice';
import {
  InvoiceResolver,
  SettlementInvoiceResolver,
  StatementInvoicesFieldResolver,
} from './resolvers/invoice.resolver';
import { SettlementDispute } from './entities/statement-dispute';
import {
  SettlementDisputeResolver,
  SettlementLineTraceResolver,
  StatementFiguresResolver,
  StatementsResolver,
} from './resolvers/statements.resolver';
import { SupplierOrder } from './entities/supplier-order';
import { ordersLoaders } from './loaders';
import { AfterSalesResolver, ReportsResolver, SettlementStatementResolver } from './resolvers/aftersales.resolver';
import { DashboardResolver } from './resolvers/dashboard.resolver';
import {
  CustomerOrdersResolver,
  OrderLineResolver,
  OrderResolver,
  SupplierOrderResolver,
  SupplierOrdersResolver,
  resolveSupplierOrderRef,
} from './resolvers/order.resolver';
import { CustomerRef, SupplierRef } from './resolvers/types';
import { assertCanSeeOrder } from './services/access';
import { ordersEvents } from './events';
import { consumedBy, relayHandlers } from '../events';
import { RecoverySweep } from './services/recovery.service';
import { sagaPorts } from './services/saga-ports';
import { OrderRefundsResolver, RefundResolver } from './resolvers/refund.resolver';
import { positiveIntFromEnv } from '../../core/config';
import { JobLease, JobLeases, leasedTask } from '../../core/job-lease';
import { ReturnRequest } from './entities/return-request';
import { OrderReturnsResolver, ReturnsResolver, resolveReturnRef } from './resolvers/returns.resolver';
import { AdvancePayout, AdvanceTerms, CommissionRate } from './entities/commission';
import {
  AdvancePaymentResolver,
  CommissionRateResolver,
  StatementAdvanceResolver,
} from './resolvers/commission.resolver';

export const ordersSubgraph: SubgraphDefinition = {
  name: 'orders',
  storage: {
    name: 'orders',
    entities: [
      Order,
      OrderLine,
      OrderDiscount,
      SupplierOrder,
      IssuedCode,
      PerkUnit,
      PurchaseCounter,
      Refund,
      ReturnRequest,
      SettlementStatement,
      SettlementLine,
      SettlementPayment,
      StatementReconciliation,
      SettlementInvoice,
      SettlementDispute,
      CommissionRate,
      AdvanceTerms,
      AdvancePayout,
      MallHourReport,
      ListingDayReport,
      SupplierDayReport,
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
    CheckoutPreviewResolver,
    RefundResolver,
    OrderRefundsResolver,
    OrderResolver,
    OrderLineResolver,
    SupplierOrderResolver,
    CustomerOrdersResolver,
    SupplierOrdersResolver,
    AfterSalesResolver,
    ReportsResolver,
    DashboardResolver,
    SettlementStatementResolver,
    StatementsResolver,
    StatementFiguresResolver,
    SettlementLineTraceResolver,
    SettlementDisputeResolver,
    PerkOutcomeResolver,
    ReturnsResolver,
    OrderReturnsResolver,
    ScorecardResolver,
    ReconciliationResolver,
    StatementReconciliationResolver,
    InvoiceResolver,
    SettlementInvoiceResolver,
    StatementInvoicesFieldResolver,
    CommissionRateResolver,
    AdvancePaymentResolver,
    StatementAdvanceResolver,
    MarketplaceSalesResolver,
    MarketplaceBankGmvResolver,
    MarketplaceSupplierSalesResolver,
    PackingSlipResolver,
  ],
  orphanedTypes: [CustomerRef, SupplierRef],
  referenceResolvers: {
    Customer: (ref) => ({ id: ref.id }),
    Supplier: (ref) => ({ id: ref.id }),
    Order: async (ref, ctx) => {
      const l = ordersLoaders(ctx);
      const order = await l.order.load(ref.id);
      if (!order) return null;
      try {
        return assertCanSeeOrder(ctx.principal, order, await l.supplierOrdersByOrder.load(order.id), ref.id);
      } catch {
        return null;
      }
    },
    SupplierOrder: (ref, ctx) => resolveSupplierOrderRef(ref.id, ctx),
    ReturnRequest: (ref, ctx) => resolveReturnRef(ref.id, ctx),
  },
  backgroundTasks: (orm, log) => {
    let sweep: RecoverySweep | null = null; // a fresh one (and EntityManager) per run
    const relay = new OutboxRelay(orm, relayHandlers(ordersEvents()), log);
    return [
      relay.task(1000),
      // One replica sweeps at a time (its steps are idempotent, but two sweeps would race on the same orders).
      leasedTask(new JobLeases(orm, log), 'orders.recovery', {
        name: 'order-recovery',
        intervalMs: positiveIntFromEnv('PERKMALL_RECOVERY_INTERVAL_MS', 30_000),
        run: async () => {
          sweep = new RecoverySweep(orm.em.fork() as SqlEntityManager, sagaPorts(), log);
          await sweep.run().finally(() => (sweep = null));
        },
        stop: () => sweep?.stop(),
      }),
    ];
  },
  // Logistics' supplier-order progress, returns, withdrawals and perk outcomes, on JetStream when configured.
  eventConsumers: () => consumedBy('orders'),
};
