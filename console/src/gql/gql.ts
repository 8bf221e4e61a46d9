/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation ConsoleSignOut {\n    signOut {\n      endedSessions\n    }\n  }\n": typeof types.ConsoleSignOutDocument,
    "\n  query ConsoleMe {\n    me {\n      id\n      loginName\n      displayName\n      role\n      kind\n      permissions\n      totpEnabled\n      bank {\n        id\n        code\n        name\n        timeZone\n      }\n      supplier {\n        id\n        code\n        name\n      }\n    }\n  }\n": typeof types.ConsoleMeDocument,
    "\n  query ConsoleApprovals($filter: ApprovalRequestFilter, $first: Int, $after: String) {\n    approvalRequests(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          status\n          summary\n          makerSub\n          makerNote\n          checkerSub\n          checkerNote\n          createdAt\n          expiresAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ConsoleApprovalsDocument,
    "\n  mutation ConsoleApproveRequest($input: ApproveRequestInput!) {\n    approveRequest(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleApproveRequestDocument,
    "\n  mutation ConsoleRejectRequest($input: RejectRequestInput!) {\n    rejectRequest(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleRejectRequestDocument,
    "\n  query ConsoleAuditTrail($filter: AuditTrailFilterInput, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          actorId\n          actorRole\n          operation\n          action\n          targetType\n          targetId\n          subgraph\n          requestId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ConsoleAuditTrailDocument,
};
const documents: Documents = {
    "\n  mutation ConsoleSignOut {\n    signOut {\n      endedSessions\n    }\n  }\n": types.ConsoleSignOutDocument,
    "\n  query ConsoleMe {\n    me {\n      id\n      loginName\n      displayName\n      role\n      kind\n      permissions\n      totpEnabled\n      bank {\n        id\n        code\n        name\n        timeZone\n      }\n      supplier {\n        id\n        code\n        name\n      }\n    }\n  }\n": types.ConsoleMeDocument,
    "\n  query ConsoleApprovals($filter: ApprovalRequestFilter, $first: Int, $after: String) {\n    approvalRequests(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          status\n          summary\n          makerSub\n          makerNote\n          checkerSub\n          checkerNote\n          createdAt\n          expiresAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ConsoleApprovalsDocument,
    "\n  mutation ConsoleApproveRequest($input: ApproveRequestInput!) {\n    approveRequest(input: $input) {\n      id\n      status\n    }\n  }\n": types.ConsoleApproveRequestDocument,
    "\n  mutation ConsoleRejectRequest($input: RejectRequestInput!) {\n    rejectRequest(input: $input) {\n      id\n      status\n    }\n  }\n": types.ConsoleRejectRequestDocument,
    "\n  query ConsoleAuditTrail($filter: AuditTrailFilterInput, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          actorId\n          actorRole\n          operation\n          action\n          targetType\n          targetId\n          subgraph\n          requestId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ConsoleAuditTrailDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSignOut {\n    signOut {\n      endedSessions\n    }\n  }\n"): typeof import('./graphql').ConsoleSignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMe {\n    me {\n      id\n      loginName\n      displayName\n      role\n      kind\n      permissions\n      totpEnabled\n      bank {\n        id\n        code\n        name\n        timeZone\n      }\n      supplier {\n        id\n        code\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleApprovals($filter: ApprovalRequestFilter, $first: Int, $after: String) {\n    approvalRequests(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          status\n          summary\n          makerSub\n          makerNote\n          checkerSub\n          checkerNote\n          createdAt\n          expiresAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleApprovalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleApproveRequest($input: ApproveRequestInput!) {\n    approveRequest(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ConsoleApproveRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRejectRequest($input: RejectRequestInput!) {\n    rejectRequest(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ConsoleRejectRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAuditTrail($filter: AuditTrailFilterInput, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          actorId\n          actorRole\n          operation\n          action\n          targetType\n          targetId\n          subgraph\n          requestId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleAuditTrailDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
