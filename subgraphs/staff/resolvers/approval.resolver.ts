import {
  Arg,
  Args,
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
import { GraphQLSafeInt } from 'graphql-scalars';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import { FenAmount, PointsAmount, PointsChange, Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import { ApprovalKind, ApprovalPolicy, ApprovalRequest, ApprovalStatus } from '../entities/approval';
import { PointsTrack, PriceMode } from '../entities/shared-enums';
import { ApprovalService, effectiveStatus, MAX_REQUESTED_TIER_PRICES } from '../services/approval.service';
import { staffLoaders } from '../loaders';
import { BankRef } from './types';

@InputType({ description: 'A points adjustment to hold for approval (as adjustPoints takes it).' })
class PointsAdjustmentChangeInput {
  @Field(() => ID) customerId!: string;
  @Field(() => PointsTrack) track!: PointsTrack;
  @Field(() => PointsChange, { description: 'Positive adds, negative removes.' }) amount!: number;
  @Field(() => String, { description: 'Why (the customer sees it in their history); up to 500 characters.' })
  @Text({ max: 500, multiline: true })
  reason!: string;
  @Field(() => Int, { nullable: true, description: 'Added redeemable points expire after this many days.' })
  validityDays?: number | null;
}

@ObjectType({ description: 'The points adjustment a request holds (kind POINTS_ADJUSTMENT).' })
class PointsAdjustmentChange {
  @Field(() => ID, { description: 'The customer.' }) customerId!: string;
  @Field(() => PointsTrack, { description: 'Which track.' }) track!: PointsTrack;
  @Field(() => GraphQLSafeInt, { description: 'Positive adds, negative removes.' }) amount!: number;
  @Field(() => String, { description: 'Why (the customer sees it in their history).' }) reason!: string;
}

@InputType({ description: 'A listing price below the supplier price, to hold for approval.' })
class ListingPriceChangeInput {
  @Field(() => ID) listingId!: string;
  @Field(() => PriceMode, { nullable: true }) priceMode?: PriceMode | null;
  @Field(() => PointsAmount, { nullable: true }) pricePoints?: number | null;
  @Field(() => FenAmount, { nullable: true }) priceFen?: number | null;
}

@InputType({ description: "One tier's price (as setListingTierPrices takes it)." })
class TierPriceChangeInput {
  @Field(() => ID, { description: "A tier of the listing's bank." }) tierId!: string;
  @Field(() => PriceMode) priceMode!: PriceMode;
  @Field(() => PointsAmount) pricePoints!: number;
  @Field(() => FenAmount, { description: 'Cash part, in fen.' }) priceFen!: number;
}

@InputType({
  description:
    "A listing's tier prices, some below the supplier price, to hold for approval: once approved they replace the listing's tier prices, as setListingTierPrices does.",
})
class ListingTierPricesChangeInput {
  @Field(() => ID) listingId!: string;
  @Field(() => [TierPriceChangeInput], {
    description: `1–${MAX_REQUESTED_TIER_PRICES} prices, one per tier of the bank.`,
  })
  prices!: TierPriceChangeInput[];
}

@InputType({ description: 'A campaign to launch (schedule) once approved.' })
class CampaignLaunchChangeInput {
  @Field(() => ID) campaignId!: string;
  @Field(() => FenAmount, {
    nullable: true,
    description:
      "The campaign's budget as the checker approves it (left out or null: no cap); the launch fails if the campaign's budget differs when it is applied.",
  })
  budgetFen?: number | null;
}

@InputType({ description: 'A partner app to create once approved.' })
class PartnerAppChangeInput {
  @Field(() => String, { description: '2–200 characters.' })
  @Text({ max: 200 })
  name!: string;
  @Field(() => Boolean, { nullable: true }) safelistOnly?: boolean | null;
}

@InputType({ description: 'A change for a second person to approve: give exactly one of the changes.' })
class RequestApprovalInput {
  @Field(() => ID, { nullable: true, description: 'The bank (platform staff only; bank staff act for their own).' })
  bankId?: string | null;
  @Field(() => String, { description: 'Why you ask for it (the checker reads it); 4–500 characters.' })
  @Text({ max: 500, multiline: true })
  note!: string;
  @Field(() => PointsAdjustmentChangeInput, { nullable: true }) pointsAdjustment?: PointsAdjustmentChangeInput | null;
  @Field(() => ListingPriceChangeInput, { nullable: true }) listingPrice?: ListingPriceChangeInput | null;
  @Field(() => ListingTierPricesChangeInput, { nullable: true })
  listingTierPrices?: ListingTierPricesChangeInput | null;
  @Field(() => CampaignLaunchChangeInput, { nullable: true }) campaignLaunch?: CampaignLaunchChangeInput | null;
  @Field(() => PartnerAppChangeInput, { nullable: true }) partnerApp?: PartnerAppChangeInput | null;
}

@InputType({ description: 'Approve a request (not your own).' })
class ApproveRequestInput {
  @Field(() => ID) approvalRequestId!: string;
  @Field(() => String, { nullable: true })
  @Text({ max: 500, multiline: true })
  note?: string | null;
}

@InputType({ description: 'Reject a request, saying why.' })
class RejectRequestInput {
  @Field(() => ID) approvalRequestId!: string;
  @Field(() => String, { description: '4–500 characters.' })
  @Text({ max: 500, multiline: true })
  reason!: string;
}

@InputType({ description: 'Take back your own request while it is pending.' })
class WithdrawApprovalRequestInput {
  @Field(() => ID) approvalRequestId!: string;
}

@InputType({ description: 'Which of the bank’s changes wait for a second person; fields left out stay as they are.' })
class SetApprovalPolicyInput {
  @Field(() => ID) bankId!: string;
  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: 'Adjustments of more than this many points wait; null turns the rule off.',
  })
  pointsAdjustmentAbove?: number | null;
  @Field(() => Boolean, { nullable: true }) listingBelowCost?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Every campaign launch waits, whatever its budget.' })
  campaignLaunch?: boolean | null;
  @Field(() => FenAmount, {
    nullable: true,
    description:
      'Launches of campaigns with a budget above this many fen (or no budget) wait; null turns the rule off.',
  })
  campaignBudgetAboveFen?: number | null;
  @Field(() => Boolean, { nullable: true }) partnerAppCreation?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Hours a request waits before it expires (1–720).' })
  expiryHours?: number | null;
}

@InputType({ description: 'Which approval requests to list.' })
class ApprovalRequestFilter {
  @Field(() => ID, { nullable: true, description: 'One bank (platform staff).' }) bankId?: string | null;
  @Field(() => ApprovalStatus, { nullable: true }) status?: ApprovalStatus | null;
  @Field(() => ApprovalKind, { nullable: true }) kind?: ApprovalKind | null;
  @Field(() => Boolean, { nullable: true, description: 'Only the requests you made.' }) mine?: boolean | null;
}

@ObjectType()
class ApprovalRequestConnection extends ConnectionType(ApprovalRequest, 'ApprovalRequest') {}

@Resolver(() => ApprovalRequest)
export class ApprovalResolver {
  @Query(() => ApprovalPolicy, { description: 'Which of a bank’s changes wait for a second person.' })
  approvalPolicy(@Arg('bankId', () => ID) bankId: string, @Ctx() ctx: SubgraphContext): Promise<ApprovalPolicy> {
    return new ApprovalService(ctx.em, ctx.principal, staffLoaders(ctx)).policy(bankId);
  }

  @Query(() => ApprovalRequestConnection, {
    description: 'Approval requests you may decide or made, newest first.',
  })
  approvalRequests(
    @Arg('filter', () => ApprovalRequestFilter, { nullable: true }) filter: ApprovalRequestFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<ApprovalRequest>> {
    return new ApprovalService(ctx.em, ctx.principal, staffLoaders(ctx)).list(filter ?? {}, page.first, page.after);
  }

  @Query(() => ApprovalRequest, { description: 'One approval request.' })
  approvalRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<ApprovalRequest> {
    return new ApprovalService(ctx.em, ctx.principal, staffLoaders(ctx)).get(id);
  }

  @Mutation(() => ApprovalPolicy, {
    description: 'Set which of your bank’s changes wait for a second person (bank admins).',
  })
  setApprovalPolicy(
    @Arg('input', () => SetApprovalPolicyInput) input: SetApprovalPolicyInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApprovalPolicy> {
    const { bankId, ...changes } = input;
    return new ApprovalService(ctx.em, ctx.principal, staffLoaders(ctx)).setPolicy(bankId, changes);
  }

  @Mutation(() => ApprovalRequest, {
    description: 'Submit a change that your bank holds for a second person; it applies when someone else approves it.',
  })
  requestApproval(
    @Arg('input', () => RequestApprovalInput) input: RequestApprovalInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApprovalRequest> {
    return new ApprovalService(ctx.em, ctx.principal, staffLoaders(ctx)).request(input);
  }

  @Mutation(() => ApprovalRequest, {
    description:
      'Approve someone else’s request; it is applied within seconds (status APPLIED, or FAILED with the reason).',
  })
  approveRequest(
    @Arg('input', () => ApproveRequestInput) input: ApproveRequestInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApprovalRequest> {
    return new ApprovalService(ctx.em, ctx.principal, staffLoaders(ctx)).approve(input.approvalRequestId, input.note);
  }

  @Mutation(() => ApprovalRequest, { description: 'Reject someone else’s request, saying why.' })
  rejectRequest(
    @Arg('input', () => RejectRequestInput) input: RejectRequestInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApprovalRequest> {
    return new ApprovalService(ctx.em, ctx.principal, staffLoaders(ctx)).reject(input.approvalRequestId, input.reason);
  }

  @Mutation(() => ApprovalRequest, { description: 'Take back your own pending request.' })
  withdrawApprovalRequest(
    @Arg('input', () => WithdrawApprovalRequestInput) input: WithdrawApprovalRequestInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApprovalRequest> {
    return new ApprovalService(ctx.em, ctx.principal, staffLoaders(ctx)).withdraw(input.approvalRequestId);
  }

  @FieldResolver(() => ApprovalStatus, {
    description: 'Where it stands (a pending request past its expiry is EXPIRED).',
  })
  status(@Root() request: ApprovalRequest): ApprovalStatus {
    return effectiveStatus(request);
  }

  @FieldResolver(() => PointsAdjustmentChange, {
    nullable: true,
    description: 'The points adjustment it holds (null for other kinds), e.g. to show a customer’s pending ones.',
  })
  pointsAdjustment(@Root() request: ApprovalRequest): PointsAdjustmentChange | null {
    if (request.kind !== ApprovalKind.POINTS_ADJUSTMENT) return null;
    const p = request.payload as Partial<PointsAdjustmentChange>;
    return { customerId: String(p.customerId), track: p.track!, amount: Number(p.amount), reason: String(p.reason) };
  }

  @FieldResolver(() => BankRef, { description: 'The bank it was made in.' })
  bank(@Root() request: ApprovalRequest): BankRef {
    return { id: String(request.bankId) };
  }
}
