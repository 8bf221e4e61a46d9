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
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { Brand } from '../entities/brand';
import { Supplier } from '../entities/supplier';
import { SupplierApplication, SupplierApplicationStatus } from '../entities/supplier-application';
import { catalogLoaders } from '../loaders';
import { SupplierOnboardingService } from '../services/supplier-onboarding.service';
import { BrandConnection } from './sku.resolver';

@ObjectType()
export class SupplierApplicationConnection extends ConnectionType(SupplierApplication, 'SupplierApplication') {}

@InputType({
  description:
    "An application to sell in the pool: a new company's (recorded by the platform) or an existing supplier's request for more brands (its admin).",
})
export class SubmitSupplierApplicationInput {
  @Field(() => String, {
    nullable: true,
    description: 'New companies: the supplier code asked for (2–40 capital letters, digits or dashes).',
  })
  supplierCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Registered company name (new companies: required).' })
  companyName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Unified social credit code, 18 characters (new companies: required).',
  })
  registrationNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact person (new companies: required).' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact e-mail (new companies: required).' })
  @Text({ max: 254 })
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact phone.' })
  contactPhone?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Existing brands to sell (at most 100).' })
  brandIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Brands new to the pool to sell (at most 20).' })
  newBrandNames?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A note for the reviewer (at most 500 characters).' })
  @Text({ max: 500, multiline: true })
  note?: string | null;
}

@ObjectType()
export class SubmitSupplierApplicationPayload {
  @Field(() => SupplierApplication, { description: 'The application, PENDING until the platform decides.' })
  supplierApplication!: SupplierApplication;
}

@InputType({ description: 'Approve a supplier application (platform admins).' })
export class ApproveSupplierApplicationInput {
  @Field(() => ID, { description: 'The supplier application.' })
  supplierApplicationId!: string;
}

@ObjectType()
export class ApproveSupplierApplicationPayload {
  @Field(() => SupplierApplication, { description: 'The application, now APPROVED.' })
  supplierApplication!: SupplierApplication;

  @Field(() => Supplier, { description: 'The supplier, authorised for the brands asked for.' })
  supplier!: Supplier;
}

@InputType({ description: 'Reject a supplier application with a reason (platform admins).' })
export class RejectSupplierApplicationInput {
  @Field(() => ID, { description: 'The supplier application.' })
  supplierApplicationId!: string;

  @Field(() => String, { description: 'Why, for the applicant (2–500 characters).' })
  @Text({ max: 500, multiline: true })
  reason!: string;
}

@ObjectType()
export class RejectSupplierApplicationPayload {
  @Field(() => SupplierApplication, { description: 'The application, now REJECTED with its reason.' })
  supplierApplication!: SupplierApplication;
}

@InputType({ description: 'Authorise a supplier to sell brands (platform admins).' })
export class AuthorizeSupplierBrandsInput {
  @Field(() => ID, { description: 'The supplier.' })
  supplierId!: string;

  @Field(() => [ID], { description: 'The brands (at most 100); ones it already sells are left as they are.' })
  brandIds!: string[];
}

@ObjectType()
export class AuthorizeSupplierBrandsPayload {
  @Field(() => Supplier, { description: 'The supplier.' })
  supplier!: Supplier;
}

@Resolver()
export class AuthorisedBrandsResolver {
  @Query(() => BrandConnection, {
    description:
      'The brands a supplier may put products under, by id (suppliers: their own; platform admins: any supplier’s).',
  })
  async authorizedBrands(
    @Arg('supplierId', () => ID) supplierId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Brand>> {
    const ids = await new SupplierOnboardingService(ctx.em, ctx.principal).authorisedBrandIds(
      supplierId,
      page.first,
      page.after,
    );
    const brands = await catalogLoaders(ctx).brand.loadMany(ids.edges.map((e) => e.node.brandId));
    return {
      pageInfo: ids.pageInfo,
      edges: ids.edges
        .map((e, i) => ({ cursor: e.cursor, node: brands[i] }))
        .filter((e): e is { cursor: string; node: Brand } => e.node != null && !(e.node instanceof Error)),
    };
  }
}

@Resolver(() => SupplierApplication)
export class SupplierApplicationResolver {
  @Query(() => SupplierApplicationConnection, {
    description: 'Supplier applications, oldest first: every one for platform admins, your own for suppliers.',
  })
  supplierApplications(
    @Arg('status', () => SupplierApplicationStatus, {
      defaultValue: SupplierApplicationStatus.PENDING,
      description: 'Which applications (default PENDING).',
    })
    status: SupplierApplicationStatus,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<SupplierApplication>> {
    return new SupplierOnboardingService(ctx.em, ctx.principal).page(status, page.first, page.after);
  }

  @Query(() => SupplierApplication, { description: 'One supplier application (yours, or any for platform admins).' })
  supplierApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<SupplierApplication> {
    return new SupplierOnboardingService(ctx.em, ctx.principal).one(id);
  }

  @FieldResolver(() => Supplier, {
    nullable: true,
    description: 'The supplier: the applicant, or the one approval created (null while a new company waits).',
  })
  async supplier(@Root() application: SupplierApplication, @Ctx() ctx: SubgraphContext): Promise<Supplier | null> {
    return application.supplierId ? catalogLoaders(ctx).supplier.load(application.supplierId) : null;
  }

  @FieldResolver(() => [Brand], { description: 'Existing brands it asks to sell.' })
  async brands(@Root() application: SupplierApplication, @Ctx() ctx: SubgraphContext): Promise<Brand[]> {
    const brands = await catalogLoaders(ctx).brand.loadMany(application.brandIds);
    return brands.filter((b): b is Brand => b != null && !(b instanceof Error));
  }

  @Mutation(() => SubmitSupplierApplicationPayload, {
    description:
      "Apply to sell in the pool: the platform records a new company's application; a supplier admin applies for more brands.",
  })
  async submitSupplierApplication(
    @Arg('input', () => SubmitSupplierApplicationInput) input: SubmitSupplierApplicationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SubmitSupplierApplicationPayload> {
    return { supplierApplication: await new SupplierOnboardingService(ctx.em, ctx.principal).submit(input) };
  }

  @Mutation(() => ApproveSupplierApplicationPayload, {
    description:
      'Approve a supplier application: creates the supplier (new companies), new brands and its brand authorisations.',
  })
  async approveSupplierApplication(
    @Arg('input', () => ApproveSupplierApplicationInput) input: ApproveSupplierApplicationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApproveSupplierApplicationPayload> {
    const { application, supplier } = await new SupplierOnboardingService(ctx.em, ctx.principal).approve(
      input.supplierApplicationId,
    );
    return { supplierApplication: application, supplier };
  }

  @Mutation(() => RejectSupplierApplicationPayload, {
    description: 'Reject a supplier application with a reason the applicant reads (platform admins).',
  })
  async rejectSupplierApplication(
    @Arg('input', () => RejectSupplierApplicationInput) input: RejectSupplierApplicationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RejectSupplierApplicationPayload> {
    return {
      supplierApplication: await new SupplierOnboardingService(ctx.em, ctx.principal).reject(
        input.supplierApplicationId,
        input.reason,
      ),
    };
  }

  @Mutation(() => AuthorizeSupplierBrandsPayload, {
    description: 'Authorise a supplier to sell more brands (platform admins).',
  })
  async authorizeSupplierBrands(
    @Arg('input', () => AuthorizeSupplierBrandsInput) input: AuthorizeSupplierBrandsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AuthorizeSupplierBrandsPayload> {
    return {
      supplier: await new SupplierOnboardingService(ctx.em, ctx.principal).grant(input.supplierId, input.brandIds),
    };
  }
}
