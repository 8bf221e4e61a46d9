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
} from 'type-graphql';
import { conflict } from '../../../core/errors';
import type { SubgraphContext } from '../../../core/subgraph';
import { ReservationState } from '../entities/stock';
import { catalogLoaders } from '../loaders';
import { CodePoolService, type AllocationOutcome } from '../services/code-pool.service';
import { StockService, type ReservationOutcome } from '../services/stock.service';

@InputType({ description: 'Internal (orders): one order line.' })
@Directive('@inaccessible')
export class OrderLineInput {
  @Field(() => ID)
  skuId!: string;

  @Field(() => Int)
  quantity!: number;
}

@InputType({ description: 'Internal (orders): hold stock for an order.' })
@Directive('@inaccessible')
export class ReserveStockInput {
  @Field(() => ID, { description: 'The order (idempotency key).' })
  orderId!: string;

  @Field(() => [OrderLineInput])
  lines!: OrderLineInput[];
}

@InputType({ description: 'Internal (orders): an order whose reservation moves on.' })
@Directive('@inaccessible')
export class OrderReservationInput {
  @Field(() => ID)
  orderId!: string;
}

@InputType({ description: 'Internal (orders): issue codes for the virtual lines of an order.' })
@Directive('@inaccessible')
export class AllocateCodesInput {
  @Field(() => ID, { description: 'The order (idempotency key with each skuId).' })
  orderId!: string;

  @Field(() => [OrderLineInput])
  lines!: OrderLineInput[];
}

@InputType({ description: 'Internal (orders): withdraw the codes issued to an order.' })
@Directive('@inaccessible')
export class ReleaseCodesInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'Put codes whose plaintext never left the catalog back on sale; disclosed codes (and all codes without this flag) become VOID.',
  })
  returnToPool!: boolean;
}

@ObjectType({ description: 'Internal: one line of a reservation.' })
@Directive('@inaccessible')
export class ReservationLineResult {
  @Field(() => ID)
  skuId!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => ReservationState)
  state!: ReservationState;
}

@ObjectType({ description: "Internal: where an order's reservation stands." })
@Directive('@inaccessible')
export class StockReservationPayload {
  @Field(() => ID)
  orderId!: string;

  @Field(() => [ReservationLineResult])
  lines!: ReservationLineResult[];

  @Field(() => Boolean, { description: 'False when this call was a retry that found the work done.' })
  changed!: boolean;
}

@ObjectType({ description: 'Internal: a card code issued to an order (plaintext, for delivery to the customer).' })
@Directive('@inaccessible')
export class IssuedCardCode {
  @Field(() => ID)
  skuId!: string;

  @Field(() => ID)
  codeId!: string;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;
}

@ObjectType({ description: 'Internal: the codes of an order.' })
@Directive('@inaccessible')
export class AllocateCodesPayload {
  @Field(() => ID)
  orderId!: string;

  @Field(() => [IssuedCardCode])
  codes!: IssuedCardCode[];

  @Field(() => Boolean)
  changed!: boolean;
}

@ObjectType({ description: "Internal: what releasing an order's codes did." })
@Directive('@inaccessible')
export class ReleaseCodesPayload {
  @Field(() => ID)
  orderId!: string;

  @Field(() => Int, { description: 'Codes released by this call (0 on a retry).' })
  released!: number;

  @Field(() => Int, {
    description:
      'Of the released codes, how many went back to the pool (never disclosed, and returnToPool asked); the rest are VOID.',
  })
  returnedToPool!: number;
}

@ObjectType({ description: 'Internal: an issued card code in plaintext, for logistics to show its customer.' })
@Directive('@inaccessible')
export class RevealedCardCode {
  @Field(() => ID)
  codeId!: string;

  @Field(() => ID, { description: 'The order it was issued to.' })
  orderId!: string;

  @Field(() => ID)
  skuId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;
}

function reservation(r: ReservationOutcome): StockReservationPayload {
  return {
    orderId: r.orderId,
    changed: r.changed,
    lines: r.lines.map((l) => ({ skuId: String(l.skuId), quantity: l.quantity, state: l.state })),
  };
}

function allocation(r: AllocationOutcome): AllocateCodesPayload {
  return {
    orderId: r.orderId,
    changed: r.changed,
    codes: r.codes.map((c) => ({ skuId: String(c.skuId), codeId: String(c.codeId), expiresAt: c.expiresAt })),
  };
}

@Resolver(() => IssuedCardCode)
export class IssuedCardCodeResolver {
  @FieldResolver(() => String, {
    description:
      'The plaintext code. Asking for it records that it left the catalog: such a code can only be voided, never returned to the pool.',
  })
  async code(@Root() issued: IssuedCardCode, @Ctx() ctx: SubgraphContext): Promise<string> {
    const code = await catalogLoaders(ctx).disclosedCode.load(issued.codeId);
    if (code === null) throw conflict(`Code ${issued.codeId} is no longer issued (released meanwhile).`);
    return code;
  }
}

/** The checkout saga's catalog steps: SERVICE credential only, hidden from the public API, idempotent on orderId. */
@Resolver()
export class SagaResolver {
  @Mutation(() => StockReservationPayload, {
    description: 'Internal: hold stock for all lines, or nothing (CONFLICT names the short SKU).',
  })
  @Directive('@inaccessible')
  async reserveStock(
    @Arg('input', () => ReserveStockInput) input: ReserveStockInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StockReservationPayload> {
    return reservation(await new StockService(ctx.em, ctx.principal).reserve(input.orderId, input.lines));
  }

  @Mutation(() => StockReservationPayload, { description: 'Internal: the reserved units leave stock (order paid).' })
  @Directive('@inaccessible')
  async commitReservation(
    @Arg('input', () => OrderReservationInput) input: OrderReservationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StockReservationPayload> {
    return reservation(await new StockService(ctx.em, ctx.principal).commit(input.orderId));
  }

  @Mutation(() => StockReservationPayload, {
    description: 'Internal: the reserved units go back on sale (compensation).',
  })
  @Directive('@inaccessible')
  async releaseReservation(
    @Arg('input', () => OrderReservationInput) input: OrderReservationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StockReservationPayload> {
    return reservation(await new StockService(ctx.em, ctx.principal).release(input.orderId));
  }

  @Mutation(() => AllocateCodesPayload, {
    description: 'Internal: issue codes for virtual lines, all or nothing; a retry returns the same codes.',
  })
  @Directive('@inaccessible')
  async allocateCodes(
    @Arg('input', () => AllocateCodesInput) input: AllocateCodesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AllocateCodesPayload> {
    return allocation(await new CodePoolService(ctx.em, ctx.principal).allocate(input.orderId, input.lines));
  }

  @Mutation(() => RevealedCardCode, {
    description:
      'Internal (logistics): decrypt an issued code for its customer; logistics checks who asks and records the reveal.',
  })
  @Directive('@inaccessible')
  async revealCardCode(
    @Arg('codeId', () => ID) codeId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RevealedCardCode> {
    const c = await new CodePoolService(ctx.em, ctx.principal).reveal(codeId);
    return {
      codeId: String(c.codeId),
      orderId: c.orderId,
      skuId: String(c.skuId),
      code: c.code,
      expiresAt: c.expiresAt,
    };
  }

  @Mutation(() => ReleaseCodesPayload, {
    description: "Internal: withdraw an order's codes (VOID, or back to the pool when never delivered).",
  })
  @Directive('@inaccessible')
  async releaseCodes(
    @Arg('input', () => ReleaseCodesInput) input: ReleaseCodesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReleaseCodesPayload> {
    return new CodePoolService(ctx.em, ctx.principal).release(input.orderId, input.returnToPool);
  }
}
