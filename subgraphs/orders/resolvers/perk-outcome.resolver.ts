import { Arg, Ctx, Directive, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { badInput } from '../../../core/errors';
import { numericIds } from '../../../core/loaders';
import { CommitsStepByStep } from '../../../core/request-transaction';
import type { SubgraphContext } from '../../../core/subgraph';
import { PerkUnitState } from '../entities/perk-unit';
import { PerkOutcomes } from '../services/perk-outcome.service';
import { sagaPorts } from '../services/saga-ports';
import { Text } from '../../../core/input-rules';

@InputType({ description: 'Internal (logistics): how one perk unit ended.' })
export class RecordPerkUnitOutcomeInput {
  @Field(() => ID, { description: 'The order line.' }) orderLineId!: string;
  @Field(() => Int, { description: 'The unit within the line, from 0.' }) unitIndex!: number;
  @Field(() => PerkUnitState, { description: 'DELIVERED or FAILED.' }) outcome!: PerkUnitState;
  @Field(() => Date, { description: 'When it was settled.' }) at!: Date;
  @Field(() => String, { nullable: true, description: 'FAILED: why (up to 300 characters).' })
  @Text({ max: 300 })
  reason?: string | null;
}

@ObjectType({ description: 'Internal (logistics): the unit as orders booked it.' })
export class PerkUnitOutcomePayload {
  @Field(() => ID) orderLineId!: string;
  @Field(() => Int) unitIndex!: number;
  @Field(() => PerkUnitState) state!: PerkUnitState;
  @Field(() => ID, { nullable: true, description: 'FAILED: the automatic refund.' }) refundId!: string | null;
}

@Resolver()
export class PerkOutcomeResolver {
  @Mutation(() => PerkUnitOutcomePayload, {
    description:
      'Internal (logistics): a perk unit was DELIVERED (owed to the supplier) or FAILED (refunded automatically); idempotent per unit.',
  })
  @Directive('@inaccessible')
  @CommitsStepByStep(
    "Called by logistics' outbox: books the unit in one transaction, then gives a failed unit's points back over HTTP (idempotent on the refund id; the recovery sweep settles what a failure left).",
  )
  async recordPerkUnitOutcome(
    @Arg('input', () => RecordPerkUnitOutcomeInput) input: RecordPerkUnitOutcomeInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PerkUnitOutcomePayload> {
    const lineId = numericIds([input.orderLineId])[0];
    if (!lineId || !Number.isSafeInteger(input.unitIndex) || input.unitIndex < 0)
      throw badInput('orderLineId and unitIndex name a perk unit.', [{ field: 'orderLineId', message: 'not a unit' }]);
    const unit = await new PerkOutcomes(ctx.em, ctx.principal, sagaPorts(), ctx.log).record({
      orderLineId: lineId,
      unitIndex: input.unitIndex,
      outcome: input.outcome as PerkUnitState.DELIVERED | PerkUnitState.FAILED,
      at: input.at,
      reason: input.reason ?? null,
    });
    return {
      orderLineId: String(unit.orderLineId),
      unitIndex: unit.unitIndex,
      state: unit.state,
      refundId: unit.refundId ? String(unit.refundId) : null,
    };
  }
}
