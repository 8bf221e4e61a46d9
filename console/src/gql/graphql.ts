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

/** Reject a request, saying why. */
export type RejectRequestInput = {
  approvalRequestId: string;
  /** 4–500 characters. */
  reason: string;
};

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