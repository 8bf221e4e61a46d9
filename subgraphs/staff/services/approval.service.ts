import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError, badInput, conflict, forbidden, notFound } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  staffKindOf,
  bankScopeOf,
  hasPermission,
  isUnscoped,
  requireOneOf,
  requirePermission,
  BANK_ROLES_OR_PLATFORM,
  type Principal,
} from '../../../core/identity';
import { enqueueEvent } from '../../../core/outbox';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { affectedRows, inTransaction } from '../../../core/sql';
import { ServiceClient, SubgraphUnavailableError } from '../../../core/service-client';
import {
  ApplyApprovedPointsAdjustmentDocument,
  type PointsTrack,
} from '../../../codegen/generated/service/staff/loyalty';
import {
  ApplyApprovedCampaignLaunchDocument,
  ApplyApprovedListingPriceDocument,
  ApplyApprovedListingTierPricesDocument,
  ApplyApprovedPartnerAppDocument,
  ListingBankDocument,
  type PriceMode,
} from '../../../codegen/generated/service/staff/tenants';
import {
  ApprovalKind,
  ApprovalPolicy,
  ApprovalRequest,
  ApprovalStatus,
  PERMISSION_FOR_KIND,
} from '../entities/approval';
import type { StaffLoaders } from '../loaders';

export const APPROVAL_APPLY = 'approval.apply';

/** Tier prices one request may carry: setListingTierPrices' own limit, which tenants checks again as it applies. */
export const MAX_REQUESTED_TIER_PRICES = 20;

const CHANGES = ['pointsAdjustment', 'listingPrice', 'listingTierPrices', 'campaignLaunch', 'partnerApp'] as const;

/** The changes a maker can submit, one per kind; each is what the owning subgraph's apply takes. */
export interface RequestedChange {
  pointsAdjustment?: {
    customerId: string;
    track: PointsTrack;
    amount: number;
    reason: string;
    validityDays?: number | null;
  } | null;
  listingPrice?: {
    listingId: string;
    priceMode?: PriceMode | null;
    pricePoints?: number | null;
    priceFen?: number | null;
  } | null;
  /** A listing's tier prices (setListingTierPrices' input), some below cost. */
  listingTierPrices?: {
    listingId: string;
    prices: { tierId: string; priceMode: PriceMode; pricePoints: number; priceFen: number }[];
  } | null;
  campaignLaunch?: { campaignId: string; budgetFen?: number | null } | null;
  partnerApp?: { name: string; safelistOnly?: boolean | null } | null;
}

export interface PolicyChanges {
  pointsAdjustmentAbove?: number | null;
  listingBelowCost?: boolean | null;
  campaignLaunch?: boolean | null;
  campaignBudgetAboveFen?: number | null;
  partnerAppCreation?: boolean | null;
  expiryHours?: number | null;
}

export interface ApprovalFilter {
  bankId?: string | null;
  status?: ApprovalStatus | null;
  kind?: ApprovalKind | null;
  /** Only the caller's own requests. */
  mine?: boolean | null;
}

const bankIdOf = (id: string | number) => {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n < 1) throw notFound('Bank', id);
  return n;
};

/**
 * Maker-checker (four eyes). A bank's policy says which changes wait; the owning subgraph refuses
 * such a change made directly, the maker submits it here, and another person of the same bank
 * with the permission the change needs approves or rejects it. Approval commits the decision
 * with an outbox message in one transaction; the relay then has the owning subgraph apply it,
 * keyed by the request id, so it applies once however often the relay retries.
 */
export class ApprovalService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    /** The request's loaders (loaders.ts): reads of single requests and policies batch through them. */
    private readonly loaders: Pick<StaffLoaders, 'approvalRequest' | 'approvalPolicyByBank'>,
  ) {}

  /** The bank's policy (defaults when it never set one). Bank staff of that bank, the platform, services. */
  async policy(bankId: string | number): Promise<ApprovalPolicy> {
    const id = bankIdOf(bankId);
    this.assertBank(id, 'Bank', bankId);
    return (await this.loaders.approvalPolicyByBank.load(id)) ?? this.em.create(ApprovalPolicy, { bankId: id });
  }

  async setPolicy(bankId: string, changes: PolicyChanges): Promise<ApprovalPolicy> {
    requireOneOf(this.principal, ['BANK_ADMIN', ...PLATFORM_ROLES], 'Only bank admins set their approval policy');
    requirePermission(
      this.principal,
      staffKindOf(this.principal.role) === 'platform' ? 'MANAGE_TENANTS' : 'MANAGE_BANK_SETTINGS',
    );
    const id = bankIdOf(bankId);
    this.assertBank(id, 'Bank', bankId);
    const problems = [];
    if (
      changes.pointsAdjustmentAbove != null &&
      (changes.pointsAdjustmentAbove < 0 || !Number.isSafeInteger(changes.pointsAdjustmentAbove))
    )
      problems.push({ field: 'pointsAdjustmentAbove', message: 'must be a whole number of points, 0 or more' });
    if (changes.expiryHours != null && (changes.expiryHours < 1 || changes.expiryHours > 720))
      problems.push({ field: 'expiryHours', message: 'must be 1–720 hours' });
    if (problems.length)
      throw badInput(
        `Approval policy not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`,
        problems,
      );
    return inTransaction(this.em, async (tx) => {
      let policy = await tx.findOne(ApprovalPolicy, { bankId: id });
      if (!policy) policy = tx.create(ApprovalPolicy, { bankId: id });
      if (changes.pointsAdjustmentAbove !== undefined) policy.pointsAdjustmentAbove = changes.pointsAdjustmentAbove;
      if (changes.listingBelowCost != null) policy.listingBelowCost = changes.listingBelowCost;
      if (changes.campaignLaunch != null) policy.campaignLaunch = changes.campaignLaunch;
      if (changes.campaignBudgetAboveFen !== undefined) policy.campaignBudgetAboveFen = changes.campaignBudgetAboveFen;
      if (changes.partnerAppCreation != null) policy.partnerAppCreation = changes.partnerAppCreation;
      if (changes.expiryHours != null) policy.expiryHours = changes.expiryHours;
      await tx.persistAndFlush(policy);
      return policy;
    });
  }

  /** A maker submits a change; it waits for a checker. */
  async request(input: RequestedChange & { bankId?: string | null; note: string }): Promise<ApprovalRequest> {
    requireOneOf(this.principal, BANK_ROLES_OR_PLATFORM, 'Approval requests are made by bank staff');
    const given = CHANGES.filter((k) => input[k] != null);
    if (given.length !== 1)
      throw badInput(
        'Give exactly one change: pointsAdjustment, listingPrice, listingTierPrices, campaignLaunch or partnerApp.',
        [{ field: 'input', message: 'exactly one change' }],
      );
    const scope = bankScopeOf(this.principal);
    if (scope === null && !input.bankId)
      throw badInput('Platform staff name the bank: bankId.', [
        { field: 'bankId', message: 'required for the platform' },
      ]);
    const bankId = scope !== null ? Number(scope) : bankIdOf(input.bankId!);
    if (scope !== null && input.bankId && String(input.bankId) !== scope) throw notFound('Bank', input.bankId);
    const note = input.note.trim();
    if (note.length < 4)
      throw badInput('Say why (at least 4 characters).', [{ field: 'note', message: 'at least 4 characters' }]);
    const { kind, summary, payload } = describe(input);
    requirePermission(this.principal, PERMISSION_FOR_KIND[kind]);
    if (input.listingTierPrices) await this.assertListingOf(bankId, input.listingTierPrices.listingId);
    const policy = await this.policy(bankId);
    const request = this.em.create(ApprovalRequest, {
      kind,
      bankId,
      makerSub: this.principal.sub,
      summary,
      payload,
      makerNote: note,
      expiresAt: new Date(Date.now() + policy.expiryHours * 3600_000),
    });
    await inTransaction(this.em, async (tx) => tx.persistAndFlush(request));
    return request;
  }

  /**
   * A checker approves: exactly one decision wins (a conditional update from PENDING), and the
   * change is handed to the owning subgraph through the outbox in the same transaction.
   */
  async approve(id: string, note?: string | null): Promise<ApprovalRequest> {
    const request = await this.decidable(id);
    return inTransaction(this.em, async (tx) => {
      const won = await affectedRows(
        tx,
        'UPDATE approval_request SET status = ?, checker_sub = ?, checker_note = ?, decided_at = ?, updated_at = ? WHERE id = ? AND status = ? AND expires_at > ?',
        [
          ApprovalStatus.APPROVED,
          this.principal.sub,
          note?.trim() || null,
          new Date(),
          new Date(),
          request.id,
          ApprovalStatus.PENDING,
          new Date(),
        ],
      );
      if (won !== 1) throw this.alreadyDecided(request);
      enqueueEvent(tx, APPROVAL_APPLY, { approvalRequestId: request.id }, `approval:${request.id}:apply`);
      await tx.flush();
      return tx.findOneOrFail(ApprovalRequest, request.id, { refresh: true });
    });
  }

  async reject(id: string, reason: string): Promise<ApprovalRequest> {
    if (reason.trim().length < 4)
      throw badInput('Say why you reject it (at least 4 characters).', [
        { field: 'reason', message: 'at least 4 characters' },
      ]);
    const request = await this.decidable(id);
    return inTransaction(this.em, async (tx) => {
      const won = await affectedRows(
        tx,
        'UPDATE approval_request SET status = ?, checker_sub = ?, checker_note = ?, decided_at = ?, updated_at = ? WHERE id = ? AND status = ?',
        [
          ApprovalStatus.REJECTED,
          this.principal.sub,
          reason.trim(),
          new Date(),
          new Date(),
          request.id,
          ApprovalStatus.PENDING,
        ],
      );
      if (won !== 1) throw this.alreadyDecided(request);
      return tx.findOneOrFail(ApprovalRequest, request.id, { refresh: true });
    });
  }

  /** The maker takes back a request nobody has decided yet. */
  async withdraw(id: string): Promise<ApprovalRequest> {
    const request = await this.visible(id);
    if (request.makerSub !== this.principal.sub) throw forbidden('Only the person who asked can withdraw a request.');
    return inTransaction(this.em, async (tx) => {
      const won = await affectedRows(
        tx,
        'UPDATE approval_request SET status = ?, updated_at = ? WHERE id = ? AND status = ?',
        [ApprovalStatus.WITHDRAWN, new Date(), request.id, ApprovalStatus.PENDING],
      );
      if (won !== 1) throw this.alreadyDecided(request);
      return tx.findOneOrFail(ApprovalRequest, request.id, { refresh: true });
    });
  }

  async get(id: string): Promise<ApprovalRequest> {
    return this.visible(id);
  }

  /**
   * Requests the caller may see, newest first: their own, and those of kinds whose permission they
   * hold in their bank (the platform: all, or one bank's).
   */
  async list(
    filter: ApprovalFilter,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<ApprovalRequest>> {
    requireOneOf(this.principal, BANK_ROLES_OR_PLATFORM, 'Approval requests are for bank staff');
    const limit = pageSize(first);
    const scope = bankScopeOf(this.principal);
    const where: Record<string, unknown> = {};
    if (scope !== null) {
      if (filter.bankId && String(filter.bankId) !== scope) throw notFound('Bank', filter.bankId);
      where.bankId = Number(scope);
    } else if (filter.bankId) where.bankId = bankIdOf(filter.bankId);
    if (filter.status) where.status = filter.status;
    const kinds = Object.values(ApprovalKind).filter((k) => hasPermission(this.principal, PERMISSION_FOR_KIND[k]));
    const own = { makerSub: this.principal.sub };
    if (filter.mine) Object.assign(where, own);
    else if (scope !== null) where.$or = [own, { kind: { $in: kinds } }];
    if (filter.kind) where.kind = filter.kind;
    if (after) where.id = { $lt: Number(decodeCursor(after, 1)[0]) };
    const rows = await this.em.find(ApprovalRequest, where, { orderBy: { id: 'DESC' }, limit: limit + 1 });
    return toConnection(rows, limit, (r) => [r.id], Boolean(after));
  }

  private async visible(id: string): Promise<ApprovalRequest> {
    const n = Number(id);
    const request = Number.isSafeInteger(n) && n > 0 ? await this.loaders.approvalRequest.load(n) : null;
    if (!request) throw notFound('ApprovalRequest', id);
    this.assertBank(request.bankId, 'ApprovalRequest', id);
    if (
      !isUnscoped(this.principal) &&
      request.makerSub !== this.principal.sub &&
      !hasPermission(this.principal, PERMISSION_FOR_KIND[request.kind])
    )
      throw notFound('ApprovalRequest', id);
    return request;
  }

  /** A request this caller may decide: visible, pending, not their own, and they hold its permission. */
  private async decidable(id: string): Promise<ApprovalRequest> {
    requireOneOf(this.principal, BANK_ROLES_OR_PLATFORM, 'Approval requests are decided by bank staff');
    const request = await this.visible(id);
    if (request.makerSub === this.principal.sub)
      throw forbidden('You asked for this change: another person must approve or reject it (four eyes).');
    requirePermission(this.principal, PERMISSION_FOR_KIND[request.kind]);
    if (request.status === ApprovalStatus.PENDING && request.expiresAt <= new Date())
      throw conflict(`Approval request ${request.id} expired at ${request.expiresAt.toISOString()}; ask for it again.`);
    return request;
  }

  private alreadyDecided(request: ApprovalRequest): AppError {
    return conflict(
      `Approval request ${request.id} is no longer pending: someone decided it (or it expired) just now.`,
    );
  }

  /**
   * A listing named in a request is one of the bank's (else NOT_FOUND, as setListingTierPrices
   * would answer), so a checker never sees a request that cannot apply for that reason.
   */
  private async assertListingOf(bankId: number, listingId: string): Promise<void> {
    try {
      const { listing } = await new ServiceClient('service', 'staff').request('tenants', ListingBankDocument, {
        id: listingId,
      });
      if (listing.mall.bank.id === String(bankId)) return;
    } catch (e) {
      if (!(e instanceof AppError && ['NOT_FOUND', 'BAD_USER_INPUT'].includes(String(e.extensions.code)))) throw e;
    }
    throw notFound('Listing', listingId);
  }

  private assertBank(bankId: number, what: string, id: string | number): void {
    const scope = bankScopeOf(this.principal);
    if (scope !== null && scope !== String(bankId)) throw notFound(what, id);
  }
}

/** A request's status as people see it: pending past its expiry reads EXPIRED. */
export function effectiveStatus(request: ApprovalRequest, now = new Date()): ApprovalStatus {
  return request.status === ApprovalStatus.PENDING && request.expiresAt <= now
    ? ApprovalStatus.EXPIRED
    : request.status;
}

function describe(input: RequestedChange): { kind: ApprovalKind; summary: string; payload: Record<string, unknown> } {
  if (input.pointsAdjustment) {
    const a = input.pointsAdjustment;
    if (!Number.isSafeInteger(a.amount) || a.amount === 0)
      throw badInput('amount must be a non-zero whole number of points.', [
        { field: 'pointsAdjustment.amount', message: 'non-zero' },
      ]);
    const sign = a.amount > 0 ? '+' : '−';
    return {
      kind: ApprovalKind.POINTS_ADJUSTMENT,
      summary:
        `Adjust customer ${a.customerId}'s ${a.track} points by ${sign}${Math.abs(a.amount).toLocaleString('en')}: ${a.reason}`.slice(
          0,
          300,
        ),
      payload: { ...a },
    };
  }
  if (input.listingPrice) {
    const p = input.listingPrice;
    return {
      kind: ApprovalKind.LISTING_BELOW_COST,
      summary: `Price listing ${p.listingId} below cost: ${priceInWords(p)}`,
      payload: { ...p },
    };
  }
  if (input.listingTierPrices) {
    const { listingId, prices } = input.listingTierPrices;
    // Only the size is checked here; the tiers, the listing's bank and the price rules are
    // setListingTierPrices' and are checked as tenants applies it (a refusal: FAILED with the reason).
    if (prices.length < 1 || prices.length > MAX_REQUESTED_TIER_PRICES)
      throw badInput(`Give 1–${MAX_REQUESTED_TIER_PRICES} tier prices.`, [
        { field: 'listingTierPrices.prices', message: `1–${MAX_REQUESTED_TIER_PRICES} prices` },
      ]);
    return {
      // The same kind as a base price below cost: the same policy rule holds it, the same permission decides it.
      kind: ApprovalKind.LISTING_BELOW_COST,
      summary: fitSummary(
        `Set listing ${listingId}'s tier prices (some below cost): `,
        prices.map((p) => `tier ${p.tierId} ${priceInWords(p)}`),
      ),
      payload: { listingId, prices: prices.map((p) => ({ ...p })) },
    };
  }
  if (input.campaignLaunch) {
    const { campaignId, budgetFen } = input.campaignLaunch;
    const budget =
      budgetFen == null
        ? 'no budget cap'
        : `a budget of ${(budgetFen / 100).toLocaleString('en')} CNY (${budgetFen} fen)`;
    return {
      kind: ApprovalKind.CAMPAIGN_LAUNCH,
      summary: `Launch (schedule) campaign ${campaignId} with ${budget}`,
      payload: { campaignId, budgetFen: budgetFen ?? null },
    };
  }
  const app = input.partnerApp!;
  return {
    kind: ApprovalKind.PARTNER_APP_CREATION,
    summary: `Create partner app "${app.name}"`.slice(0, 300),
    payload: { ...app },
  };
}

function priceInWords(p: { priceMode?: PriceMode | null; pricePoints?: number | null; priceFen?: number | null }) {
  return [
    p.priceMode,
    p.pricePoints != null ? `${p.pricePoints} points` : null,
    p.priceFen != null ? `${p.priceFen} fen` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** `head` and as many of `items` as fit the summary column (300), then how many more there are. */
function fitSummary(head: string, items: string[]): string {
  let text = head;
  for (const [i, item] of items.entries()) {
    const next = `${text}${i ? '; ' : ''}${item}`;
    const more = `; and ${items.length - i - 1} more`;
    if (next.length + (i < items.length - 1 ? more.length : 0) > 300) return `${text}; and ${items.length - i} more`;
    text = next;
  }
  return text;
}

/**
 * Applies approved requests (the outbox relay's handler). The owning subgraph checks the change
 * again as it applies it; a definite refusal (the balance changed, the listing is gone) settles the
 * request as FAILED with its reason, while an unreachable subgraph is retried by the relay.
 */
export class ApprovalApplier {
  private readonly client = new ServiceClient('service', 'staff');

  constructor(private readonly em: SqlEntityManager) {}

  async apply(approvalRequestId: number): Promise<void> {
    const request = await this.em.findOne(ApprovalRequest, approvalRequestId);
    if (!request || request.status !== ApprovalStatus.APPROVED) return; // settled already
    let outcome: string;
    let status = ApprovalStatus.APPLIED;
    try {
      outcome = await this.applyToOwner(request);
    } catch (e) {
      if (e instanceof SubgraphUnavailableError || !(e instanceof AppError)) throw e;
      status = ApprovalStatus.FAILED;
      outcome = e.message.slice(0, 500);
    }
    await affectedRows(
      this.em,
      'UPDATE approval_request SET status = ?, outcome = ?, settled_at = ?, updated_at = ? WHERE id = ? AND status = ?',
      [status, outcome, new Date(), new Date(), request.id, ApprovalStatus.APPROVED],
    );
  }

  private async applyToOwner(request: ApprovalRequest): Promise<string> {
    const common = {
      approvalRequestId: String(request.id),
      bankId: String(request.bankId),
      makerSub: request.makerSub,
    };
    const p = request.payload as Record<string, never>;
    switch (request.kind) {
      case ApprovalKind.POINTS_ADJUSTMENT: {
        const { applyApprovedPointsAdjustment: entry } = await this.client.request(
          'loyalty',
          ApplyApprovedPointsAdjustmentDocument,
          {
            input: {
              ...common,
              customerId: p.customerId,
              track: p.track,
              amount: p.amount,
              reason: p.reason,
              validityDays: p.validityDays ?? null,
            },
          },
        );
        return `Ledger entry ${entry.id}`;
      }
      case ApprovalKind.LISTING_BELOW_COST: {
        // One kind, two changes: tier prices carry `prices`, a base price does not.
        if (Array.isArray(request.payload.prices)) {
          const { applyApprovedListingTierPrices: listing } = await this.client.request(
            'tenants',
            ApplyApprovedListingTierPricesDocument,
            { input: { ...common, listingId: p.listingId, prices: p.prices } },
          );
          return `Listing ${listing.id}'s tier prices set`;
        }
        const { applyApprovedListingPrice: listing } = await this.client.request(
          'tenants',
          ApplyApprovedListingPriceDocument,
          {
            input: {
              ...common,
              listingId: p.listingId,
              priceMode: p.priceMode ?? null,
              pricePoints: p.pricePoints ?? null,
              priceFen: p.priceFen ?? null,
            },
          },
        );
        return `Listing ${listing.id} repriced`;
      }
      case ApprovalKind.CAMPAIGN_LAUNCH: {
        const { applyApprovedCampaignLaunch: campaign } = await this.client.request(
          'tenants',
          ApplyApprovedCampaignLaunchDocument,
          {
            input: { ...common, campaignId: p.campaignId, budgetFen: p.budgetFen ?? null },
          },
        );
        return `Campaign ${campaign.id} scheduled`;
      }
      case ApprovalKind.PARTNER_APP_CREATION: {
        const { applyApprovedPartnerApp: app } = await this.client.request('tenants', ApplyApprovedPartnerAppDocument, {
          input: { ...common, name: p.name, safelistOnly: p.safelistOnly ?? null },
        });
        return `Partner app ${app.id} (client id ${app.clientId}) created; rotate its secret to obtain one`;
      }
    }
  }
}
