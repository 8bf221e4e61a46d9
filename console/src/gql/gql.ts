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
    "\n  query ConsoleDashboardBanks {\n    banks(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n          timeZone\n        }\n      }\n    }\n  }\n": typeof types.ConsoleDashboardBanksDocument,
    "\n  query ConsoleSalesDashboard($input: SalesDashboardInput!) {\n    salesDashboard(input: $input) {\n      asOf\n      version\n      timeZone\n      fromDay\n      toDay\n      granularity\n      totals {\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n        activeCustomers\n        pointsShareBp\n      }\n      series {\n        periodStart\n        label\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n      }\n      topListings {\n        listing {\n          id\n        }\n        titleAsSold\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      byTier {\n        tierId\n        tier {\n          name\n        }\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n      }\n      byCampaign {\n        campaignId\n        campaign {\n          name\n        }\n        orders\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      points {\n        earned\n        redeemed\n        expired\n        redemptionRateBp\n        series {\n          periodStart\n          label\n          earned\n          redeemed\n          expired\n        }\n      }\n    }\n  }\n": typeof types.ConsoleSalesDashboardDocument,
    "\n  query ConsoleSalesDashboardVersion($input: SalesDashboardRangeInput!) {\n    salesDashboardVersion(input: $input)\n  }\n": typeof types.ConsoleSalesDashboardVersionDocument,
    "\n  query ConsoleSalesDashboardCsv($input: SalesDashboardInput!, $table: SalesDashboardTable!, $language: CsvLanguage!) {\n    salesDashboardCsv(input: $input, table: $table, language: $language) {\n      fileName\n      contentType\n      rows\n      csv\n    }\n  }\n": typeof types.ConsoleSalesDashboardCsvDocument,
};
const documents: Documents = {
    "\n  mutation ConsoleSignOut {\n    signOut {\n      endedSessions\n    }\n  }\n": types.ConsoleSignOutDocument,
    "\n  query ConsoleMe {\n    me {\n      id\n      loginName\n      displayName\n      role\n      kind\n      permissions\n      totpEnabled\n      bank {\n        id\n        code\n        name\n        timeZone\n      }\n      supplier {\n        id\n        code\n        name\n      }\n    }\n  }\n": types.ConsoleMeDocument,
    "\n  query ConsoleApprovals($filter: ApprovalRequestFilter, $first: Int, $after: String) {\n    approvalRequests(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          status\n          summary\n          makerSub\n          makerNote\n          checkerSub\n          checkerNote\n          createdAt\n          expiresAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ConsoleApprovalsDocument,
    "\n  mutation ConsoleApproveRequest($input: ApproveRequestInput!) {\n    approveRequest(input: $input) {\n      id\n      status\n    }\n  }\n": types.ConsoleApproveRequestDocument,
    "\n  mutation ConsoleRejectRequest($input: RejectRequestInput!) {\n    rejectRequest(input: $input) {\n      id\n      status\n    }\n  }\n": types.ConsoleRejectRequestDocument,
    "\n  query ConsoleAuditTrail($filter: AuditTrailFilterInput, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          actorId\n          actorRole\n          operation\n          action\n          targetType\n          targetId\n          subgraph\n          requestId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ConsoleAuditTrailDocument,
    "\n  query ConsoleDashboardBanks {\n    banks(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n          timeZone\n        }\n      }\n    }\n  }\n": types.ConsoleDashboardBanksDocument,
    "\n  query ConsoleSalesDashboard($input: SalesDashboardInput!) {\n    salesDashboard(input: $input) {\n      asOf\n      version\n      timeZone\n      fromDay\n      toDay\n      granularity\n      totals {\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n        activeCustomers\n        pointsShareBp\n      }\n      series {\n        periodStart\n        label\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n      }\n      topListings {\n        listing {\n          id\n        }\n        titleAsSold\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      byTier {\n        tierId\n        tier {\n          name\n        }\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n      }\n      byCampaign {\n        campaignId\n        campaign {\n          name\n        }\n        orders\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      points {\n        earned\n        redeemed\n        expired\n        redemptionRateBp\n        series {\n          periodStart\n          label\n          earned\n          redeemed\n          expired\n        }\n      }\n    }\n  }\n": types.ConsoleSalesDashboardDocument,
    "\n  query ConsoleSalesDashboardVersion($input: SalesDashboardRangeInput!) {\n    salesDashboardVersion(input: $input)\n  }\n": types.ConsoleSalesDashboardVersionDocument,
    "\n  query ConsoleSalesDashboardCsv($input: SalesDashboardInput!, $table: SalesDashboardTable!, $language: CsvLanguage!) {\n    salesDashboardCsv(input: $input, table: $table, language: $language) {\n      fileName\n      contentType\n      rows\n      csv\n    }\n  }\n": types.ConsoleSalesDashboardCsvDocument,
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDashboardBanks {\n    banks(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n          timeZone\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleDashboardBanksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSalesDashboard($input: SalesDashboardInput!) {\n    salesDashboard(input: $input) {\n      asOf\n      version\n      timeZone\n      fromDay\n      toDay\n      granularity\n      totals {\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n        activeCustomers\n        pointsShareBp\n      }\n      series {\n        periodStart\n        label\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n      }\n      topListings {\n        listing {\n          id\n        }\n        titleAsSold\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      byTier {\n        tierId\n        tier {\n          name\n        }\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n      }\n      byCampaign {\n        campaignId\n        campaign {\n          name\n        }\n        orders\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      points {\n        earned\n        redeemed\n        expired\n        redemptionRateBp\n        series {\n          periodStart\n          label\n          earned\n          redeemed\n          expired\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleSalesDashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSalesDashboardVersion($input: SalesDashboardRangeInput!) {\n    salesDashboardVersion(input: $input)\n  }\n"): typeof import('./graphql').ConsoleSalesDashboardVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSalesDashboardCsv($input: SalesDashboardInput!, $table: SalesDashboardTable!, $language: CsvLanguage!) {\n    salesDashboardCsv(input: $input, table: $table, language: $language) {\n      fileName\n      contentType\n      rows\n      csv\n    }\n  }\n"): typeof import('./graphql').ConsoleSalesDashboardCsvDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
