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

/** The language of a CSV export's header row. */
export type CsvLanguage =
  | 'EN'
  | 'ZH_CN';

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

export type ConsoleDashboardBanksQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleDashboardBanksQuery = { banks: { edges: Array<{ node: { id: string, code: string, name: string, timeZone: string } }> } };

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
export const ConsoleDashboardBanksDocument = new TypedDocumentString(`
    query ConsoleDashboardBanks {
  banks(first: 100) {
    edges {
      node {
        id
        code
        name
        timeZone
      }
    }
  }
}
    `, {"hash":"sha256:930a0324d31ed2ecbf2d1d6de963074a3331550226ebad70e70c24a59be4ba0c"}) as unknown as TypedDocumentString<ConsoleDashboardBanksQuery, ConsoleDashboardBanksQueryVariables>;
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