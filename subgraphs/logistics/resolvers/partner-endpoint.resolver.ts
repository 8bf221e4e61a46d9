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
import { ID_TEXT, Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import { PartnerEndpoint } from '../entities/partner-endpoint';
import { PartnerEndpointService, partnerCallbackUrl } from '../services/partner-endpoint.service';
import { SupplierRef } from './types';

@InputType({ description: "Create or change a supplier's partner endpoint (its admin, or the platform)." })
export class ConfigurePartnerEndpointInput {
  @Field(() => ID, { nullable: true, description: 'The supplier (platform only; suppliers configure their own).' })
  @Text(ID_TEXT)
  supplierId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The partner API root (http(s), at most 500 characters); required the first time.',
  })
  @Text({ max: 500 })
  baseUrl?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The adapter; "signed-http" (the default) is the documented protocol.',
  })
  @Text({ max: 40 })
  adapter?: string | null;

  @Field(() => Int, { nullable: true, description: 'Answer time limit in ms, 500–30000 (default 5000).' })
  timeoutMs?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether perks are issued through it (default true).' })
  enabled?: boolean | null;
}

@InputType({ description: "Replace a supplier's partner endpoint secret (its admin, or the platform)." })
export class RotatePartnerEndpointSecretInput {
  @Field(() => ID, { nullable: true, description: 'The supplier (platform only).' })
  @Text(ID_TEXT)
  supplierId?: string | null;

  @Field(() => Int, {
    defaultValue: 24,
    description: 'Hours callbacks signed with the old secret are still accepted (0–168); 0 when it leaked.',
  })
  overlapHours!: number;
}

@ObjectType({ description: 'The endpoint after the change, with its secret when one was just generated.' })
export class PartnerEndpointPayload {
  @Field(() => PartnerEndpoint, { description: 'The endpoint.' }) partnerEndpoint!: PartnerEndpoint;
  @Field(() => String, {
    nullable: true,
    description:
      'The shared HMAC-SHA256 secret, shown only in the answer that generated it (creation, rotation): configure it at the partner now. Not retrievable later.',
  })
  secret?: string | null;
}

@Resolver(() => PartnerEndpoint)
export class PartnerEndpointResolver {
  @Query(() => PartnerEndpoint, {
    nullable: true,
    description:
      "A supplier's partner endpoint (that supplier's staff and the platform; null when none is configured).",
  })
  partnerEndpoint(
    @Arg('supplierId', () => ID, { nullable: true, description: 'The supplier (platform only).' })
    supplierId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PartnerEndpoint | null> {
    return new PartnerEndpointService(ctx.em, ctx.principal).get(supplierId);
  }

  @Mutation(() => PartnerEndpointPayload, {
    description:
      "Configure the supplier's API for issuing perks; the first call generates the shared secret and returns it once (supplier admins for their own, the platform for any).",
  })
  async configurePartnerEndpoint(
    @Arg('input', () => ConfigurePartnerEndpointInput) input: ConfigurePartnerEndpointInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PartnerEndpointPayload> {
    const { endpoint, secret } = await new PartnerEndpointService(ctx.em, ctx.principal).configure(input);
    return { partnerEndpoint: endpoint, secret };
  }

  @Mutation(() => PartnerEndpointPayload, {
    description:
      'Give a partner endpoint a new shared secret, returned once; callbacks signed with the old one are accepted for overlapHours more.',
  })
  async rotatePartnerEndpointSecret(
    @Arg('input', () => RotatePartnerEndpointSecretInput) input: RotatePartnerEndpointSecretInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PartnerEndpointPayload> {
    const { endpoint, secret } = await new PartnerEndpointService(ctx.em, ctx.principal).rotateSecret(
      input.supplierId,
      input.overlapHours,
    );
    return { partnerEndpoint: endpoint, secret };
  }

  @FieldResolver(() => SupplierRef, { description: 'The supplier.' })
  supplier(@Root() e: PartnerEndpoint): SupplierRef {
    return { id: String(e.supplierId) };
  }

  @FieldResolver(() => Boolean, { description: 'Whether a secret is stored (it is never shown again).' })
  secretSet(@Root() e: PartnerEndpoint): boolean {
    return Boolean(e.secretSealed);
  }

  @FieldResolver(() => String, {
    description: 'Where the partner posts asynchronous results (signed like our requests).',
  })
  callbackUrl(@Root() e: PartnerEndpoint): string {
    return partnerCallbackUrl(e.supplierId);
  }
}
