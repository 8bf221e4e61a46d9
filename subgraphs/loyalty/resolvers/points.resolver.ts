import { Arg, Args, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root, ID } from 'type-graphql';
import { badInput } from '../../../core/errors';
import { PageArgs, pageSize, toConnection, validPage, type Connection } from '../../../core/pagination';
import { pageKey } from '../../../core/loaders';
import type { SubgraphContext } from '../../../core/subgraph';
import { LedgerEntryType, type PointsLedgerEntry } from '../entities/ledger-entry';
import { EXPIRY_LOOKAHEAD_DAYS, loyaltyLoaders } from '../loaders';
import { assertCanReadPoints, groupExpiring, PointsQueryService } from '../services/points-query.service';
import {
  CustomerPoints,
  CustomerWithPoints,
  ExpiringPoints,
  LedgerVerification,
  PointsLedgerEntryConnection,
  PointsLotConnection,
  PointsStatement,
} from './types';
import type { PointsLot } from '../entities/points-lot';

@Resolver(() => CustomerWithPoints)
export class CustomerPointsResolver {
  @FieldResolver(() => CustomerPoints, { description: 'Points on both tracks.' })
  @Directive('@requires(fields: "tierName")')
  async points(@Root() customer: CustomerWithPoints, @Ctx() ctx: SubgraphContext): Promise<CustomerPoints> {
    const loaders = loyaltyLoaders(ctx);
    const account = await loaders.accountByCustomer.load(customer.id);
    await assertCanReadPoints(ctx.principal, customer.id, account, (id) => loaders.bankOfCustomer.load(id));
    return {
      account,
      customerId: customer.id,
      redeemable: account?.redeemable ?? 0,
      held: account?.held ?? 0,
      tierPoints: account?.tierPoints ?? 0,
      tier: customer.tierName ?? null,
    };
  }
}

@Resolver(() => CustomerPoints)
export class PointsDetailResolver {
  @FieldResolver(() => [ExpiringPoints], {
    description: `Points that expire within \`withinDays\` (at most ${EXPIRY_LOOKAHEAD_DAYS}), by day.`,
  })
  async expiringSoon(
    @Root() points: CustomerPoints,
    @Arg('withinDays', () => Int, { defaultValue: 30 }) withinDays: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ExpiringPoints[]> {
    if (withinDays < 1 || withinDays > EXPIRY_LOOKAHEAD_DAYS)
      throw badInput(`withinDays must be 1..${EXPIRY_LOOKAHEAD_DAYS}.`);
    if (!points.account) return [];
    const until = Date.now() + withinDays * 86_400_000;
    const lots = await loyaltyLoaders(ctx).expiringLotsByAccount.load(points.account.id);
    return groupExpiring(
      lots
        .filter((l) => l.expiresAt!.getTime() <= until)
        .map((l) => ({ remaining: l.remaining, expiresAt: l.expiresAt! })),
    );
  }

  @FieldResolver(() => PointsLedgerEntryConnection, { description: 'Ledger entries, newest first.' })
  async history(
    @Root() points: CustomerPoints,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('types', () => [LedgerEntryType], { nullable: true }) types: LedgerEntryType[] | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<PointsLedgerEntry>> {
    validPage(page, 1);
    if (!points.account)
      return toConnection<PointsLedgerEntry>([], pageSize(page.first), () => [], Boolean(page.after));
    return (await loyaltyLoaders(ctx).history(types).load(pageKey(points.account.id, page)))!;
  }

  @FieldResolver(() => PointsLotConnection, {
    description:
      'Lots with points left, newest first: how much of each remains and when it expires (what remains adds up to `redeemable`).',
  })
  async lots(
    @Root() points: CustomerPoints,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<PointsLot>> {
    validPage(page, 1);
    if (!points.account) return toConnection<PointsLot>([], pageSize(page.first), () => [], Boolean(page.after));
    return (await loyaltyLoaders(ctx).openLots.load(pageKey(points.account.id, page)))!;
  }

  @FieldResolver(() => PointsStatement, { description: 'What moved the available points between `from` and `to`.' })
  async statement(
    @Root() points: CustomerPoints,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: SubgraphContext,
  ) {
    const service = new PointsQueryService(ctx.em, ctx.principal);
    if (!points.account) return service.emptyStatement(from, to);
    service.checkPeriod(from, to);
    return (await loyaltyLoaders(ctx).statement(from, to).load(points.account.id))!;
  }
}

@Resolver()
export class LedgerResolver {
  @Query(() => LedgerVerification, { description: "Recompute a bank's balances from the ledger and report any drift." })
  verifyLedger(@Arg('bankId', () => ID) bankId: string, @Ctx() ctx: SubgraphContext): Promise<LedgerVerification> {
    return new PointsQueryService(ctx.em, ctx.principal).verifyLedger(Number(bankId));
  }
}
