import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { approvedBy } from '../../../core/approval-gate';
import { conflict, notFound } from '../../../core/errors';
import { requireRole } from '../../../core/identity';
import { FenAmount, PointsAmount, Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import { Campaign, CampaignState } from '../entities/campaign';
import { Listing, PriceMode } from '../entities/listing';
import { PartnerApp } from '../entities/partner-app';
import { idOf } from '../services/access';
import { CampaignService } from '../services/campaign.service';
import { ListingService } from '../services/listing.service';
import { PartnerAppService } from '../services/partner-app.service';
import { MAX_TIER_PRICES, TierPriceService } from '../services/tier-price.service';
import { TierPriceInput } from './tier-price.resolver';

// Applying changes a second person approved (maker-checker). Only the staff subgraph calls these,
// once per approval request as far as it knows; each is idempotent on the request in case it
// calls again after a crash. They act as the maker (core/approval-gate.ts `approvedBy`), so the
// usual tenant checks hold and the approval policy does not hold the change a second time.

@InputType({ description: 'Who asked for an approved change (internal).' })
class ApprovedChangeInput {
  @Field(() => ID, { description: 'The approval request.' }) approvalRequestId!: string;
  @Field(() => ID, { description: 'The bank the request was made in.' }) bankId!: string;
  @Field(() => String, { description: 'Who asked for it (their token subject).' })
  @Text({ max: 100 })
  makerSub!: string;
}

@InputType({ description: 'An approved below-cost listing price (internal).' })
export class ApplyApprovedListingPriceInput extends ApprovedChangeInput {
  @Field(() => ID) listingId!: string;
  @Field(() => PriceMode, { nullable: true }) priceMode?: PriceMode | null;
  @Field(() => PointsAmount, { nullable: true }) pricePoints?: number | null;
  @Field(() => FenAmount, { nullable: true }) priceFen?: number | null;
}

@InputType({ description: "An approved listing's tier prices, some below cost (internal)." })
export class ApplyApprovedListingTierPricesInput extends ApprovedChangeInput {
  @Field(() => ID) listingId!: string;
  @Field(() => [TierPriceInput], { description: `The tier prices the checker approved, at most ${MAX_TIER_PRICES}.` })
  prices!: TierPriceInput[];
}

@InputType({ description: 'An approved campaign launch (internal).' })
export class ApplyApprovedCampaignLaunchInput extends ApprovedChangeInput {
  @Field(() => ID) campaignId!: string;
  @Field(() => FenAmount, { nullable: true, description: 'The budget the checker approved (null: no cap).' })
  budgetFen?: number | null;
}

@InputType({ description: 'An approved partner app (internal).' })
export class ApplyApprovedPartnerAppInput extends ApprovedChangeInput {
  @Field(() => String)
  @Text({ max: 200 })
  name!: string;
  @Field(() => Boolean, { nullable: true }) safelistOnly?: boolean | null;
}

@ObjectType({ description: 'A partner app created by an approved request; its maker rotates its secret to get one.' })
export class ApprovedPartnerApp {
  @Field(() => ID) id!: string;
  @Field(() => String) clientId!: string;
}

@Resolver()
export class TenantsApprovalsResolver {
  @Mutation(() => Listing, { description: 'Apply an approved below-cost listing price as its maker (internal).' })
  async applyApprovedListingPrice(
    @Arg('input', () => ApplyApprovedListingPriceInput) input: ApplyApprovedListingPriceInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Listing> {
    requireRole(ctx.principal, 'SERVICE');
    const maker = approvedBy({ sub: input.makerSub, bankId: input.bankId }, 'CURATE_LISTINGS');
    const { listing } = await new ListingService(ctx.em, maker).update(input.listingId, {
      priceMode: input.priceMode,
      pricePoints: input.pricePoints,
      priceFen: input.priceFen,
    });
    return listing;
  }

  @Mutation(() => Listing, {
    description: "Set an approved listing's tier prices (some below cost) as its maker (internal).",
  })
  async applyApprovedListingTierPrices(
    @Arg('input', () => ApplyApprovedListingTierPricesInput) input: ApplyApprovedListingTierPricesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Listing> {
    requireRole(ctx.principal, 'SERVICE');
    const maker = approvedBy({ sub: input.makerSub, bankId: input.bankId }, 'CURATE_LISTINGS');
    // setListingTierPrices' own checks (the maker's bank's listing and tiers, at most 20, the price
    // rules) hold here too; it replaces the whole set, so applying again after a crash changes nothing.
    const { listing } = await new TierPriceService(ctx.em, maker).set(
      input.listingId,
      input.prices.map((p) => ({ ...p })),
    );
    return listing;
  }

  @Mutation(() => Campaign, { description: 'Schedule an approved campaign as its maker (internal).' })
  async applyApprovedCampaignLaunch(
    @Arg('input', () => ApplyApprovedCampaignLaunchInput) input: ApplyApprovedCampaignLaunchInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Campaign> {
    requireRole(ctx.principal, 'SERVICE');
    const maker = approvedBy({ sub: input.makerSub, bankId: input.bankId }, 'RUN_CAMPAIGNS');
    const campaigns = new CampaignService(ctx.em, maker);
    const campaign = await campaigns.own(input.campaignId);
    // Applied before (a retry after a crash): scheduling again would be a CONFLICT, not a new change.
    if (campaign.state === CampaignState.SCHEDULED) return campaign;
    // The checker approved a launch with this budget: one changed since (setCampaignBudget on the
    // DRAFT) is not what they approved.
    const approved = input.budgetFen ?? null;
    if ((campaign.budgetFen ?? null) !== approved)
      throw conflict(
        `Campaign ${campaign.id}'s budget is ${campaign.budgetFen == null ? 'uncapped' : `${campaign.budgetFen} fen`}, not the ${approved == null ? 'uncapped budget' : `${approved} fen`} approved; ask for approval again.`,
      );
    return campaigns.schedule(input.campaignId);
  }

  @Mutation(() => ApprovedPartnerApp, { description: 'Create an approved partner app for its bank (internal).' })
  async applyApprovedPartnerApp(
    @Arg('input', () => ApplyApprovedPartnerAppInput) input: ApplyApprovedPartnerAppInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApprovedPartnerApp> {
    requireRole(ctx.principal, 'SERVICE');
    const bankId = idOf('Bank', input.bankId);
    // The client id names the request, so a second call finds the app the first one made.
    const clientId = `pa_approved_${idOf('ApprovalRequest', input.approvalRequestId)}`;
    const existing = await ctx.em.findOne(PartnerApp, { clientId });
    if (existing) {
      if (existing.bankId !== bankId) throw notFound('Bank', input.bankId);
      return { id: String(existing.id), clientId };
    }
    const { app } = await new PartnerAppService(ctx.em).create(
      bankId,
      input.name.trim(),
      input.safelistOnly ?? null,
      null,
      clientId,
    );
    return { id: String(app.id), clientId: app.clientId };
  }
}
