import {
  Arg,
  Ctx,
  Directive,
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
import { badInput, notFound } from '../../../core/errors';
import {
  BANK_ROLES_OR_PLATFORM,
  PLATFORM_ROLES,
  isCustomer,
  requirePartnerScope,
  requireRole,
  type PartnerScope,
} from '../../../core/identity';
import { maskName, seesCustomerData } from '../../../core/personal-data';
import type { SubgraphContext } from '../../../core/subgraph';
import { Customer, Gender } from '../entities/customer';
import { PartnerAppScope, scopesOfApp } from '../entities/partner-app';
import { Segment } from '../entities/segment';
import { Tier } from '../entities/tier';
import { tenantsLoaders } from '../loaders';
import { actingBankId, assertCanSeeCustomer, CUSTOMER_RECORDS, isStaff } from '../services/access';
import { CustomerService } from '../services/customer.service';
import { PartnerAppService, effectiveSafelistOnly } from '../services/partner-app.service';

@ObjectType({ description: 'Internal: who a partner-app credential belongs to.' })
export class PartnerAppAuthentication {
  @Field(() => ID, { description: 'The partner app.' })
  partnerAppId!: string;

  @Field(() => ID, { description: 'The bank.' })
  bankId!: string;

  @Field(() => Boolean, { description: 'The app may run only the published operations (its tokens say so).' })
  safelistOnly!: boolean;

  @Field(() => [PartnerAppScope], { description: 'What the app may do (its tokens carry these).' })
  scopes!: PartnerScope[];
}

@InputType({
  description: "One customer, keyed on the bank's own reference. Omitted attributes stay as they are; null clears one.",
})
export class CustomerUpsertInput {
  @Field(() => String, { description: "The bank's own customer reference (1–64 of letters, digits, _ . : -)." })
  externalRef!: string;

  @Field(() => Gender, { nullable: true, description: 'Gender, as the bank records it.' })
  gender?: Gender | null;

  @Field(() => Int, { nullable: true, description: 'Year of birth.' })
  birthYear?: number | null;

  @Field(() => String, { nullable: true, description: 'City.' })
  city?: string | null;

  @Field(() => Int, { nullable: true, description: '0 to 9.' })
  assetBand?: number | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the tags when given (at most 20).' })
  tags?: string[] | null;
}

@InputType({ description: 'Create or update up to 1,000 customers of a bank.' })
export class UpsertCustomersInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Platform operators only; partner apps and bank admins act for their own bank.',
  })
  bankId?: string | null;

  @Field(() => [CustomerUpsertInput], { description: 'One entry per input row, in input order.' })
  customers!: CustomerUpsertInput[];
}

@ObjectType({ description: 'One upserted customer.' })
export class UpsertedCustomer {
  @Field(() => Int, { description: 'Row index in the input.' })
  index!: number;

  @Field(() => Customer, { description: 'The customer.' })
  customer!: Customer;

  @Field(() => Boolean, { description: 'True when the customer was new.' })
  created!: boolean;
}

@ObjectType({ description: 'What the upsert did; rows follow the input order.' })
export class UpsertCustomersPayload {
  @Field(() => Int, { description: 'How many were created.' })
  created!: number;

  @Field(() => Int, { description: 'How many existed and were updated.' })
  updated!: number;

  @Field(() => [UpsertedCustomer], { description: 'One entry per input row, in input order.' })
  customers!: UpsertedCustomer[];
}

/** Longest bank customer reference (as in upsertCustomers). */
const MAX_EXTERNAL_REF = 64;

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, { description: 'A customer of your bank; customers omit the id to get themselves.' })
  async customer(
    @Arg('id', () => ID, { nullable: true }) id: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Customer> {
    const wanted = id ?? (isCustomer(ctx.principal) ? ctx.principal.customerId : undefined);
    if (!wanted) throw badInput('Pass the customer id.');
    const customer = await tenantsLoaders(ctx).customer.load(wanted);
    if (!customer) throw notFound('Customer', wanted);
    assertCanSeeCustomer(ctx.principal, customer);
    return customer;
  }

  @Query(() => Customer, {
    description:
      "A customer of your bank by the bank's own reference (bank staff; the platform names the bank). Unknown references are NOT_FOUND.",
  })
  async customerByRef(
    @Arg('externalRef', () => String, { description: "The bank's own customer reference (1–64 characters)." })
    externalRef: string,
    @Arg('bankId', () => ID, { nullable: true, description: 'Platform staff only: the bank.' })
    bankId: string | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Customer> {
    const ref = externalRef.trim();
    if (ref.length < 1 || ref.length > MAX_EXTERNAL_REF)
      throw badInput(`externalRef must be 1–${MAX_EXTERNAL_REF} characters.`, [
        { field: 'externalRef', message: `1–${MAX_EXTERNAL_REF} characters` },
      ]);
    const bank = actingBankId(ctx.principal, bankId, BANK_ROLES_OR_PLATFORM);
    const customer = await tenantsLoaders(ctx).customerByRef.load(JSON.stringify([bank, ref]));
    if (!customer) throw notFound('Customer', ref);
    assertCanSeeCustomer(ctx.principal, customer);
    return customer;
  }

  // Personal data: staff without SEE_CUSTOMER_DATA see it masked (core/personal-data.ts).
  @FieldResolver(() => Gender, { nullable: true })
  gender(@Root() customer: Customer, @Ctx() ctx: SubgraphContext): Gender | null {
    return seesCustomerData(ctx.principal) ? (customer.gender ?? null) : null;
  }

  @FieldResolver(() => Int, { nullable: true })
  birthYear(@Root() customer: Customer, @Ctx() ctx: SubgraphContext): number | null {
    return seesCustomerData(ctx.principal) ? (customer.birthYear ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  city(@Root() customer: Customer, @Ctx() ctx: SubgraphContext): string | null {
    if (customer.city == null) return null;
    return seesCustomerData(ctx.principal) ? customer.city : maskName(customer.city);
  }

  @FieldResolver(() => Int, { nullable: true })
  assetBand(@Root() customer: Customer, @Ctx() ctx: SubgraphContext): number | null {
    return seesCustomerData(ctx.principal) ? (customer.assetBand ?? null) : null;
  }

  @FieldResolver(() => Tier, { nullable: true, description: 'Current tier; null before the first assignment.' })
  async tier(@Root() customer: Customer, @Ctx() ctx: SubgraphContext): Promise<Tier | null> {
    return customer.tierId ? tenantsLoaders(ctx).tier.load(customer.tierId) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  async tierName(@Root() customer: Customer, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return customer.tierId ? ((await tenantsLoaders(ctx).tier.load(customer.tierId))?.name ?? null) : null;
  }

  @FieldResolver(() => [String], { description: 'Tags the bank put on the customer.' })
  async tags(@Root() customer: Customer, @Ctx() ctx: SubgraphContext): Promise<string[]> {
    return tenantsLoaders(ctx).tagsOfCustomer.load(customer.id);
  }

  @FieldResolver(() => [Segment], {
    nullable: true,
    description: 'Segments the customer belongs to now. Null for customers and partner apps.',
  })
  async segments(@Root() customer: Customer, @Ctx() ctx: SubgraphContext): Promise<Segment[] | null> {
    if (!isStaff(ctx.principal)) return null;
    const loaders = tenantsLoaders(ctx);
    const ids = await loaders.segmentIdsOfCustomer.load(customer.id);
    return (await loaders.segment.loadMany(ids)).filter((s): s is Segment => s instanceof Segment);
  }

  @Mutation(() => UpsertCustomersPayload, {
    description:
      "Create or update up to 1,000 customers keyed on the bank's reference (partner apps, bank admins). Idempotent; segment membership follows.",
  })
  async upsertCustomers(
    @Arg('input', () => UpsertCustomersInput) input: UpsertCustomersInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpsertCustomersPayload> {
    const bankId = actingBankId(
      ctx.principal,
      input.bankId,
      ['PARTNER_APP', 'BANK_ADMIN', ...PLATFORM_ROLES],
      CUSTOMER_RECORDS,
    );
    requirePartnerScope(ctx.principal, 'CUSTOMER_UPSERT');
    return new CustomerService(ctx.em, ctx.principal).upsert(
      bankId,
      input.customers.map((c) => ({ ...c })),
    );
  }

  @Mutation(() => PartnerAppAuthentication, {
    nullable: true,
    description: 'Internal (gateway only): check a partner-app credential.',
  })
  @Directive('@inaccessible')
  async authenticatePartnerApp(
    @Arg('clientId', () => String) clientId: string,
    @Arg('clientSecret', () => String) clientSecret: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PartnerAppAuthentication | null> {
    requireRole(ctx.principal, 'SERVICE');
    const app = await new PartnerAppService(ctx.em).authenticate(clientId, clientSecret);
    return app
      ? {
          partnerAppId: String(app.id),
          bankId: String(app.bankId),
          safelistOnly: effectiveSafelistOnly(app),
          scopes: scopesOfApp(app),
        }
      : null;
  }

  @Query(() => [ID], {
    description:
      'Internal (gateway only): partner apps revoked within the last token lifetime, whose tokens it refuses.',
  })
  @Directive('@inaccessible')
  async recentlyRevokedPartnerApps(@Ctx() ctx: SubgraphContext): Promise<string[]> {
    requireRole(ctx.principal, 'SERVICE');
    return (await new PartnerAppService(ctx.em).recentlyRevoked()).map(String);
  }

  @Query(() => Customer, {
    nullable: true,
    description: "Internal (gateway only): a bank's customer by the bank's reference.",
  })
  @Directive('@inaccessible')
  async customerForPartnerApp(
    @Arg('bankId', () => ID) bankId: string,
    @Arg('customerRef', () => String) customerRef: string,
    @Arg('partnerAppId', () => ID, {
      nullable: true,
      description: 'The app asking; a revoked app gets no customer (its own token may still be valid for minutes).',
    })
    partnerAppId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Customer | null> {
    requireRole(ctx.principal, 'SERVICE');
    const service = new PartnerAppService(ctx.em);
    if (partnerAppId && !(await service.isActive(Number(partnerAppId), Number(bankId)))) return null;
    return service.customerByRef(Number(bankId), customerRef);
  }
}
