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
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { hasRole } from '../../../core/identity';
import { Text } from '../../../core/input-rules';
import { DeliveryMode } from '../../../core/perk-delivery';
import type { SubgraphContext } from '../../../core/subgraph';
import { canSee } from '../../../core/tenancy';
import { PerkDelivery } from '../entities/perk-delivery';
import { logisticsLoaders } from '../loaders';
import { openVoucher, PerkDeliveryService } from '../services/perk-delivery.service';
import { OrderRef, SkuRef } from './types';

export enum FinancialPerkOutcome {
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(FinancialPerkOutcome, {
  name: 'FinancialPerkOutcome',
  description: "What the bank's systems did with a financial perk unit: DELIVERED, or FAILED (refunded automatically).",
});

@InputType({ description: 'Internal (orders): a line delivered unit by unit was paid.' })
export class OpenPerkDeliveriesInput {
  @Field(() => ID) orderId!: string;
  @Field(() => ID) orderLineId!: string;
  @Field(() => ID) supplierOrderId!: string;
  @Field(() => ID) supplierId!: string;
  @Field(() => ID) bankId!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => ID) skuId!: string;
  @Field(() => String) @Text({ max: 200 }) title!: string;
  @Field(() => DeliveryMode) mode!: DeliveryMode;
  @Field(() => String, { nullable: true }) @Text({ max: 64 }) partnerProductCode?: string | null;
  @Field(() => String, { nullable: true }) @Text({ max: 128 }) recipientAccount?: string | null;
  @Field(() => Int) quantity!: number;
}

@ObjectType({ description: 'Internal (orders): units opened now (0 when a repeat).' })
export class OpenPerkDeliveriesPayload {
  @Field(() => Int) opened!: number;
}

@InputType({ description: "The bank's systems report how a financial perk unit ended." })
export class AcknowledgeFinancialPerkInput {
  @Field(() => ID, { description: 'The unit (from the FINANCIAL_PERK_REQUESTED notification).' })
  perkDeliveryId!: string;
  @Field(() => FinancialPerkOutcome, { description: 'DELIVERED, or FAILED (the unit is refunded automatically).' })
  outcome!: FinancialPerkOutcome;
  @Field(() => String, { description: "Your system's reference (1–128 letters, digits, _ . : -)." })
  @Text({ max: 128 })
  reference!: string;
}

@ObjectType()
export class AcknowledgeFinancialPerkPayload {
  @Field(() => PerkDelivery, { description: 'The unit, settled.' })
  perkDelivery!: PerkDelivery;
}

@ObjectType({ description: 'A voucher a partner issued (only the customer sees it).' })
export class PerkVoucher {
  @Field(() => String, { nullable: true, description: 'The code to redeem.' }) code!: string | null;
  @Field(() => String, { nullable: true, description: 'Or a link to redeem it.' }) link!: string | null;
  @Field(() => Date, { nullable: true, description: 'When it stops being valid.' }) expiresAt!: Date | null;
}

/** The customer, their bank, the platform and the unit's supplier see a unit (the voucher: the customer only). */
export function canSeePerkDelivery(ctx: SubgraphContext, d: PerkDelivery): boolean {
  return canSee(ctx.principal, { bankId: d.bankId, customerId: d.customerId, supplierId: d.supplierId });
}

export async function resolvePerkDeliveryRef(id: string, ctx: SubgraphContext): Promise<PerkDelivery | null> {
  const d = await logisticsLoaders(ctx).perkDelivery.load(id);
  return d && canSeePerkDelivery(ctx, d) ? d : null;
}

@Resolver()
export class PerkDeliveryMutations {
  @Mutation(() => OpenPerkDeliveriesPayload, {
    description: 'Internal (orders): opens one perk delivery per unit of a paid line; idempotent on each unit.',
  })
  @Directive('@inaccessible')
  async openPerkDeliveries(
    @Arg('input', () => OpenPerkDeliveriesInput) input: OpenPerkDeliveriesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OpenPerkDeliveriesPayload> {
    return { opened: await new PerkDeliveryService(ctx.em, ctx.principal).open(input) };
  }

  @Mutation(() => AcknowledgeFinancialPerkPayload, {
    description:
      "The bank's systems acknowledge a financial-attribute perk unit (BANK_SYSTEM): DELIVERED, or FAILED (refunded automatically). Bank staff of that bank or its partner app; another bank's unit is NOT_FOUND.",
  })
  async acknowledgeFinancialPerk(
    @Arg('input', () => AcknowledgeFinancialPerkInput) input: AcknowledgeFinancialPerkInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AcknowledgeFinancialPerkPayload> {
    return {
      perkDelivery: await new PerkDeliveryService(ctx.em, ctx.principal).acknowledgeFinancialPerk(
        input.perkDeliveryId,
        input.outcome,
        input.reference,
      ),
    };
  }
}

@Resolver(() => OrderRef)
export class OrderPerkDeliveriesResolver {
  @FieldResolver(() => [PerkDelivery], {
    description:
      'Perk units delivered by a partner or the bank, one per unit of each such line, PROCESSING → DELIVERED / FAILED (the customer, their bank, the platform; a supplier its own).',
  })
  async perkDeliveries(@Root() order: OrderRef, @Ctx() ctx: SubgraphContext): Promise<PerkDelivery[]> {
    return (await logisticsLoaders(ctx).perkDeliveriesByOrder.load(order.id)).filter((d) => canSeePerkDelivery(ctx, d));
  }
}

@Resolver(() => PerkDelivery)
export class PerkDeliveryResolver {
  @FieldResolver(() => PerkVoucher, {
    nullable: true,
    description:
      'PARTNER_ISSUED, DELIVERED: the voucher the partner issued — shown to the customer only (null for anyone else).',
  })
  voucher(@Root() d: PerkDelivery, @Ctx() ctx: SubgraphContext): PerkVoucher | null {
    if (!hasRole(ctx.principal, 'CUSTOMER') || ctx.principal.customerId !== String(d.customerId)) return null;
    const v = openVoucher(d);
    if (!v) return null;
    return { code: v.code ?? null, link: v.link ?? null, expiresAt: d.voucherExpiresAt ?? null };
  }

  @FieldResolver(() => SkuRef, { description: 'The SKU.' })
  sku(@Root() d: PerkDelivery): SkuRef {
    return { id: String(d.skuId) };
  }

  @FieldResolver(() => OrderRef, { description: 'The order (orders).' })
  order(@Root() d: PerkDelivery): OrderRef {
    return { id: String(d.orderId) };
  }
}
