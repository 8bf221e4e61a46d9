import { AsyncLocalStorage } from 'node:async_hooks';
import { forbidden } from './errors';
import type { Permission, Principal } from './identity';
import { ServiceClient, type ServiceOperation } from './service-client';

/**
 * Maker-checker at the point of change. A bank's approval policy (kept by the staff subgraph) says
 * which changes wait for a second person; the subgraph that owns such a change asks the gate before
 * making it, and the gate refuses one made directly, telling the maker how to submit it instead.
 * When a checker approves, the staff subgraph has the owner apply it as the maker, marked with
 * `approvedBy` — that principal passes the gate.
 */

/** What the gate needs of a bank's policy (the staff subgraph's `approvalPolicy`). */
export interface ApprovalPolicyTerms {
  pointsAdjustmentAbove: number | null;
  listingBelowCost: boolean;
  campaignLaunch: boolean;
  /** Launches of campaigns whose budget (fen) is above this wait; a campaign without a budget is above any. */
  campaignBudgetAboveFen: number | null;
  partnerAppCreation: boolean;
}

export type PolicyLookup = (bankId: string) => Promise<ApprovalPolicyTerms>;

/** The policy in force where no staff subgraph can be asked (see `withPolicies`). */
const localPolicies = new AsyncLocalStorage<PolicyLookup>();

/**
 * Runs `work` with `lookup` answering for every bank's policy instead of the staff subgraph: for the
 * demo seed, which runs a subgraph's operations in process before any subgraph is up and onboards
 * banks that have no policy yet. Never used while serving a request.
 */
export function withPolicies<T>(lookup: PolicyLookup, work: () => Promise<T>): Promise<T> {
  return localPolicies.run(lookup, work);
}

/** A bank that has not set an approval policy: nothing waits for a second person. */
export const NO_POLICY: ApprovalPolicyTerms = {
  pointsAdjustmentAbove: null,
  listingBelowCost: false,
  campaignLaunch: false,
  campaignBudgetAboveFen: null,
  partnerAppCreation: false,
};

/** Principals acting under an approved request; only made in process, never read from a token. */
const approved = new WeakSet<Principal>();

/**
 * The maker, acting for the bank under approval request `approvalRequestId`: the identity an owning
 * subgraph applies an approved change with, so its usual tenant checks still hold.
 */
export function approvedBy(maker: { sub: string; bankId: string }, permission: Permission): Principal {
  const principal: Principal = {
    role: 'BANK_OPERATOR',
    sub: maker.sub,
    bankId: maker.bankId,
    permissions: [permission],
  };
  approved.add(principal);
  return principal;
}

export class ApprovalGate {
  private readonly lookup: PolicyLookup;

  constructor(
    private readonly principal: Principal,
    lookup: PolicyLookup,
  ) {
    this.lookup = (bankId) => (localPolicies.getStore() ?? lookup)(bankId);
  }

  /** Internal services and approved changes are not held; everyone else follows the bank's policy. */
  private get exempt(): boolean {
    return this.principal.role === 'SERVICE' || approved.has(this.principal);
  }

  async pointsAdjustment(bankId: number | string, amount: number): Promise<void> {
    if (this.exempt) return;
    const { pointsAdjustmentAbove: above } = await this.lookup(String(bankId));
    if (above !== null && Math.abs(amount) > above)
      throw held(
        `Adjustments of more than ${above.toLocaleString('en')} points need a second person at this bank`,
        'pointsAdjustment',
        'ADJUST_POINTS',
      );
  }

  /**
   * Call only when the price is below cost (the check is the caller's; the policy lookup is not free).
   * `submitAs`: the requested change that carries this price — a base price (`listingPrice`) or a
   * listing's tier prices (`listingTierPrices`), so the refusal points the maker at one that can.
   */
  async listingBelowCost(
    bankId: number | string,
    submitAs: 'listingPrice' | 'listingTierPrices' = 'listingPrice',
  ): Promise<void> {
    if (this.exempt) return;
    if ((await this.lookup(String(bankId))).listingBelowCost)
      throw held('Prices below the supplier price need a second person at this bank', submitAs, 'CURATE_LISTINGS');
  }

  /** `budgetFen` null: the campaign has no cap on its subsidy. */
  async campaignLaunch(bankId: number | string, budgetFen: number | null): Promise<void> {
    if (this.exempt) return;
    const policy = await this.lookup(String(bankId));
    if (policy.campaignLaunch)
      throw held('Launching a campaign needs a second person at this bank', 'campaignLaunch', 'RUN_CAMPAIGNS');
    const above = policy.campaignBudgetAboveFen;
    if (above !== null && (budgetFen === null || budgetFen > above))
      throw held(
        budgetFen === null
          ? `Launching a campaign without a budget needs a second person at this bank (budgets above ${above.toLocaleString('en')} fen do)`
          : `Launching a campaign with a budget above ${above.toLocaleString('en')} fen needs a second person at this bank (this one: ${budgetFen.toLocaleString('en')} fen)`,
        'campaignLaunch',
        'RUN_CAMPAIGNS',
      );
  }

  async partnerAppCreation(bankId: number | string): Promise<void> {
    if (this.exempt) return;
    if ((await this.lookup(String(bankId))).partnerAppCreation)
      throw held('New partner apps need a second person at this bank', 'partnerApp', 'MANAGE_PARTNER_APPS');
  }
}

function held(rule: string, field: string, permission: Permission) {
  return forbidden(
    `${rule}: submit it with requestApproval(input: { ${field}: … }) and a colleague with ${permission} approves it.`,
  );
}

/**
 * The lookup every owning subgraph uses: a SERVICE call to staff with the caller's own typed
 * `approvalPolicy` operation. Asked each time a change could be held (staff writes are rare, and a
 * cache would let a change slip through just after a bank turned its policy on).
 */
export function policyFromStaff(
  caller: string,
  operation: ServiceOperation<{ approvalPolicy: ApprovalPolicyTerms }, { bankId: string }>,
): PolicyLookup {
  const staff = new ServiceClient('service', caller);
  return async (bankId) => (await staff.request('staff', operation, { bankId })).approvalPolicy;
}
