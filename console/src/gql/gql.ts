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
    "\n  query ConsoleCustomerByRef($ref: String!) {\n    customerByRef(externalRef: $ref) {\n      id\n      externalRef\n      gender\n      birthYear\n      city\n      assetBand\n      tags\n      tier {\n        id\n        name\n        rank\n        minTierPoints\n      }\n      segments {\n        id\n        name\n      }\n      points {\n        redeemable\n        held\n        tierPoints\n      }\n    }\n  }\n": typeof types.ConsoleCustomerByRefDocument,
    "\n  query ConsoleCustomerTiers {\n    bank {\n      id\n      tiers {\n        id\n        name\n        rank\n        minTierPoints\n      }\n    }\n  }\n": typeof types.ConsoleCustomerTiersDocument,
    "\n  query ConsoleCustomerPendingAdjustments {\n    approvalRequests(filter: { status: PENDING, kind: POINTS_ADJUSTMENT }, first: 100) {\n      edges {\n        node {\n          id\n          makerSub\n          createdAt\n          pointsAdjustment {\n            customerId\n            track\n            amount\n            reason\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCustomerPendingAdjustmentsDocument,
    "\n  query ConsoleSalesDashboard($input: SalesDashboardInput!) {\n    salesDashboard(input: $input) {\n      asOf\n      version\n      timeZone\n      fromDay\n      toDay\n      granularity\n      totals {\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n        activeCustomers\n        pointsShareBp\n      }\n      series {\n        periodStart\n        label\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n      }\n      topListings {\n        listing {\n          id\n        }\n        titleAsSold\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      byTier {\n        tierId\n        tier {\n          name\n        }\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n      }\n      byCampaign {\n        campaignId\n        campaign {\n          name\n        }\n        orders\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      points {\n        earned\n        redeemed\n        expired\n        redemptionRateBp\n        series {\n          periodStart\n          label\n          earned\n          redeemed\n          expired\n        }\n      }\n    }\n  }\n": typeof types.ConsoleSalesDashboardDocument,
    "\n  query ConsoleSalesDashboardVersion($input: SalesDashboardRangeInput!) {\n    salesDashboardVersion(input: $input)\n  }\n": typeof types.ConsoleSalesDashboardVersionDocument,
    "\n  query ConsoleSalesDashboardCsv($input: SalesDashboardInput!, $table: SalesDashboardTable!, $language: CsvLanguage!) {\n    salesDashboardCsv(input: $input, table: $table, language: $language) {\n      fileName\n      contentType\n      rows\n      csv\n    }\n  }\n": typeof types.ConsoleSalesDashboardCsvDocument,
    "\n  query ConsoleCustomerApprovalPolicy($bankId: ID!) {\n    approvalPolicy(bankId: $bankId) {\n      bankId\n      pointsAdjustmentAbove\n    }\n  }\n": typeof types.ConsoleCustomerApprovalPolicyDocument,
    "\n  mutation ConsoleAdjustPoints($input: AdjustPointsInput!) {\n    adjustPoints(input: $input) {\n      id\n      amount\n    }\n  }\n": typeof types.ConsoleAdjustPointsDocument,
    "\n  mutation ConsoleRequestPointsAdjustment($input: RequestApprovalInput!) {\n    requestApproval(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleRequestPointsAdjustmentDocument,
    "\n  query ConsoleCustomerOrders($id: ID!, $first: Int, $after: String) {\n    customer(id: $id) {\n      id\n      orders(first: $first, after: $after) {\n        edges {\n          node {\n            id\n            status\n            totalPoints\n            cashFen\n            createdAt\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCustomerOrdersDocument,
    "\n  query ConsoleCustomerLedger($id: ID!, $first: Int, $after: String) {\n    customer(id: $id) {\n      id\n      points {\n        history(first: $first, after: $after) {\n          edges {\n            node {\n              id\n              type\n              track\n              amount\n              heldDelta\n              source\n              reason\n              occurredAt\n            }\n          }\n          pageInfo {\n            endCursor\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCustomerLedgerDocument,
    "\n  query ConsoleCustomerLots($id: ID!, $first: Int, $after: String) {\n    customer(id: $id) {\n      id\n      points {\n        lots(first: $first, after: $after) {\n          edges {\n            node {\n              id\n              amount\n              remaining\n              earnedAt\n              expiresAt\n            }\n          }\n          pageInfo {\n            endCursor\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCustomerLotsDocument,
    "\n  query ConsoleSegments($first: Int, $after: String) {\n    bank {\n      id\n      segments(first: $first, after: $after) {\n        edges {\n          node {\n            id\n            name\n            memberCount\n            updatedAt\n            rules {\n              genders\n              birthYearFrom\n              birthYearTo\n              cities\n              minAssetBand\n              maxAssetBand\n              tagsAny\n            }\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n": typeof types.ConsoleSegmentsDocument,
    "\n  mutation ConsoleCreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      segment {\n        id\n        memberCount\n      }\n    }\n  }\n": typeof types.ConsoleCreateSegmentDocument,
    "\n  mutation ConsoleUpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      segment {\n        id\n        memberCount\n      }\n    }\n  }\n": typeof types.ConsoleUpdateSegmentDocument,
    "\n  query ConsoleTiers {\n    bank {\n      id\n      tiers {\n        id\n        name\n        rank\n        minTierPoints\n        benefits\n        createdAt\n      }\n    }\n  }\n": typeof types.ConsoleTiersDocument,
    "\n  mutation ConsoleCreateTier($input: CreateTierInput!) {\n    createTier(input: $input) {\n      tier {\n        id\n      }\n    }\n  }\n": typeof types.ConsoleCreateTierDocument,
    "\n  mutation ConsoleUpdateTier($input: UpdateTierInput!) {\n    updateTier(input: $input) {\n      tier {\n        id\n      }\n    }\n  }\n": typeof types.ConsoleUpdateTierDocument,
    "\n  mutation ConsoleDeleteTier($input: DeleteTierInput!) {\n    deleteTier(input: $input) {\n      deletedTierId\n      customersRetiered\n    }\n  }\n": typeof types.ConsoleDeleteTierDocument,
};
const documents: Documents = {
    "\n  mutation ConsoleSignOut {\n    signOut {\n      endedSessions\n    }\n  }\n": types.ConsoleSignOutDocument,
    "\n  query ConsoleMe {\n    me {\n      id\n      loginName\n      displayName\n      role\n      kind\n      permissions\n      totpEnabled\n      bank {\n        id\n        code\n        name\n        timeZone\n      }\n      supplier {\n        id\n        code\n        name\n      }\n    }\n  }\n": types.ConsoleMeDocument,
    "\n  query ConsoleApprovals($filter: ApprovalRequestFilter, $first: Int, $after: String) {\n    approvalRequests(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          status\n          summary\n          makerSub\n          makerNote\n          checkerSub\n          checkerNote\n          createdAt\n          expiresAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ConsoleApprovalsDocument,
    "\n  mutation ConsoleApproveRequest($input: ApproveRequestInput!) {\n    approveRequest(input: $input) {\n      id\n      status\n    }\n  }\n": types.ConsoleApproveRequestDocument,
    "\n  mutation ConsoleRejectRequest($input: RejectRequestInput!) {\n    rejectRequest(input: $input) {\n      id\n      status\n    }\n  }\n": types.ConsoleRejectRequestDocument,
    "\n  query ConsoleAuditTrail($filter: AuditTrailFilterInput, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          actorId\n          actorRole\n          operation\n          action\n          targetType\n          targetId\n          subgraph\n          requestId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ConsoleAuditTrailDocument,
    "\n  query ConsoleCustomerByRef($ref: String!) {\n    customerByRef(externalRef: $ref) {\n      id\n      externalRef\n      gender\n      birthYear\n      city\n      assetBand\n      tags\n      tier {\n        id\n        name\n        rank\n        minTierPoints\n      }\n      segments {\n        id\n        name\n      }\n      points {\n        redeemable\n        held\n        tierPoints\n      }\n    }\n  }\n": types.ConsoleCustomerByRefDocument,
    "\n  query ConsoleCustomerTiers {\n    bank {\n      id\n      tiers {\n        id\n        name\n        rank\n        minTierPoints\n      }\n    }\n  }\n": types.ConsoleCustomerTiersDocument,
    "\n  query ConsoleCustomerPendingAdjustments {\n    approvalRequests(filter: { status: PENDING, kind: POINTS_ADJUSTMENT }, first: 100) {\n      edges {\n        node {\n          id\n          makerSub\n          createdAt\n          pointsAdjustment {\n            customerId\n            track\n            amount\n            reason\n          }\n        }\n      }\n    }\n  }\n": types.ConsoleCustomerPendingAdjustmentsDocument,
    "\n  query ConsoleSalesDashboard($input: SalesDashboardInput!) {\n    salesDashboard(input: $input) {\n      asOf\n      version\n      timeZone\n      fromDay\n      toDay\n      granularity\n      totals {\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n        activeCustomers\n        pointsShareBp\n      }\n      series {\n        periodStart\n        label\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n      }\n      topListings {\n        listing {\n          id\n        }\n        titleAsSold\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      byTier {\n        tierId\n        tier {\n          name\n        }\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n      }\n      byCampaign {\n        campaignId\n        campaign {\n          name\n        }\n        orders\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      points {\n        earned\n        redeemed\n        expired\n        redemptionRateBp\n        series {\n          periodStart\n          label\n          earned\n          redeemed\n          expired\n        }\n      }\n    }\n  }\n": types.ConsoleSalesDashboardDocument,
    "\n  query ConsoleSalesDashboardVersion($input: SalesDashboardRangeInput!) {\n    salesDashboardVersion(input: $input)\n  }\n": types.ConsoleSalesDashboardVersionDocument,
    "\n  query ConsoleSalesDashboardCsv($input: SalesDashboardInput!, $table: SalesDashboardTable!, $language: CsvLanguage!) {\n    salesDashboardCsv(input: $input, table: $table, language: $language) {\n      fileName\n      contentType\n      rows\n      csv\n    }\n  }\n": types.ConsoleSalesDashboardCsvDocument,
    "\n  query ConsoleCustomerApprovalPolicy($bankId: ID!) {\n    approvalPolicy(bankId: $bankId) {\n      bankId\n      pointsAdjustmentAbove\n    }\n  }\n": types.ConsoleCustomerApprovalPolicyDocument,
    "\n  mutation ConsoleAdjustPoints($input: AdjustPointsInput!) {\n    adjustPoints(input: $input) {\n      id\n      amount\n    }\n  }\n": types.ConsoleAdjustPointsDocument,
    "\n  mutation ConsoleRequestPointsAdjustment($input: RequestApprovalInput!) {\n    requestApproval(input: $input) {\n      id\n      status\n    }\n  }\n": types.ConsoleRequestPointsAdjustmentDocument,
    "\n  query ConsoleCustomerOrders($id: ID!, $first: Int, $after: String) {\n    customer(id: $id) {\n      id\n      orders(first: $first, after: $after) {\n        edges {\n          node {\n            id\n            status\n            totalPoints\n            cashFen\n            createdAt\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n": types.ConsoleCustomerOrdersDocument,
    "\n  query ConsoleCustomerLedger($id: ID!, $first: Int, $after: String) {\n    customer(id: $id) {\n      id\n      points {\n        history(first: $first, after: $after) {\n          edges {\n            node {\n              id\n              type\n              track\n              amount\n              heldDelta\n              source\n              reason\n              occurredAt\n            }\n          }\n          pageInfo {\n            endCursor\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n": types.ConsoleCustomerLedgerDocument,
    "\n  query ConsoleCustomerLots($id: ID!, $first: Int, $after: String) {\n    customer(id: $id) {\n      id\n      points {\n        lots(first: $first, after: $after) {\n          edges {\n            node {\n              id\n              amount\n              remaining\n              earnedAt\n              expiresAt\n            }\n          }\n          pageInfo {\n            endCursor\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n": types.ConsoleCustomerLotsDocument,
    "\n  query ConsoleSegments($first: Int, $after: String) {\n    bank {\n      id\n      segments(first: $first, after: $after) {\n        edges {\n          node {\n            id\n            name\n            memberCount\n            updatedAt\n            rules {\n              genders\n              birthYearFrom\n              birthYearTo\n              cities\n              minAssetBand\n              maxAssetBand\n              tagsAny\n            }\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n": types.ConsoleSegmentsDocument,
    "\n  mutation ConsoleCreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      segment {\n        id\n        memberCount\n      }\n    }\n  }\n": types.ConsoleCreateSegmentDocument,
    "\n  mutation ConsoleUpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      segment {\n        id\n        memberCount\n      }\n    }\n  }\n": types.ConsoleUpdateSegmentDocument,
    "\n  query ConsoleTiers {\n    bank {\n      id\n      tiers {\n        id\n        name\n        rank\n        minTierPoints\n        benefits\n        createdAt\n      }\n    }\n  }\n": types.ConsoleTiersDocument,
    "\n  mutation ConsoleCreateTier($input: CreateTierInput!) {\n    createTier(input: $input) {\n      tier {\n        id\n      }\n    }\n  }\n": types.ConsoleCreateTierDocument,
    "\n  mutation ConsoleUpdateTier($input: UpdateTierInput!) {\n    updateTier(input: $input) {\n      tier {\n        id\n      }\n    }\n  }\n": types.ConsoleUpdateTierDocument,
    "\n  mutation ConsoleDeleteTier($input: DeleteTierInput!) {\n    deleteTier(input: $input) {\n      deletedTierId\n      customersRetiered\n    }\n  }\n": types.ConsoleDeleteTierDocument,
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
export function graphql(source: "\n  query ConsoleCustomerByRef($ref: String!) {\n    customerByRef(externalRef: $ref) {\n      id\n      externalRef\n      gender\n      birthYear\n      city\n      assetBand\n      tags\n      tier {\n        id\n        name\n        rank\n        minTierPoints\n      }\n      segments {\n        id\n        name\n      }\n      points {\n        redeemable\n        held\n        tierPoints\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCustomerByRefDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCustomerTiers {\n    bank {\n      id\n      tiers {\n        id\n        name\n        rank\n        minTierPoints\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCustomerTiersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCustomerPendingAdjustments {\n    approvalRequests(filter: { status: PENDING, kind: POINTS_ADJUSTMENT }, first: 100) {\n      edges {\n        node {\n          id\n          makerSub\n          createdAt\n          pointsAdjustment {\n            customerId\n            track\n            amount\n            reason\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCustomerPendingAdjustmentsDocument;
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCustomerApprovalPolicy($bankId: ID!) {\n    approvalPolicy(bankId: $bankId) {\n      bankId\n      pointsAdjustmentAbove\n    }\n  }\n"): typeof import('./graphql').ConsoleCustomerApprovalPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAdjustPoints($input: AdjustPointsInput!) {\n    adjustPoints(input: $input) {\n      id\n      amount\n    }\n  }\n"): typeof import('./graphql').ConsoleAdjustPointsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRequestPointsAdjustment($input: RequestApprovalInput!) {\n    requestApproval(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ConsoleRequestPointsAdjustmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCustomerOrders($id: ID!, $first: Int, $after: String) {\n    customer(id: $id) {\n      id\n      orders(first: $first, after: $after) {\n        edges {\n          node {\n            id\n            status\n            totalPoints\n            cashFen\n            createdAt\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCustomerOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCustomerLedger($id: ID!, $first: Int, $after: String) {\n    customer(id: $id) {\n      id\n      points {\n        history(first: $first, after: $after) {\n          edges {\n            node {\n              id\n              type\n              track\n              amount\n              heldDelta\n              source\n              reason\n              occurredAt\n            }\n          }\n          pageInfo {\n            endCursor\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCustomerLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCustomerLots($id: ID!, $first: Int, $after: String) {\n    customer(id: $id) {\n      id\n      points {\n        lots(first: $first, after: $after) {\n          edges {\n            node {\n              id\n              amount\n              remaining\n              earnedAt\n              expiresAt\n            }\n          }\n          pageInfo {\n            endCursor\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCustomerLotsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSegments($first: Int, $after: String) {\n    bank {\n      id\n      segments(first: $first, after: $after) {\n        edges {\n          node {\n            id\n            name\n            memberCount\n            updatedAt\n            rules {\n              genders\n              birthYearFrom\n              birthYearTo\n              cities\n              minAssetBand\n              maxAssetBand\n              tagsAny\n            }\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleSegmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      segment {\n        id\n        memberCount\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCreateSegmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      segment {\n        id\n        memberCount\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleUpdateSegmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTiers {\n    bank {\n      id\n      tiers {\n        id\n        name\n        rank\n        minTierPoints\n        benefits\n        createdAt\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleTiersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateTier($input: CreateTierInput!) {\n    createTier(input: $input) {\n      tier {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCreateTierDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateTier($input: UpdateTierInput!) {\n    updateTier(input: $input) {\n      tier {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleUpdateTierDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteTier($input: DeleteTierInput!) {\n    deleteTier(input: $input) {\n      deletedTierId\n      customersRetiered\n    }\n  }\n"): typeof import('./graphql').ConsoleDeleteTierDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
