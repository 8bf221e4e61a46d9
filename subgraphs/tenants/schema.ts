import { SearchFactsBackfill } from './services/search-facts-backfill';
import type { MikroORM } from '@mikro-orm/core';
import { BANK_NOTIFICATION_TOPIC, OutboxMessage, OutboxRelay } from '../../core/outbox';
import { batchedHandler, type EventHandler } from '../../core/event-transport';
import { consumedBy } from '../events';
import type { BankNotification } from '../../core/bank-notifications';
import { WebhookDelivery, WebhookEndpoint } from './entities/webhook';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './resolvers/webhook.resolver';
import { WebhookDispatcher, recordBankNotifications } from './services/webhook.service';
import type { SubgraphDefinition } from '../../core/subgraph';
import { Bank } from './entities/bank';
import { BenefitQuotaSpend, BenefitQuotaUse, BenefitRule, BenefitRuleListing } from './entities/benefit-rule';
import { BenefitRuleResolver } from './resolvers/benefit-rule.resolver';
import {
  BenefitQuotaUseResolver,
  BenefitRuleQuotaResolver,
  CustomerBenefitQuotaResolver,
} from './resolvers/benefit-quota.resolver';
import {
  Campaign,
  CampaignBudgetHold,
  CampaignBudgetReturn,
  CampaignListing,
  CampaignSegment,
  CampaignSpend,
  CampaignTier,
} from './entities/campaign';
import { CurationRun } from './entities/curation-run';
import { Customer, CustomerTag } from './entities/customer';
import {
  Listing,
  ListingSalesOrder,
  ListingSalesRefund,
  ListingSegment,
  ListingTier,
  ListingTierPrice,
  SkuSearchTerm,
} from './entities/listing';
import { Mall } from './entities/mall';
import { PartnerApp } from './entities/partner-app';
import { CustomerSegment, Segment, SegmentMember } from './entities/segment';
import { Tier, TierChange } from './entities/tier';
import { Voucher, VoucherRedemption, VoucherReturn, VoucherUse } from './entities/voucher';
import { CustomerVoucherResolver, VoucherResolver } from './resolvers/voucher.resolver';
import { tenantsLoaders } from './loaders';
import { BankResolver, SegmentResolver } from './resolvers/bank.resolver';
import { CampaignItemResolver, CampaignResolver } from './resolvers/campaign.resolver';
import { CustomerResolver } from './resolvers/customer.resolver';
import { InternalResolver } from './resolvers/internal.resolver';
import { ListingResolver, MallResolver } from './resolvers/mall.resolver';
import { TierPriceResolver } from './resolvers/tier-price.resolver';
import { TenantsApprovalsResolver } from './resolvers/approvals.resolver';
import { PartnerAppResolver } from './resolvers/partner-app.resolver';
import { OnboardingResolver } from './resolvers/onboarding.resolver';
import { assertCanSeeCustomer, assertCurator, assertSameBank, CURATOR_ROLES } from './services/access';
import { SkuAvailabilityResolver } from './resolvers/sku-availability.resolver';
import { BankPriceGuardResolver, ListingPriceGuardResolver } from './resolvers/price-guard.resolver';
import {
  CampaignCostForecastResolver,
  CampaignForecastResolver,
  CampaignListingForecastResolver,
} from './resolvers/campaign-forecast.resolver';
import {
  CustomerTierProgressResolver,
  TierChangeResolver,
  TierEvaluationResolver,
} from './resolvers/tier-evaluation.resolver';
import { runTierEvaluation } from './services/tier-evaluation';
import type { SqlEntityManager } from '@mikro-orm/knex';

export const tenantsSubgraph: SubgraphDefinition = {
  name: 'tenants',
  storage: {
    name: 'tenants',
    entities: [
      Bank,
      Mall,
      Listing,
      ListingTier,
      ListingTierPrice,
      ListingSegment,
      SkuSearchTerm,
      ListingSalesOrder,
      ListingSalesRefund,
      Customer,
      CustomerTag,
      Tier,
      TierChange,
      Segment,
      SegmentMember,
      CustomerSegment,
      Campaign,
      CampaignListing,
      CampaignSegment,
      CampaignTier,
      CampaignBudgetHold,
      CampaignSpend,
      CampaignBudgetReturn,
      BenefitRule,
      BenefitRuleListing,
      BenefitQuotaUse,
      BenefitQuotaSpend,
      CurationRun,
      PartnerApp,
      // Carries the audit trail's entries to staff (core/audit.ts).
      OutboxMessage,
      Voucher,
      VoucherUse,
      VoucherRedemption,
      VoucherReturn,
      WebhookEndpoint,
      WebhookDelivery,
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
    MallResolver,
    ListingResolver,
    TierPriceResolver,
    BankResolver,
    SegmentResolver,
    CustomerResolver,
    CampaignResolver,
    BenefitRuleResolver,
    CampaignItemResolver,
    CampaignForecastResolver,
    CampaignCostForecastResolver,
    CampaignListingForecastResolver,
    InternalResolver,
    PartnerAppResolver,
    OnboardingResolver,
    SkuAvailabilityResolver,
    ListingPriceGuardResolver,
    BankPriceGuardResolver,
    TenantsApprovalsResolver,
    CustomerTierProgressResolver,
    TierChangeResolver,
    TierEvaluationResolver,
    VoucherResolver,
    CustomerVoucherResolver,
    CustomerBenefitQuotaResolver,
    BenefitRuleQuotaResolver,
    BenefitQuotaUseResolver,
    WebhookEndpointResolver,
    WebhookDeliveryResolver,
  ],
  // Tenants' relay carries the audit trail's messages and its own bank notifications (tier changes),
  // which it fans out to webhook deliveries locally instead of calling itself. The webhook
  // dispatcher sends due deliveries (claimed one by one, so replicas never send one twice at once).
  // The tier evaluation (rollover at period boundaries, downgrades after grace) is idempotent, so
  // every process may run it.
  // Catalog's SKU changes, orders' listing sales and refunds, and every subgraph's bank notifications,
  // on JetStream when configured (subgraphs/events.ts).
  eventConsumers: (orm) => consumedBy('tenants', tenantsOwnEvents(orm)),
  backgroundTasks: (orm, log) => [
    new OutboxRelay(orm, tenantsOwnEvents(orm), log).task(1000),
    new WebhookDispatcher(orm.em as SqlEntityManager, log).task(),
    // Listings from before the mall search's columns get their catalog facts (services/search-facts-backfill.ts).
    new SearchFactsBackfill(orm.em as SqlEntityManager, log).task(),
    {
      name: 'tier-evaluation',
      intervalMs: 10 * 60_000,
      run: async () => void (await runTierEvaluation(orm.em.fork() as SqlEntityManager, new Date())),
    },
  ],
  referenceResolvers: {
    // References apply the same visibility rules as direct queries: another bank's object is null,
    // and a customer only resolves listings it may buy now.
    Mall: async (ref, ctx) => {
      const mall = await tenantsLoaders(ctx).mall.load(ref.id);
      if (!mall) return null;
      try {
        assertSameBank(ctx.principal, mall.bank.id, 'Mall', mall.id);
      } catch {
        return null;
      }
      return mall;
    },
    Listing: async (ref, ctx) => {
      const listing = await tenantsLoaders(ctx).visibleListing.load(ref.id);
      if (!listing) return null;
      try {
        assertSameBank(ctx.principal, listing.bankId, 'Listing', listing.id);
      } catch {
        return null;
      }
      return listing;
    },
    // A tier of the caller's bank (anyone of the bank may see its ladder); another bank's is null.
    Tier: async (ref, ctx) => {
      const tier = await tenantsLoaders(ctx).tier.load(ref.id);
      if (!tier) return null;
      try {
        assertSameBank(ctx.principal, tier.bankId, 'Tier', tier.id);
      } catch {
        return null;
      }
      return tier;
    },
    // A campaign, as `campaign(id)` shows it: bank staff of its bank and the platform.
    Campaign: async (ref, ctx) => {
      const campaign = await tenantsLoaders(ctx).campaign.load(ref.id);
      if (!campaign) return null;
      try {
        assertCurator(ctx.principal, CURATOR_ROLES, campaign.bankId, 'Campaign', campaign.id);
      } catch {
        return null;
      }
      return campaign;
    },
    Customer: async (ref, ctx) => {
      const customer = await tenantsLoaders(ctx).customer.load(ref.id);
      if (!customer) return null;
      try {
        assertCanSeeCustomer(ctx.principal, customer);
      } catch {
        return null;
      }
      return customer;
    },
    Bank: async (ref, ctx) => {
      const bank = await tenantsLoaders(ctx).bank.load(ref.id);
      if (!bank) return null;
      try {
        assertSameBank(ctx.principal, bank.id, 'Bank', bank.id);
      } catch {
        return null;
      }
      return bank;
    },
  },
};

/** Bank notifications, fanned out to webhook deliveries in this process (idempotent on the bank's key). */
function tenantsOwnEvents(orm: MikroORM): Record<string, EventHandler> {
  const record = async (payloads: Record<string, unknown>[]) => {
    const em = orm.em.fork() as SqlEntityManager;
    await em.transactional((tx) =>
      recordBankNotifications(tx as SqlEntityManager, payloads as unknown as BankNotification[]),
    );
  };
  return {
    // On JetStream the consumer hands over every notification it holds at once: one transaction.
    [BANK_NOTIFICATION_TOPIC]: batchedHandler(
      (payload) => record([payload]),
      (payloads) => record(payloads),
    ),
  };
}
