import { GraphQLSafeInt } from 'graphql-scalars';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { AdvancePayout, AdvancePayoutStatus, AdvanceTerms, CommissionRate } from '../entities/commission';
import { SettlementStatement } from '../entities/settlement';
import { AdvancePayments, type AdvanceSummary } from '../services/advance.service';
import { CommissionRates } from '../services/commission.service';
import { addDays, localDay } from '../services/local-time';
import { selectRows } from '../../../core/sql';

@InputType({
  description:
    "A commission rate for a supplier: for one category (and its descendants that set none) or the supplier's default.",
})
export class SetCommissionRateInput {
  @Field(() => ID, { description: 'The supplier.' })
  supplierId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The catalog category; omit for the supplier's default (used when neither the category nor an ancestor has a rate).",
  })
  categoryId?: string | null;

  @Field(() => Int, {
    description:
      'Basis points of the supplier price (0..10000; 500 = 5%). Commission per delivered line = ⌊units × supplier price × rateBp / 10000⌋ (rounded down once per line; refunds give back exactly the difference).',
  })
  rateBp!: number;

  @Field(() => String, { description: 'First day it applies, YYYY-MM-DD (the delivery day in the bank’s time zone).' })
  validFrom!: string;

  @Field(() => String, { nullable: true, description: 'Last day it applies, YYYY-MM-DD; omit for open-ended.' })
  validTo?: string | null;
}

@Resolver(() => CommissionRate)
export class CommissionRateResolver {
  @Query(() => [CommissionRate], {
    description:
      "A supplier's commission rates, by category then first day (the supplier its own with SEE_SETTLEMENT; the platform with MANAGE_SETTLEMENT).",
  })
  commissionRates(@Arg('supplierId', () => ID) supplierId: string, @Ctx() ctx: SubgraphContext) {
    return new CommissionRates(ctx.em, ctx.principal).list(supplierId);
  }

  @Mutation(() => CommissionRate, {
    description:
      'Sets a commission rate (platform, MANAGE_SETTLEMENT). CONFLICT when another rate of the same supplier × category is valid on any of its days.',
  })
  setCommissionRate(
    @Arg('input', () => SetCommissionRateInput) input: SetCommissionRateInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return new CommissionRates(ctx.em, ctx.principal).set(input);
  }

  @Mutation(() => CommissionRate, {
    description: 'Ends a commission rate on validTo, its last day (platform, MANAGE_SETTLEMENT): only shortens it.',
  })
  endCommissionRate(
    @Arg('id', () => ID) id: string,
    @Arg('validTo', () => String, { description: 'Its last day, YYYY-MM-DD.' }) validTo: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return new CommissionRates(ctx.em, ctx.principal).end(id, validTo);
  }

  @FieldResolver(() => ID)
  supplierId(@Root() r: CommissionRate): string {
    return String(r.supplierId);
  }

  @FieldResolver(() => ID, { nullable: true, description: "The category; null: the supplier's default." })
  categoryId(@Root() r: CommissionRate): string | null {
    return r.categoryId == null ? null : String(r.categoryId);
  }
}

@InputType({ description: 'A bank’s advance-payment (垫资) terms.' })
export class AdvancePaymentTermsInput {
  @Field(() => Boolean, { description: 'Whether the platform pays suppliers on delivery for this bank.' })
  enabled!: boolean;

  @Field(() => GraphQLSafeInt, {
    description: 'The most the platform may have outstanding for the bank, fen (0..10^12).',
  })
  exposureCapFen!: number;

  @Field(() => Int, { description: 'Days after the statement month’s end the bank repays the platform (0..365).' })
  repaymentTermDays!: number;
}

@ObjectType({ description: 'What the platform advanced to one supplier for a bank.' })
export class AdvanceSupplierFigures {
  @Field(() => ID) supplierId!: string;
  @Field(() => GraphQLSafeInt, { description: 'PAID payouts less clawbacks, fen.' }) paidFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'HELD payouts, fen.' }) heldFen!: number;
}

@ObjectType({ description: 'A bank’s advance-payment position.' })
export class AdvanceExposure {
  @Field(() => ID) bankId!: string;
  @Field(() => AdvanceTerms, { nullable: true, description: 'Its terms; null when none were ever set.' })
  terms!: AdvanceTerms | null;

  @Field(() => GraphQLSafeInt, {
    description:
      'What the platform has outstanding for the bank, fen: per statement, PAID payouts less clawbacks less the bank’s repayments (counted up to what was advanced on it).',
  })
  exposureFen!: number;

  @Field(() => GraphQLSafeInt, { description: 'cap − exposure (not below 0), fen.' }) availableFen!: number;
  @Field(() => Int, { description: 'Payouts held over the cap.' }) heldCount!: number;
  @Field(() => GraphQLSafeInt, { description: 'Their sum, fen.' }) heldFen!: number;
  @Field(() => [AdvanceSupplierFigures]) suppliers!: AdvanceSupplierFigures[];
  @Field(() => [AdvancePayout], { description: 'The held payouts, oldest first (at most 100).' })
  heldPayouts!: AdvancePayout[];
}

async function exposureOf(ctx: SubgraphContext, s: AdvanceSummary): Promise<AdvanceExposure> {
  const held = await ctx.em.find(
    AdvancePayout,
    { bankId: s.bankId, status: AdvancePayoutStatus.HELD },
    { orderBy: { id: 'ASC' }, limit: 100 },
  );
  return {
    bankId: String(s.bankId),
    terms: s.terms,
    exposureFen: s.exposureFen,
    availableFen: s.availableFen,
    heldCount: s.heldCount,
    heldFen: s.heldFen,
    suppliers: s.paidBySupplier.map((p) => ({
      supplierId: String(p.supplierId),
      paidFen: p.paidFen,
      heldFen: p.heldFen,
    })),
    heldPayouts: held,
  };
}

@Resolver(() => AdvancePayout)
export class AdvancePaymentResolver {
  @Mutation(() => AdvanceExposure, {
    description:
      'Sets a bank’s advance-payment (垫资) terms (platform, MANAGE_SETTLEMENT): with them enabled the platform pays suppliers on delivery up to the exposure cap (over it: HELD), and the bank repays per statement within repaymentTermDays of the month’s end. Held payouts that now fit are released.',
  })
  async setAdvancePaymentTerms(
    @Arg('bankId', () => ID) bankId: string,
    @Arg('input', () => AdvancePaymentTermsInput) input: AdvancePaymentTermsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AdvanceExposure> {
    return exposureOf(ctx, await new AdvancePayments(ctx.em, ctx.principal).setTerms(bankId, input));
  }

  @Mutation(() => AdvanceExposure, {
    description:
      'Releases a bank’s HELD advance payouts, oldest first, while they fit under the cap (platform, MANAGE_SETTLEMENT; at most 200 a call — the bounded sweep).',
  })
  async releaseHeldAdvancePayouts(
    @Arg('bankId', () => ID) bankId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AdvanceExposure> {
    return exposureOf(ctx, await new AdvancePayments(ctx.em, ctx.principal).releaseHeld(bankId));
  }

  @Query(() => [AdvanceExposure], {
    description:
      'Advance-payment exposure: a bank its own (PAY_SUPPLIERS); the platform one bank or every bank with terms (MANAGE_SETTLEMENT).',
  })
  async advanceExposure(
    @Arg('bankId', () => ID, { nullable: true }) bankId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AdvanceExposure[]> {
    const all = await new AdvancePayments(ctx.em, ctx.principal).exposure(bankId ?? null);
    return Promise.all(all.map((s) => exposureOf(ctx, s)));
  }

  @FieldResolver(() => ID)
  supplierId(@Root() p: AdvancePayout): string {
    return String(p.supplierId);
  }
}

@ObjectType({ description: 'A statement’s advance-payment figures (the bank is in advance-payment mode).' })
export class StatementAdvance {
  @Field(() => GraphQLSafeInt, { description: 'Advanced to the supplier for its lines (PAID less clawbacks), fen.' })
  advancedFen!: number;

  @Field(() => GraphQLSafeInt, { description: 'Held over the cap, not yet paid, fen.' })
  heldFen!: number;

  @Field(() => GraphQLSafeInt, {
    description: 'What the bank still owes the platform for it: totalFen − paidFen, fen.',
  })
  repaymentDueFen!: number;

  @Field(() => String, {
    description: 'When the bank repays the platform: the month’s last day + the repayment terms, YYYY-MM-DD.',
  })
  repaymentDueOn!: string;
}

@Resolver(() => SettlementStatement)
export class StatementAdvanceResolver {
  @FieldResolver(() => StatementAdvance, {
    nullable: true,
    description: 'Advance-payment figures when the bank has advance terms; null otherwise.',
  })
  async advance(@Root() s: SettlementStatement, @Ctx() ctx: SubgraphContext): Promise<StatementAdvance | null> {
    const loaders = advanceLoaders(ctx);
    const terms = await loaders.terms.load(s.bankId);
    if (!terms) return null;
    const rows = (await loaders.payoutSums.load(s.id)) ?? [];
    const sum = (...st: string[]) => rows.filter((r) => st.includes(r.status)).reduce((a, r) => a + r.fen, 0);
    const [y, m] = s.period.split('-').map(Number) as [number, number];
    const lastDay = localDay(new Date(Date.UTC(y, m, 0)), 'UTC');
    return {
      advancedFen: sum(AdvancePayoutStatus.PAID, AdvancePayoutStatus.CLAWBACK),
      heldFen: sum(AdvancePayoutStatus.HELD),
      repaymentDueFen: s.totalFen - s.paidFen,
      repaymentDueOn: addDays(lastDay, terms.repaymentTermDays),
    };
  }
}

/** A page of statements reads its banks' advance terms and its payouts' sums in one statement each. */
function advanceLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(advanceLoaders, () => ({
    terms: ctx.loaders.one('AdvanceTermsOfBank', async (keys) => {
      const found = await ctx.em.find(AdvanceTerms, { bankId: { $in: keys.map(Number) } });
      return new Map(found.map((t) => [String(t.bankId), t]));
    }),
    payoutSums: ctx.loaders.one('AdvancePayoutSumsOfStatement', async (keys) => {
      const rows = await selectRows<{ statement_id: number; status: string; fen: number | string }>(
        ctx.em,
        `SELECT statement_id, status, SUM(amount_fen) AS fen FROM advance_payout
         WHERE statement_id IN (${keys.map(() => '?').join(', ')}) GROUP BY statement_id, status`,
        keys.map(Number),
      );
      const out = new Map<string, { status: string; fen: number }[]>();
      for (const r of rows) {
        const key = String(r.statement_id);
        out.set(key, [...(out.get(key) ?? []), { status: r.status, fen: Number(r.fen) }]);
      }
      return out;
    }),
  }));
}
