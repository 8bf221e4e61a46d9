import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { BANK_ROLES_OR_PLATFORM, isCustomer, requireRoleAndPermission, type Principal } from '../../../core/identity';
import { DEFAULT_TIME_ZONE } from '../../../core/local-time';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { BenefitRule } from '../entities/benefit-rule';
import { Customer } from '../entities/customer';
import { requestNow, tenantsLoaders } from '../loaders';
import { assertCanSeeCustomer, CAMPAIGNS, CURATOR_ROLES, CUSTOMER_RECORDS } from '../services/access';
import { BenefitRuleService } from '../services/benefit-rule.service';
import {
  periodEndOf,
  quotaStandings,
  quotaUses,
  type QuotaHolder,
  type QuotaStanding,
  type QuotaUseRow,
} from '../services/benefit-quotas';
import { periodKeyOf } from '../services/benefits';

@ObjectType({
  description: "A customer's standing on one live QUOTA benefit rule in its current period (the bank's time zone).",
})
export class BenefitQuota {
  @Field(() => BenefitRule, { description: 'The QUOTA rule.' })
  benefitRule!: BenefitRule;

  @Field(() => String, { description: "The current period: '2026-11', '2026-Q4' or '2026'." })
  periodKey!: string;

  @Field(() => Date, {
    description: "When the current period ends and the quota starts afresh (UTC; local midnight in the bank's zone).",
  })
  periodEndsAt!: Date;

  @Field(() => Int, { description: 'Units allowed per period.' })
  unitsAllowed!: number;

  @Field(() => Int, { description: 'Units used in the current period (orders not cancelled, refunds given back).' })
  used!: number;

  @Field(() => Int, { description: 'Units left in the current period.' })
  left!: number;
}

@ObjectType('BenefitQuotaUse', { description: "One customer's use of a QUOTA rule in one period." })
export class BenefitQuotaUseNode {
  ruleId!: number;
  customerId!: number;

  @Field(() => String, { description: "The period: '2026-11', '2026-Q4' or '2026'." })
  periodKey!: string;

  @Field(() => Int, { description: 'Units used.' })
  used!: number;

  @Field(() => Int, { description: 'Units allowed per period.' })
  unitsAllowed!: number;
}

@ObjectType()
export class BenefitQuotaUseConnection extends ConnectionType(BenefitQuotaUseNode, 'BenefitQuotaUse') {}

/**
 * Who may read a customer's quotas: the customer themself, their bank's staff serving customers
 * (SERVE_CUSTOMERS), the platform (MANAGE_TENANTS) and services. Another bank's customer is NOT_FOUND.
 */
function assertSeesQuotas(principal: Principal, customer: Customer): void {
  if (!isCustomer(principal))
    requireRoleAndPermission(principal, [...BANK_ROLES_OR_PLATFORM, 'SERVICE'], CUSTOMER_RECORDS);
  assertCanSeeCustomer(principal, customer);
}

@Resolver(() => Customer)
export class CustomerBenefitQuotaResolver {
  @FieldResolver(() => [BenefitQuota], {
    description:
      "The customer's live QUOTA benefits (for their tier, their segments or everyone), oldest rule first, at most 100: units allowed, used and left in the current period and when it ends. The customer themself, and their bank's staff with SERVE_CUSTOMERS.",
  })
  async benefitQuotas(@Root() customer: Customer, @Ctx() ctx: SubgraphContext): Promise<QuotaStanding[]> {
    assertSeesQuotas(ctx.principal, customer);
    const loaders = tenantsLoaders(ctx);
    const [bank, segmentIds] = await Promise.all([
      loaders.bank.load(customer.bankId),
      loaders.segmentIdsOfCustomer.load(customer.id),
    ]);
    const holder: QuotaHolder = {
      customerId: customer.id,
      bankId: customer.bankId,
      tierId: customer.tierId ?? null,
      segmentIds,
      timeZone: bank?.timeZone ?? DEFAULT_TIME_ZONE,
    };
    // One loader for the whole request: the rules and counters of a page of customers in two statements.
    const loader = ctx.loaders.memo(CustomerBenefitQuotaResolver, () =>
      ctx.loaders.many<QuotaStanding>('BenefitQuotasOfCustomer', async (keys) => {
        const holders = keys.map((k) => JSON.parse(k) as QuotaHolder);
        const found = await quotaStandings(ctx.em, holders, requestNow(ctx));
        return new Map(keys.map((k, i) => [k, found.get(holders[i]!.customerId) ?? []]));
      }),
    );
    return loader.load(JSON.stringify(holder));
  }
}

@Resolver(() => BenefitRule)
export class BenefitRuleQuotaResolver {
  @Query(() => BenefitRule, {
    description: "One benefit rule of your bank (bank staff with RUN_CAMPAIGNS); another bank's is NOT_FOUND.",
  })
  benefitRule(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<BenefitRule> {
    requireRoleAndPermission(ctx.principal, CURATOR_ROLES, CAMPAIGNS);
    return new BenefitRuleService(ctx.em, ctx.principal).own(id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "QUOTA: the current period's key in the bank's time zone ('2026-11', '2026-Q4', '2026'); null otherwise.",
  })
  async currentPeriodKey(@Root() rule: BenefitRule, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    if (!rule.quotaPeriod) return null;
    return periodKeyOf(rule.quotaPeriod, requestNow(ctx), await zoneOf(ctx, rule.bankId));
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'QUOTA: when the current period ends (UTC; local midnight in the bank’s time zone); null otherwise.',
  })
  async currentPeriodEndsAt(@Root() rule: BenefitRule, @Ctx() ctx: SubgraphContext): Promise<Date | null> {
    if (!rule.quotaPeriod) return null;
    const zone = await zoneOf(ctx, rule.bankId);
    return periodEndOf(rule.quotaPeriod, periodKeyOf(rule.quotaPeriod, requestNow(ctx), zone), zone);
  }

  @FieldResolver(() => BenefitQuotaUseConnection, {
    description:
      'QUOTA: customers who used this rule in a period (default: the current one), by customer id (bank staff with RUN_CAMPAIGNS). Empty for other kinds.',
  })
  async quotaUses(
    @Root() rule: BenefitRule,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
    @Arg('periodKey', () => String, {
      nullable: true,
      description: "The period: '2026-11' (MONTH), '2026-Q4' (QUARTER) or '2026' (YEAR); omit for the current one.",
    })
    periodKey?: string | null,
  ): Promise<Connection<QuotaUseRow>> {
    return quotaUses(
      ctx.em,
      ctx.principal,
      rule,
      await zoneOf(ctx, rule.bankId),
      { periodKey, ...page },
      requestNow(ctx),
    );
  }
}

@Resolver(() => BenefitQuotaUseNode)
export class BenefitQuotaUseResolver {
  @FieldResolver(() => Customer, { description: 'The customer.' })
  async customer(@Root() use: QuotaUseRow, @Ctx() ctx: SubgraphContext): Promise<Customer> {
    return (await tenantsLoaders(ctx).customer.load(use.customerId))!;
  }

  @FieldResolver(() => Int, { description: 'Units left of the period’s allowance.' })
  left(@Root() use: QuotaUseRow): number {
    return Math.max(0, use.unitsAllowed - use.used);
  }
}

async function zoneOf(ctx: SubgraphContext, bankId: number): Promise<string> {
  return (await tenantsLoaders(ctx).bank.load(bankId))?.timeZone ?? DEFAULT_TIME_ZONE;
}
