import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { badInput } from '../../../core/errors';
import { PLATFORM_ROLES, bankScopeOf, requirePartnerScope, requireRoleAndPermission } from '../../../core/identity';
import { PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { CommitsStepByStep } from '../../../core/request-transaction';
import { BankEventType } from '../entities/bank-event';
import { EarnRule } from '../entities/earn-rule';
import type { PointsLedgerEntry } from '../entities/ledger-entry';
import { EarningService } from '../services/earning.service';
import { EarnRulesService, POINTS_ADJUSTMENT } from '../services/earn-rules.service';
import { PointsSweeps } from '../services/sweeps.service';
import { TenantsClient } from '../services/tenants-client';
import { PointsLedgerEntry as LedgerEntryType } from '../entities/ledger-entry';
import {
  AdjustPointsInput,
  CreateEarnRuleInput,
  EarnRuleConnection,
  RecordBankEventInput,
  RecordBankEventPayload,
  SetEarnRuleStatusInput,
  SweepResult,
} from './types';

@Resolver()
export class EarningResolver {
  @Mutation(() => RecordBankEventPayload, {
    description: "Partner API: a core-banking event that may earn points under the bank's rules.",
  })
  async recordBankEvent(
    @Arg('input', () => RecordBankEventInput) input: RecordBankEventInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecordBankEventPayload> {
    const principal = requireRoleAndPermission(
      ctx.principal,
      ['PARTNER_APP', 'BANK_ADMIN', ...PLATFORM_ROLES],
      POINTS_ADJUSTMENT,
    );
    requirePartnerScope(principal, 'EARN_EVENTS');
    const scope = bankScopeOf(principal);
    const bankId = scope ?? input.bankId;
    if (!bankId) throw badInput('bankId is required for platform callers.');
    if (scope !== null && input.bankId && input.bankId !== scope)
      throw badInput('bankId must be your own bank (or omitted).');
    const result = await new EarningService(ctx.em, new TenantsClient()).recordBankEvent({
      bankId: Number(bankId),
      customerRef: input.customerRef,
      product: input.product,
      amountFen: input.amountFen,
      merchantCategory: input.merchantCategory,
      occurredAt: input.occurredAt,
      idempotencyKey: input.idempotencyKey,
      type: input.type ?? BankEventType.EARN,
      reversesKey: input.reversesIdempotencyKey ?? null,
    });
    return { ...result, eventId: String(result.eventId) };
  }

  @Mutation(() => EarnRule, { description: 'Create an earn rule for your bank (bank admins).' })
  createEarnRule(
    @Arg('input', () => CreateEarnRuleInput) input: CreateEarnRuleInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EarnRule> {
    return new EarnRulesService(ctx.em, ctx.principal).create({
      ...input,
      bankId: Number(input.bankId),
      segmentId: input.segmentId ? Number(input.segmentId) : null,
    });
  }

  @Mutation(() => EarnRule, { description: 'Pause or resume an earn rule.' })
  setEarnRuleStatus(
    @Arg('input', () => SetEarnRuleStatusInput) input: SetEarnRuleStatusInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EarnRule> {
    return new EarnRulesService(ctx.em, ctx.principal).setStatus(Number(input.earnRuleId), input.status);
  }

  @Query(() => EarnRuleConnection, { description: "Your bank's earn rules, newest first." })
  earnRules(
    @Arg('bankId', () => ID) bankId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<EarnRule>> {
    return new EarnRulesService(ctx.em, ctx.principal).list(Number(bankId), page.first, page.after);
  }

  @Mutation(() => LedgerEntryType, {
    description: "Correct a customer's points (bank staff); idempotent on idempotencyKey.",
  })
  adjustPoints(
    @Arg('input', () => AdjustPointsInput) input: AdjustPointsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PointsLedgerEntry> {
    return new EarnRulesService(ctx.em, ctx.principal).adjust({ ...input, customerId: Number(input.customerId) });
  }

  @Mutation(() => SweepResult, {
    description: 'Run expiry and due installments now, as of a time (platform operators; also runs periodically).',
  })
  @CommitsStepByStep(
    "The sweep expires lots and pays installments one by one, each in its own transaction, and tells tenants over HTTP; one item's failure must not undo the others.",
  )
  async runPointsSweeps(
    @Arg('asOf', () => Date, { nullable: true }) asOf: Date | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SweepResult> {
    requireRoleAndPermission(ctx.principal, [...PLATFORM_ROLES, 'SERVICE'], { platform: 'MANAGE_TENANTS' });
    const sweeps = new PointsSweeps(ctx.em, new TenantsClient());
    const when = asOf ?? new Date();
    const installmentsPaid = await sweeps.payDueInstallments(when);
    const expired = await sweeps.expire(when);
    return { ...expired, installmentsPaid };
  }
}
