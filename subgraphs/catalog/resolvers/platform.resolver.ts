import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import { Brand, BrandProposal, BrandProposalStatus } from '../entities/brand';
import { catalogLoaders } from '../loaders';
import { Category } from '../entities/category';
import { Supplier } from '../entities/supplier';
import { PlatformCatalogService } from '../services/platform.service';

@InputType({ description: 'A new supplier (platform admins).' })
export class CreateSupplierInput {
  @Field(() => String, { description: 'Short unique code, e.g. "JD-GOODS".' })
  code!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;
}

@ObjectType({ description: 'The new supplier.' })
export class CreateSupplierPayload {
  @Field(() => Supplier, { description: 'The supplier.' })
  supplier!: Supplier;
}

@InputType({ description: 'A new brand (platform admins).' })
export class CreateBrandInput {
  @Field(() => String, { description: 'Brand name, unique.' })
  name!: string;
}

@ObjectType({ description: 'The new brand.' })
export class CreateBrandPayload {
  @Field(() => Brand, { description: 'The brand.' })
  brand!: Brand;
}

@InputType({ description: 'A new category (platform admins).' })
export class CreateCategoryInput {
  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Parent category; omit for a top-level one.' })
  parentCategoryId?: string | null;
}

@InputType({ description: 'A new name for a category (platform admins).' })
export class RenameCategoryInput {
  @Field(() => ID, { description: 'The category.' })
  categoryId!: string;

  @Field(() => String, { description: 'Its new name, 1–120 characters.' })
  @Text({ max: 120 })
  name!: string;
}

@ObjectType({ description: 'The renamed category.' })
export class RenameCategoryPayload {
  @Field(() => Category, { description: 'The category.' })
  category!: Category;
}

@ObjectType({ description: 'The new category.' })
export class CreateCategoryPayload {
  @Field(() => Category, { description: 'The category.' })
  category!: Category;
}

@InputType({ description: 'A brand a supplier wants to sell under (suppliers).' })
export class ProposeBrandInput {
  @Field(() => String, { description: 'Brand name as customers should see it.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A note for the reviewer, e.g. your authorisation to sell it (at most 500 characters).',
  })
  @Text({ max: 500, multiline: true })
  note?: string | null;
}

@ObjectType({ description: 'The proposal, PENDING until the platform decides.' })
export class ProposeBrandPayload {
  @Field(() => BrandProposal, { description: 'The proposal.' })
  brandProposal!: BrandProposal;
}

@InputType({ description: 'Approve a brand proposal (platform admins).' })
export class ApproveBrandProposalInput {
  @Field(() => ID, { description: 'The brand proposal.' })
  brandProposalId!: string;
}

@ObjectType({ description: 'The approved proposal and the brand it created.' })
export class ApproveBrandProposalPayload {
  @Field(() => BrandProposal, { description: 'The proposal, now APPROVED.' })
  brandProposal!: BrandProposal;

  @Field(() => Brand, { description: 'The new brand, usable by every supplier.' })
  brand!: Brand;
}

@InputType({ description: 'Reject a brand proposal with a reason (platform admins).' })
export class RejectBrandProposalInput {
  @Field(() => ID, { description: 'The brand proposal.' })
  brandProposalId!: string;

  @Field(() => String, { description: 'Why, for the supplier (2–500 characters).' })
  @Text({ max: 500, multiline: true })
  reason!: string;
}

@ObjectType({ description: 'The rejected proposal.' })
export class RejectBrandProposalPayload {
  @Field(() => BrandProposal, { description: 'The proposal, now REJECTED with its reason.' })
  brandProposal!: BrandProposal;
}

@ObjectType()
export class BrandProposalConnection extends ConnectionType(BrandProposal, 'BrandProposal') {}

@Resolver(() => BrandProposal)
export class BrandProposalResolver {
  @Query(() => BrandProposalConnection, {
    description:
      "Brand proposals, oldest first: every supplier's for platform admins (the review queue), your own for suppliers.",
  })
  brandProposals(
    @Arg('status', () => BrandProposalStatus, {
      defaultValue: BrandProposalStatus.PENDING,
      description: 'Which proposals (default PENDING).',
    })
    status: BrandProposalStatus,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<BrandProposal>> {
    return new PlatformCatalogService(ctx.em, ctx.principal).brandProposals(status, page.first, page.after);
  }

  @FieldResolver(() => Supplier, { description: 'The supplier who proposed it.' })
  async supplier(@Root() proposal: BrandProposal, @Ctx() ctx: SubgraphContext): Promise<Supplier> {
    return (await catalogLoaders(ctx).supplier.load(proposal.supplierId))!;
  }

  @FieldResolver(() => Brand, { nullable: true, description: 'The brand its approval created (APPROVED only).' })
  async brand(@Root() proposal: BrandProposal, @Ctx() ctx: SubgraphContext): Promise<Brand | null> {
    return proposal.brandId ? catalogLoaders(ctx).brand.load(proposal.brandId) : null;
  }
}

@Resolver()
export class PlatformResolver {
  @Mutation(() => ProposeBrandPayload, {
    description: 'Propose a new brand (suppliers). It cannot be used until the platform approves it.',
  })
  async proposeBrand(
    @Arg('input', () => ProposeBrandInput) input: ProposeBrandInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProposeBrandPayload> {
    return {
      brandProposal: await new PlatformCatalogService(ctx.em, ctx.principal).proposeBrand(input.name, input.note),
    };
  }

  @Mutation(() => ApproveBrandProposalPayload, {
    description: 'Approve a brand proposal, creating the brand (platform admins).',
  })
  async approveBrandProposal(
    @Arg('input', () => ApproveBrandProposalInput) input: ApproveBrandProposalInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApproveBrandProposalPayload> {
    const { proposal, brand } = await new PlatformCatalogService(ctx.em, ctx.principal).approveBrandProposal(
      input.brandProposalId,
    );
    return { brandProposal: proposal, brand };
  }

  @Mutation(() => RejectBrandProposalPayload, {
    description: 'Reject a brand proposal with a reason the supplier sees (platform admins).',
  })
  async rejectBrandProposal(
    @Arg('input', () => RejectBrandProposalInput) input: RejectBrandProposalInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RejectBrandProposalPayload> {
    return {
      brandProposal: await new PlatformCatalogService(ctx.em, ctx.principal).rejectBrandProposal(
        input.brandProposalId,
        input.reason,
      ),
    };
  }

  @Mutation(() => CreateSupplierPayload, { description: 'Register a supplier (platform admins).' })
  async createSupplier(
    @Arg('input', () => CreateSupplierInput) input: CreateSupplierInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateSupplierPayload> {
    return { supplier: await new PlatformCatalogService(ctx.em, ctx.principal).createSupplier(input.code, input.name) };
  }

  @Mutation(() => CreateBrandPayload, { description: 'Add a brand (platform admins).' })
  async createBrand(
    @Arg('input', () => CreateBrandInput) input: CreateBrandInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateBrandPayload> {
    return { brand: await new PlatformCatalogService(ctx.em, ctx.principal).createBrand(input.name) };
  }

  @Mutation(() => CreateCategoryPayload, { description: 'Add a category to the tree (platform admins).' })
  async createCategory(
    @Arg('input', () => CreateCategoryInput) input: CreateCategoryInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateCategoryPayload> {
    return {
      category: await new PlatformCatalogService(ctx.em, ctx.principal).createCategory(
        input.name,
        input.parentCategoryId,
      ),
    };
  }

  @Mutation(() => RenameCategoryPayload, {
    description:
      'Rename a category (platform MANAGE_SUPPLIERS). Only the name changes: its id, its path and its products stay.',
  })
  async renameCategory(
    @Arg('input', () => RenameCategoryInput) input: RenameCategoryInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RenameCategoryPayload> {
    return {
      category: await new PlatformCatalogService(ctx.em, ctx.principal).renameCategory(input.categoryId, input.name),
    };
  }
}
