/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A kind of change that can wait for a second person (maker-checker). */
export type ApprovalKind =
  | 'CAMPAIGN_LAUNCH'
  | 'LISTING_BELOW_COST'
  | 'PARTNER_APP_CREATION'
  | 'POINTS_ADJUSTMENT';

/** Which approval requests to list. */
export type ApprovalRequestFilter = {
  /** One bank (platform staff). */
  bankId?: string | null | undefined;
  kind?: ApprovalKind | null | undefined;
  /** Only the requests you made. */
  mine?: boolean | null | undefined;
  status?: ApprovalStatus | null | undefined;
};

/** Where an approval request stands. */
export type ApprovalStatus =
  | 'APPLIED'
  | 'APPROVED'
  | 'EXPIRED'
  | 'FAILED'
  | 'PENDING'
  | 'REJECTED'
  | 'WITHDRAWN';

/** Approve a request (not your own). */
export type ApproveRequestInput = {
  approvalRequestId: string;
  note?: string | null | undefined;
};

/** What a write did to its target. */
export type AuditAction =
  | 'CREATE'
  | 'DELETE'
  | 'UPDATE';

/** Which audit entries to read; every condition given must hold. */
export type AuditTrailFilterInput = {
  /** Who made the change (`AuditEntry.actorId`, e.g. `staff:12`). */
  actorId?: string | null | undefined;
  /** Platform only (bank staff: their own bank): one bank’s changes. */
  bankId?: string | null | undefined;
  /** Changes at or after this time. */
  from?: string | null | undefined;
  /** The mutation, e.g. `updateSku`. */
  operation?: string | null | undefined;
  /** The changes of one request (`x-request-id`). */
  requestId?: string | null | undefined;
  /** One supplier’s changes (supplier staff: their own). */
  supplierId?: string | null | undefined;
  /** The target’s id (with `targetType`). */
  targetId?: string | null | undefined;
  /** The kind of target, e.g. `Sku`. */
  targetType?: string | null | undefined;
  /** Changes before this time. */
  to?: string | null | undefined;
};

/** Which of a bank's orders to list; every field narrows the list. */
export type BankOrderFilterInput = {
  /** The bank's own customer reference (exact; 1–64 of letters, digits, _ . : -). */
  customerRef?: string | null | undefined;
  /** The order number (its id). */
  orderId?: string | null | undefined;
  /** Placed at or after this time. */
  placedFrom?: string | null | undefined;
  /** Placed before this time. */
  placedTo?: string | null | undefined;
  /** Only orders in this status (FAILED: refused checkouts). */
  status?: OrderStatus | null | undefined;
};

/** A campaign to launch (schedule) once approved. */
export type CampaignLaunchChangeInput = {
  /** The campaign's budget as the checker approves it (left out or null: no cap); the launch fails if the campaign's budget differs when it is applied. */
  budgetFen?: number | null | undefined;
  campaignId: string;
};

/** OWED: approved with cash the bank has not paid back yet; PAID_OUT: the bank recorded paying it. */
export type CashPayoutState =
  | 'OWED'
  | 'PAID_OUT';

/** A new partner-app credential for a bank. */
export type CreatePartnerAppInput = {
  /** The bank the app acts for: bank admins may omit it (their own bank); platform admins must give it. */
  bankId?: string | null | undefined;
  /** A name operators recognise, e.g. "Mobile banking app". */
  name: string;
  /** Run only the published operations (codegen/persisted-operations.json). Omitted: the deployment default (on in production). */
  safelistOnly?: boolean | null | undefined;
  /** What the app may do (carried in its tokens). Omitted: every scope. */
  scopes?: Array<PartnerAppScope> | null | undefined;
};

/** The language of a CSV export's header row. */
export type CsvLanguage =
  | 'EN'
  | 'ZH_CN';

export type DecideRefundInput = {
  approve: boolean;
  /** Why it is rejected (4–500 characters; required to reject, shown to the customer). */
  reason?: string | null | undefined;
  refundId: string;
  /** Put the returned goods back into stock. */
  restock?: boolean;
};

/** A listing price below the supplier price, to hold for approval. */
export type ListingPriceChangeInput = {
  listingId: string;
  priceFen?: number | null | undefined;
  priceMode?: PriceMode | null | undefined;
  pricePoints?: number | null | undefined;
};

export type OrderLineKind =
  | 'PHYSICAL'
  | 'VIRTUAL';

/** Where an order stands. */
export type OrderStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'PAID'
  | 'PENDING'
  | 'PENDING_PAYMENT';

/** A partner app to create once approved. */
export type PartnerAppChangeInput = {
  /** 2–200 characters. */
  name: string;
  safelistOnly?: boolean | null | undefined;
};

/** What a partner app may do: BROWSE malls and listings, CHECKOUT (place and pay orders), send EARN_EVENTS (recordBankEvent), CUSTOMER_UPSERT (upsertCustomers). */
export type PartnerAppScope =
  | 'BROWSE'
  | 'CHECKOUT'
  | 'CUSTOMER_UPSERT'
  | 'EARN_EVENTS';

/** A points adjustment to hold for approval (as adjustPoints takes it). */
export type PointsAdjustmentChangeInput = {
  /** Positive adds, negative removes. */
  amount: number;
  customerId: string;
  /** Why (the customer sees it in their history); up to 500 characters. */
  reason: string;
  track: PointsTrack;
  /** Added redeemable points expire after this many days. */
  validityDays?: number | null | undefined;
};

/** Redeemable points (spent in the mall) or tier points (decide the tier). */
export type PointsTrack =
  | 'REDEEMABLE'
  | 'TIER';

/** How a listing is paid for: points only, cash only (fen), or points plus cash. */
export type PriceMode =
  | 'CASH'
  | 'POINTS'
  | 'POINTS_PLUS_CASH';

/** Which refunds to list; bank staff and suppliers are always limited to their own. */
export type RefundFilterInput = {
  /** Platform: one bank (bank staff: their own only). */
  bankId?: string | null | undefined;
  /** OWED: cash the bank still has to pay back. */
  cashPayout?: CashPayoutState | null | undefined;
  /** E.g. REQUESTED: waiting for the supplier. */
  state?: RefundState | null | undefined;
  /** Platform: one supplier (suppliers: their own only). */
  supplierId?: string | null | undefined;
};

/** REQUESTED by the customer, then APPROVED (executed) or REJECTED by the supplier or the bank. */
export type RefundState =
  | 'APPROVED'
  | 'REJECTED'
  | 'REQUESTED';

/** Reject a request, saying why. */
export type RejectRequestInput = {
  approvalRequestId: string;
  /** 4–500 characters. */
  reason: string;
};

/** How a sales report is bucketed. */
export type ReportGranularity =
  /** Days of the bank, from local midnight in its time zone. */
  | 'DAY'
  /** Hours (UTC hours: the bank's own hours in every zone on a whole-hour offset). */
  | 'HOUR'
  /** Calendar months of the bank, in its time zone. */
  | 'MONTH';

/** A change for a second person to approve: give exactly one of the changes. */
export type RequestApprovalInput = {
  /** The bank (platform staff only; bank staff act for their own). */
  bankId?: string | null | undefined;
  campaignLaunch?: CampaignLaunchChangeInput | null | undefined;
  listingPrice?: ListingPriceChangeInput | null | undefined;
  /** Why you ask for it (the checker reads it); 4–500 characters. */
  note: string;
  partnerApp?: PartnerAppChangeInput | null | undefined;
  pointsAdjustment?: PointsAdjustmentChangeInput | null | undefined;
};

/** Revoke a partner app for good. */
export type RevokePartnerAppInput = {
  /** The partner app (of your own bank). */
  partnerAppId: string;
};

/** Replace a partner app’s secret. */
export type RotatePartnerAppSecretInput = {
  /** Hours the old secret keeps working, so the app can switch without downtime (0 = refused at once; at most 168). */
  overlapHours: number;
  /** The partner app (of your own bank). */
  partnerAppId: string;
};

/** What a sales dashboard shows: a range of days, its buckets and how many top listings. */
export type SalesDashboardInput = {
  /** The bank (bank staff: their own; the platform: any). */
  bankId: string;
  /** First day, YYYY-MM-DD, in the bank's time zone (from its local midnight). */
  fromDay: string;
  /** Buckets of the series. Longest range: HOUR 31 days, DAY 731 days, MONTH 1096 days (BAD_USER_INPUT beyond). */
  granularity?: ReportGranularity;
  /** One mall of the bank; all its malls when omitted. */
  mallId?: string | null | undefined;
  /** Last day, YYYY-MM-DD, included (up to the next local midnight). */
  toDay: string;
  /** How many top listings, 1 to 50. */
  topListings?: number;
  /** What ranks the top listings. */
  topListingsBy?: TopListingsOrder;
};

/** The bank, optional mall and whole days (the bank's calendar) a dashboard covers. */
export type SalesDashboardRangeInput = {
  /** The bank (bank staff: their own; the platform: any). */
  bankId: string;
  /** First day, YYYY-MM-DD, in the bank's time zone (from its local midnight). */
  fromDay: string;
  /** One mall of the bank; all its malls when omitted. */
  mallId?: string | null | undefined;
  /** Last day, YYYY-MM-DD, included (up to the next local midnight). */
  toDay: string;
};

/** A table of the sales dashboard (each chart has one). */
export type SalesDashboardTable =
  | 'BY_CAMPAIGN'
  | 'BY_TIER'
  | 'SERIES'
  | 'TOP_LISTINGS'
  | 'TOTALS';

/** Whether a partner app may run only the published operations. */
export type SetPartnerAppSafelistInput = {
  /** The partner app (of your own bank). */
  partnerAppId: string;
  /** true: only safelisted operations; false: any operation; null: the deployment default (on in production). */
  safelistOnly?: boolean | null | undefined;
};

/** Choose what a partner app may do. */
export type SetPartnerAppScopesInput = {
  /** The partner app (of your own bank). */
  partnerAppId: string;
  /** The scopes it holds from now on (at least one). */
  scopes: Array<PartnerAppScope>;
};

/** Where a parcel is. EXCEPTION is an alert on a parcel still under way; DELIVERED and RETURNED are final. */
export type ShipmentStatus =
  | 'DELIVERED'
  | 'EXCEPTION'
  | 'IN_TRANSIT'
  | 'LABEL_CREATED'
  | 'OUT_FOR_DELIVERY'
  | 'PICKED_UP'
  | 'RETURNED';

/** Who a staff member works for: the platform operator, a bank or a supplier. */
export type StaffMemberKind =
  | 'BANK'
  | 'PLATFORM'
  | 'SUPPLIER';

/** A fine permission a staff member holds through their permission groups; each belongs to one kind of staff (bank, supplier or platform). */
export type StaffPermission =
  | 'ADJUST_POINTS'
  | 'CURATE_LISTINGS'
  | 'HANDLE_AFTERSALES'
  | 'MANAGE_BANK_SETTINGS'
  | 'MANAGE_CARRIERS'
  | 'MANAGE_CATALOG'
  | 'MANAGE_PARTNER_APPS'
  | 'MANAGE_STAFF'
  | 'MANAGE_STOCK'
  | 'MANAGE_SUPPLIERS'
  | 'MANAGE_TENANTS'
  | 'RUN_CAMPAIGNS'
  | 'SEE_AUDIT'
  | 'SEE_CUSTOMER_DATA'
  | 'SEE_REPORTS'
  | 'SEE_SETTLEMENT'
  | 'SERVE_CUSTOMERS'
  | 'SHIP_ORDERS';

/** A staff member’s built-in role; it travels in their access tokens. */
export type StaffRole =
  | 'BANK_ADMIN'
  | 'BANK_OPERATOR'
  | 'PLATFORM_ADMIN'
  | 'PLATFORM_STAFF'
  | 'SUPPLIER_ADMIN'
  | 'SUPPLIER_STAFF';

export type SupplierOrderStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'FAILED'
  | 'PAID'
  | 'PARTIALLY_SHIPPED'
  | 'PENDING_PAYMENT'
  | 'SHIPPED';

/** What ranks the top listings (ties: the other measure, then the listing id). */
export type TopListingsOrder =
  | 'GMV'
  | 'UNITS';

export type ConsoleSignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSignOutMutation = { signOut: { endedSessions: number } };

export type ConsoleMeQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMeQuery = { me: { id: string, loginName: string, displayName: string, role: StaffRole, kind: StaffMemberKind, permissions: Array<StaffPermission>, totpEnabled: boolean, bank: { id: string, code: string, name: string, timeZone: string } | null, supplier: { id: string, code: string, name: string } | null } | null };

export type ConsoleApprovalsQueryVariables = Exact<{
  filter?: ApprovalRequestFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleApprovalsQuery = { approvalRequests: { edges: Array<{ node: { id: string, kind: ApprovalKind, status: ApprovalStatus, summary: string, makerSub: string, makerNote: string, checkerSub: string | null, checkerNote: string | null, createdAt: string, expiresAt: string } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleApproveRequestMutationVariables = Exact<{
  input: ApproveRequestInput;
}>;


export type ConsoleApproveRequestMutation = { approveRequest: { id: string, status: ApprovalStatus } };

export type ConsoleRejectRequestMutationVariables = Exact<{
  input: RejectRequestInput;
}>;


export type ConsoleRejectRequestMutation = { rejectRequest: { id: string, status: ApprovalStatus } };

export type ConsoleAuditTrailQueryVariables = Exact<{
  filter?: AuditTrailFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleAuditTrailQuery = { auditTrail: { edges: Array<{ cursor: string, node: { id: string, occurredAt: string, actorId: string, actorRole: string, operation: string, action: AuditAction, targetType: string, targetId: string | null, subgraph: string, requestId: string, changes: Array<{ field: string, before: string | null, after: string | null }> } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleBankOrdersQueryVariables = Exact<{
  bankId: string;
  filter?: BankOrderFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleBankOrdersQuery = { bankOrders: { edges: Array<{ node: { id: string, status: OrderStatus, createdAt: string, totalPoints: number, cashFen: number, customer: { id: string, externalRef: string } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsolePartnerAppsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsolePartnerAppsQuery = { partnerApps: { edges: Array<{ node: { id: string, name: string, clientId: string, active: boolean, scopes: Array<PartnerAppScope>, safelistOnly: boolean, createdAt: string, secretRotatedAt: string | null, previousSecretExpiresAt: string | null, revokedAt: string | null } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleRevokePartnerAppMutationVariables = Exact<{
  input: RevokePartnerAppInput;
}>;


export type ConsoleRevokePartnerAppMutation = { revokePartnerApp: { partnerApp: { id: string, active: boolean } } };

export type ConsoleSetPartnerAppSafelistMutationVariables = Exact<{
  input: SetPartnerAppSafelistInput;
}>;


export type ConsoleSetPartnerAppSafelistMutation = { setPartnerAppSafelist: { partnerAppId: string, safelistOnly: boolean } };

export type ConsoleSalesDashboardQueryVariables = Exact<{
  input: SalesDashboardInput;
}>;


export type ConsoleSalesDashboardQuery = { salesDashboard: { asOf: string, version: string, timeZone: string, fromDay: string, toDay: string, granularity: ReportGranularity, totals: { orders: number, gmvCashFen: number, gmvPointsValueFen: number, gmvFen: number, pointsRedeemed: number, refunds: number, activeCustomers: number, pointsShareBp: number }, series: Array<{ periodStart: string, label: string, orders: number, gmvCashFen: number, gmvPointsValueFen: number, gmvFen: number, pointsRedeemed: number, refunds: number }>, topListings: Array<{ titleAsSold: string, quantity: number, cashFen: number, pointsValueFen: number, points: number, listing: { id: string } }>, byTier: Array<{ tierId: string | null, orders: number, gmvCashFen: number, gmvPointsValueFen: number, gmvFen: number, pointsRedeemed: number, tier: { name: string } | null }>, byCampaign: Array<{ campaignId: string | null, orders: number, quantity: number, cashFen: number, pointsValueFen: number, points: number, campaign: { name: string } | null }>, points: { earned: number, redeemed: number, expired: number, redemptionRateBp: number | null, series: Array<{ periodStart: string, label: string, earned: number, redeemed: number, expired: number }> } } };

export type ConsoleSalesDashboardVersionQueryVariables = Exact<{
  input: SalesDashboardRangeInput;
}>;


export type ConsoleSalesDashboardVersionQuery = { salesDashboardVersion: string };

export type ConsoleSalesDashboardCsvQueryVariables = Exact<{
  input: SalesDashboardInput;
  table: SalesDashboardTable;
  language: CsvLanguage;
}>;


export type ConsoleSalesDashboardCsvQuery = { salesDashboardCsv: { fileName: string, contentType: string, rows: number, csv: string } };

export type ConsoleOrderQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleOrderQuery = { order: { id: string, status: OrderStatus, createdAt: string, paidAt: string | null, paymentRef: string | null, failureReason: string | null, totalPoints: number, cashFen: number, pointsAppliedToCash: number, pointsValueFen: number, customer: { id: string, externalRef: string }, shippingAddress: { recipient: string, phone: string, province: string, city: string, district: string, detail: string } | null, supplierOrders: Array<{ id: string, status: SupplierOrderStatus, supplier: { id: string, name: string }, lines: Array<{ id: string, title: string, kind: OrderLineKind, quantity: number, refundedQuantity: number, unitFen: number, unitPoints: number }>, shipments: Array<{ id: string, trackingNumber: string, status: ShipmentStatus, shippedAt: string, deliveredAt: string | null, carrier: { id: string, name: string } }> }>, virtualDeliveries: Array<{ id: string, orderLineId: string, deliveredAt: string, expiresAt: string | null, revealCount: number }>, refunds: Array<{ id: string, state: RefundState, supplierOrderId: string, reason: string, rejectionReason: string | null, pointsRefunded: number, cashRefundFen: number, createdAt: string, decidedAt: string | null }> } };

export type ConsoleRefundsQueryVariables = Exact<{
  filter?: RefundFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleRefundsQuery = { refunds: { edges: Array<{ node: { id: string, orderId: string, supplierOrderId: string, state: RefundState, reason: string, rejectionReason: string | null, createdAt: string, decidedAt: string | null, pointsRefunded: number, cashRefundFen: number, lines: Array<{ orderLineId: string, quantity: number }> } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleDecideRefundMutationVariables = Exact<{
  input: DecideRefundInput;
}>;


export type ConsoleDecideRefundMutation = { decideRefund: { id: string, state: RefundState, rejectionReason: string | null } };

export type ConsoleCreatePartnerAppMutationVariables = Exact<{
  input: CreatePartnerAppInput;
}>;


export type ConsoleCreatePartnerAppMutation = { createPartnerApp: { partnerAppId: string, clientId: string, clientSecret: string, partnerApp: { id: string, name: string } } };

export type ConsoleRequestPartnerAppApprovalMutationVariables = Exact<{
  input: RequestApprovalInput;
}>;


export type ConsoleRequestPartnerAppApprovalMutation = { requestApproval: { id: string, status: ApprovalStatus } };

export type ConsoleRotatePartnerAppSecretMutationVariables = Exact<{
  input: RotatePartnerAppSecretInput;
}>;


export type ConsoleRotatePartnerAppSecretMutation = { rotatePartnerAppSecret: { clientSecret: string, partnerApp: { id: string, name: string, clientId: string } } };

export type ConsoleSetPartnerAppScopesMutationVariables = Exact<{
  input: SetPartnerAppScopesInput;
}>;


export type ConsoleSetPartnerAppScopesMutation = { setPartnerAppScopes: { partnerApp: { id: string, scopes: Array<PartnerAppScope> } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ConsoleSignOutDocument = new TypedDocumentString(`
    mutation ConsoleSignOut {
  signOut {
    endedSessions
  }
}
    `, {"hash":"sha256:6e7608a345ff873eb5b0b350257575fc378f5052f49c9454cad170bfd0d8d077"}) as unknown as TypedDocumentString<ConsoleSignOutMutation, ConsoleSignOutMutationVariables>;
export const ConsoleMeDocument = new TypedDocumentString(`
    query ConsoleMe {
  me {
    id
    loginName
    displayName
    role
    kind
    permissions
    totpEnabled
    bank {
      id
      code
      name
      timeZone
    }
    supplier {
      id
      code
      name
    }
  }
}
    `, {"hash":"sha256:92e2e06483c3eb8552f2f19d167194a20e90718dca5781ef4a2c7514140aab0d"}) as unknown as TypedDocumentString<ConsoleMeQuery, ConsoleMeQueryVariables>;
export const ConsoleApprovalsDocument = new TypedDocumentString(`
    query ConsoleApprovals($filter: ApprovalRequestFilter, $first: Int, $after: String) {
  approvalRequests(filter: $filter, first: $first, after: $after) {
    edges {
      node {
        id
        kind
        status
        summary
        makerSub
        makerNote
        checkerSub
        checkerNote
        createdAt
        expiresAt
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `, {"hash":"sha256:435a08c6f5fe3a597608b466447ace9915700ad12d54253ad4fc8f7489809945"}) as unknown as TypedDocumentString<ConsoleApprovalsQuery, ConsoleApprovalsQueryVariables>;
export const ConsoleApproveRequestDocument = new TypedDocumentString(`
    mutation ConsoleApproveRequest($input: ApproveRequestInput!) {
  approveRequest(input: $input) {
    id
    status
  }
}
    `, {"hash":"sha256:f131106ba5a02aff37ca7cd35843e05658a582612e473c86bc940493968617a5"}) as unknown as TypedDocumentString<ConsoleApproveRequestMutation, ConsoleApproveRequestMutationVariables>;
export const ConsoleRejectRequestDocument = new TypedDocumentString(`
    mutation ConsoleRejectRequest($input: RejectRequestInput!) {
  rejectRequest(input: $input) {
    id
    status
  }
}
    `, {"hash":"sha256:3405e9fed25bd9886e3c773b9d6c3bb36bd5ff55bda419f819700e533d076f85"}) as unknown as TypedDocumentString<ConsoleRejectRequestMutation, ConsoleRejectRequestMutationVariables>;
export const ConsoleAuditTrailDocument = new TypedDocumentString(`
    query ConsoleAuditTrail($filter: AuditTrailFilterInput, $first: Int, $after: String) {
  auditTrail(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        occurredAt
        actorId
        actorRole
        operation
        action
        targetType
        targetId
        subgraph
        requestId
        changes {
          field
          before
          after
        }
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `, {"hash":"sha256:14387c4d3f05a5cea461937fcd27563f0be373dab9b5539be2fd69a3659b77d0"}) as unknown as TypedDocumentString<ConsoleAuditTrailQuery, ConsoleAuditTrailQueryVariables>;
export const ConsoleBankOrdersDocument = new TypedDocumentString(`
    query ConsoleBankOrders($bankId: ID!, $filter: BankOrderFilterInput, $first: Int, $after: String) {
  bankOrders(bankId: $bankId, filter: $filter, first: $first, after: $after) {
    edges {
      node {
        id
        status
        createdAt
        totalPoints
        cashFen
        customer {
          id
          externalRef
        }
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `, {"hash":"sha256:f9a5473806cc1351f95fdefdddb888b9b4c39a7bf0f2f44fadbefc8a25bb411e"}) as unknown as TypedDocumentString<ConsoleBankOrdersQuery, ConsoleBankOrdersQueryVariables>;
export const ConsolePartnerAppsDocument = new TypedDocumentString(`
    query ConsolePartnerApps($first: Int, $after: String) {
  partnerApps(first: $first, after: $after) {
    edges {
      node {
        id
        name
        clientId
        active
        scopes
        safelistOnly
        createdAt
        secretRotatedAt
        previousSecretExpiresAt
        revokedAt
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `, {"hash":"sha256:2533801f4c8805020516558c930605877351399a92a4c064f188d280a37a7373"}) as unknown as TypedDocumentString<ConsolePartnerAppsQuery, ConsolePartnerAppsQueryVariables>;
export const ConsoleRevokePartnerAppDocument = new TypedDocumentString(`
    mutation ConsoleRevokePartnerApp($input: RevokePartnerAppInput!) {
  revokePartnerApp(input: $input) {
    partnerApp {
      id
      active
    }
  }
}
    `, {"hash":"sha256:f6bf5705d51ef6710eb737c2690cf5fb7b2060a1f46562dbb7ffcf2303d39c10"}) as unknown as TypedDocumentString<ConsoleRevokePartnerAppMutation, ConsoleRevokePartnerAppMutationVariables>;
export const ConsoleSetPartnerAppSafelistDocument = new TypedDocumentString(`
    mutation ConsoleSetPartnerAppSafelist($input: SetPartnerAppSafelistInput!) {
  setPartnerAppSafelist(input: $input) {
    partnerAppId
    safelistOnly
  }
}
    `, {"hash":"sha256:571a4910164ff198a98ecaafefce5d1250393eee415c4f55f508a3c348aa6916"}) as unknown as TypedDocumentString<ConsoleSetPartnerAppSafelistMutation, ConsoleSetPartnerAppSafelistMutationVariables>;
export const ConsoleSalesDashboardDocument = new TypedDocumentString(`
    query ConsoleSalesDashboard($input: SalesDashboardInput!) {
  salesDashboard(input: $input) {
    asOf
    version
    timeZone
    fromDay
    toDay
    granularity
    totals {
      orders
      gmvCashFen
      gmvPointsValueFen
      gmvFen
      pointsRedeemed
      refunds
      activeCustomers
      pointsShareBp
    }
    series {
      periodStart
      label
      orders
      gmvCashFen
      gmvPointsValueFen
      gmvFen
      pointsRedeemed
      refunds
    }
    topListings {
      listing {
        id
      }
      titleAsSold
      quantity
      cashFen
      pointsValueFen
      points
    }
    byTier {
      tierId
      tier {
        name
      }
      orders
      gmvCashFen
      gmvPointsValueFen
      gmvFen
      pointsRedeemed
    }
    byCampaign {
      campaignId
      campaign {
        name
      }
      orders
      quantity
      cashFen
      pointsValueFen
      points
    }
    points {
      earned
      redeemed
      expired
      redemptionRateBp
      series {
        periodStart
        label
        earned
        redeemed
        expired
      }
    }
  }
}
    `, {"hash":"sha256:e5e943e3a9372488e08a0db4de791342dba397117db53d5b4064f6b9b205d99f"}) as unknown as TypedDocumentString<ConsoleSalesDashboardQuery, ConsoleSalesDashboardQueryVariables>;
export const ConsoleSalesDashboardVersionDocument = new TypedDocumentString(`
    query ConsoleSalesDashboardVersion($input: SalesDashboardRangeInput!) {
  salesDashboardVersion(input: $input)
}
    `, {"hash":"sha256:11b410420bf8704dfc3b0f8baef48257189b7bca449f689206fb031578b17ce2"}) as unknown as TypedDocumentString<ConsoleSalesDashboardVersionQuery, ConsoleSalesDashboardVersionQueryVariables>;
export const ConsoleSalesDashboardCsvDocument = new TypedDocumentString(`
    query ConsoleSalesDashboardCsv($input: SalesDashboardInput!, $table: SalesDashboardTable!, $language: CsvLanguage!) {
  salesDashboardCsv(input: $input, table: $table, language: $language) {
    fileName
    contentType
    rows
    csv
  }
}
    `, {"hash":"sha256:b1da2d4a097993b5bffc60d864ba6bbb173c6679912c33af009a049fe7c35366"}) as unknown as TypedDocumentString<ConsoleSalesDashboardCsvQuery, ConsoleSalesDashboardCsvQueryVariables>;
export const ConsoleOrderDocument = new TypedDocumentString(`
    query ConsoleOrder($id: ID!) {
  order(id: $id) {
    id
    status
    createdAt
    paidAt
    paymentRef
    failureReason
    totalPoints
    cashFen
    pointsAppliedToCash
    pointsValueFen
    customer {
      id
      externalRef
    }
    shippingAddress {
      recipient
      phone
      province
      city
      district
      detail
    }
    supplierOrders {
      id
      status
      supplier {
        id
        name
      }
      lines {
        id
        title
        kind
        quantity
        refundedQuantity
        unitFen
        unitPoints
      }
      shipments {
        id
        trackingNumber
        status
        shippedAt
        deliveredAt
        carrier {
          id
          name
        }
      }
    }
    virtualDeliveries {
      id
      orderLineId
      deliveredAt
      expiresAt
      revealCount
    }
    refunds {
      id
      state
      supplierOrderId
      reason
      rejectionReason
      pointsRefunded
      cashRefundFen
      createdAt
      decidedAt
    }
  }
}
    `, {"hash":"sha256:7b4c0f5c9d2892ee9eb5eabe09008d2cd347be92d858006630175fd74f8f17b1"}) as unknown as TypedDocumentString<ConsoleOrderQuery, ConsoleOrderQueryVariables>;
export const ConsoleRefundsDocument = new TypedDocumentString(`
    query ConsoleRefunds($filter: RefundFilterInput, $first: Int, $after: String) {
  refunds(filter: $filter, first: $first, after: $after) {
    edges {
      node {
        id
        orderId
        supplierOrderId
        state
        reason
        rejectionReason
        createdAt
        decidedAt
        pointsRefunded
        cashRefundFen
        lines {
          orderLineId
          quantity
        }
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `, {"hash":"sha256:c9c3bcb53764da5cc3b88bc5228a49541ce67a87ec9457496ae15f69ad73cc69"}) as unknown as TypedDocumentString<ConsoleRefundsQuery, ConsoleRefundsQueryVariables>;
export const ConsoleDecideRefundDocument = new TypedDocumentString(`
    mutation ConsoleDecideRefund($input: DecideRefundInput!) {
  decideRefund(input: $input) {
    id
    state
    rejectionReason
  }
}
    `, {"hash":"sha256:3f47dc91327ff2c940af2433b22b881383caf37edca703d852ada380a6320f1e"}) as unknown as TypedDocumentString<ConsoleDecideRefundMutation, ConsoleDecideRefundMutationVariables>;
export const ConsoleCreatePartnerAppDocument = new TypedDocumentString(`
    mutation ConsoleCreatePartnerApp($input: CreatePartnerAppInput!) {
  createPartnerApp(input: $input) {
    partnerAppId
    clientId
    clientSecret
    partnerApp {
      id
      name
    }
  }
}
    `, {"hash":"sha256:b4efe73773b667762553aa6fd9b7eccafe189687ffa784cbe81cf7fa0153c1cf"}) as unknown as TypedDocumentString<ConsoleCreatePartnerAppMutation, ConsoleCreatePartnerAppMutationVariables>;
export const ConsoleRequestPartnerAppApprovalDocument = new TypedDocumentString(`
    mutation ConsoleRequestPartnerAppApproval($input: RequestApprovalInput!) {
  requestApproval(input: $input) {
    id
    status
  }
}
    `, {"hash":"sha256:e842ca44eb7f68067fff20de7615d9889d4bb26b028f67d302a8e92731945dfa"}) as unknown as TypedDocumentString<ConsoleRequestPartnerAppApprovalMutation, ConsoleRequestPartnerAppApprovalMutationVariables>;
export const ConsoleRotatePartnerAppSecretDocument = new TypedDocumentString(`
    mutation ConsoleRotatePartnerAppSecret($input: RotatePartnerAppSecretInput!) {
  rotatePartnerAppSecret(input: $input) {
    clientSecret
    partnerApp {
      id
      name
      clientId
    }
  }
}
    `, {"hash":"sha256:c4b95d9805cdc072bb603184c7e07216056734c932ce265efc49efa1a5d111f7"}) as unknown as TypedDocumentString<ConsoleRotatePartnerAppSecretMutation, ConsoleRotatePartnerAppSecretMutationVariables>;
export const ConsoleSetPartnerAppScopesDocument = new TypedDocumentString(`
    mutation ConsoleSetPartnerAppScopes($input: SetPartnerAppScopesInput!) {
  setPartnerAppScopes(input: $input) {
    partnerApp {
      id
      scopes
    }
  }
}
    `, {"hash":"sha256:dee1108f4eda8dd78363a2f45b3480d6091dd9616c24632f817e6c06dc2daa3e"}) as unknown as TypedDocumentString<ConsoleSetPartnerAppScopesMutation, ConsoleSetPartnerAppScopesMutationVariables>;