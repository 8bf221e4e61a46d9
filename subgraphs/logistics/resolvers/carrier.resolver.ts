import { Arg, Args, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { Carrier } from '../entities/carrier';
import { CarrierService } from '../services/carrier.service';

@InputType({ description: 'A delivery company to register (platform operators).' })
export class RegisterCarrierInput {
  @Field(() => String, { description: '2–16 letters or digits, e.g. "JD"; upper-cased.' }) code!: string;
  @Field(() => String, { description: 'Display name.' }) name!: string;
}

@InputType({ description: 'Replace a carrier’s callback secret (platform operators).' })
export class RotateCarrierSecretInput {
  @Field(() => String, { description: 'The carrier code.' }) code!: string;
  @Field(() => Int, {
    defaultValue: 24,
    description: 'Hours the old secret is still accepted (0–168); 0 when it leaked.',
  })
  overlapHours!: number;
}

@InputType({ description: 'Rename a carrier or stop/start new shipments with it (platform operators).' })
export class UpdateCarrierInput {
  @Field(() => String, { description: 'The carrier code.' }) code!: string;
  @Field(() => String, { nullable: true, description: 'New display name.' }) name?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether suppliers may ship new parcels with it.' }) active?:
    boolean | null;
}

@ObjectType({ description: 'A carrier with its callback secret, shown this once: configure it at the carrier now.' })
export class CarrierSecretPayload {
  @Field(() => Carrier, { description: 'The carrier.' }) carrier!: Carrier;
  @Field(() => String, {
    description: 'HMAC-SHA256 key for `x-perkmall-signature` on `POST /carriers/<code>/events`. Not retrievable later.',
  })
  callbackSecret!: string;
}

@ObjectType({ description: 'The carrier after the change.' })
export class UpdateCarrierPayload {
  @Field(() => Carrier, { description: 'The carrier.' }) carrier!: Carrier;
}

@ObjectType()
export class CarrierConnection extends ConnectionType(Carrier, 'Carrier') {}

@Resolver(() => Carrier)
export class CarrierResolver {
  @Query(() => [Carrier], { description: 'Carriers suppliers can ship with; the platform may include inactive ones.' })
  carriers(
    @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Carrier[]> {
    return new CarrierService(ctx.em, ctx.principal).list(includeInactive);
  }

  @Query(() => CarrierConnection, {
    description:
      'Carriers by code, keyset paged; the platform (MANAGE_CARRIERS) may include inactive ones, everyone else sees the active.',
  })
  carrierPage(
    @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Carrier>> {
    return new CarrierService(ctx.em, ctx.principal).page(includeInactive, page.first, page.after);
  }

  @Mutation(() => CarrierSecretPayload, {
    description: 'Register a delivery company; its callback secret is returned once (platform operators).',
  })
  registerCarrier(
    @Arg('input', () => RegisterCarrierInput) input: RegisterCarrierInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CarrierSecretPayload> {
    return new CarrierService(ctx.em, ctx.principal).register(input);
  }

  @Mutation(() => CarrierSecretPayload, {
    description:
      'Give a carrier a new callback secret, returned once; the old one works for overlapHours more (platform operators).',
  })
  rotateCarrierSecret(
    @Arg('input', () => RotateCarrierSecretInput) input: RotateCarrierSecretInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CarrierSecretPayload> {
    return new CarrierService(ctx.em, ctx.principal).rotateSecret(input.code, input.overlapHours);
  }

  @Mutation(() => UpdateCarrierPayload, {
    description: 'Rename a carrier or stop/start new shipments with it (platform operators).',
  })
  async updateCarrier(
    @Arg('input', () => UpdateCarrierInput) input: UpdateCarrierInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdateCarrierPayload> {
    return { carrier: await new CarrierService(ctx.em, ctx.principal).update(input.code, input) };
  }
}
