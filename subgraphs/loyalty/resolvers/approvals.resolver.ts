import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { approvedBy } from '../../../core/approval-gate';
import { requireRole } from '../../../core/identity';
import { PointsChange, Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import { PointsLedgerEntry as LedgerEntryType, PointsTrack, type PointsLedgerEntry } from '../entities/ledger-entry';
import { EarnRulesService } from '../services/earn-rules.service';

@InputType({ description: 'A points adjustment a second person approved (staff subgraph only).' })
export class ApplyApprovedPointsAdjustmentInput {
  @Field(() => ID, { description: 'The approval request; applying it again returns the same entry.' })
  approvalRequestId!: string;
  @Field(() => ID, { description: 'The bank the request was made in.' }) bankId!: string;
  @Field(() => String, { description: 'Who asked for it (their token subject).' })
  @Text({ max: 100 })
  makerSub!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => PointsTrack) track!: PointsTrack;
  @Field(() => PointsChange) amount!: number;
  @Field(() => String)
  @Text({ max: 500, multiline: true })
  reason!: string;
  @Field(() => Int, { nullable: true }) validityDays?: number | null;
}

@Resolver()
export class LoyaltyApprovalsResolver {
  @Mutation(() => LedgerEntryType, {
    description: 'Apply an approved points adjustment as its maker, once per approval request (internal).',
  })
  applyApprovedPointsAdjustment(
    @Arg('input', () => ApplyApprovedPointsAdjustmentInput) input: ApplyApprovedPointsAdjustmentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PointsLedgerEntry> {
    requireRole(ctx.principal, 'SERVICE');
    const maker = approvedBy({ sub: input.makerSub, bankId: input.bankId }, 'ADJUST_POINTS');
    return new EarnRulesService(ctx.em, maker).adjust({
      customerId: Number(input.customerId),
      track: input.track,
      amount: input.amount,
      reason: input.reason,
      idempotencyKey: `approval:${input.approvalRequestId}`,
      validityDays: input.validityDays,
    });
  }
}
