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
    "\n  query ConsoleCampaignBank($bankId: ID) {\n    bank(id: $bankId) {\n      id\n      timeZone\n      malls {\n        id\n        name\n      }\n      tiers {\n        id\n        name\n      }\n      segments(first: 100) {\n        edges {\n          node {\n            id\n            name\n            memberCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCampaignBankDocument,
    "\n  query ConsoleCampaigns($mallId: ID!, $first: Int, $after: String) {\n    mall(id: $mallId) {\n      id\n      campaigns(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            name\n            template\n            status\n            startsAt\n            endsAt\n            budgetFen\n            spentFen\n            remainingFen\n            unitsSold\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCampaignsDocument,
    "\n  query ConsoleDashboardBanks {\n    banks(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n          timeZone\n        }\n      }\n    }\n  }\n": typeof types.ConsoleDashboardBanksDocument,
    "\n  query ConsoleSalesDashboard($input: SalesDashboardInput!) {\n    salesDashboard(input: $input) {\n      asOf\n      version\n      timeZone\n      fromDay\n      toDay\n      granularity\n      totals {\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n        activeCustomers\n        pointsShareBp\n      }\n      series {\n        periodStart\n        label\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n      }\n      topListings {\n        listing {\n          id\n        }\n        titleAsSold\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      byTier {\n        tierId\n        tier {\n          name\n        }\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n      }\n      byCampaign {\n        campaignId\n        campaign {\n          name\n        }\n        orders\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      points {\n        earned\n        redeemed\n        expired\n        redemptionRateBp\n        series {\n          periodStart\n          label\n          earned\n          redeemed\n          expired\n        }\n      }\n    }\n  }\n": typeof types.ConsoleSalesDashboardDocument,
    "\n  query ConsoleSalesDashboardVersion($input: SalesDashboardRangeInput!) {\n    salesDashboardVersion(input: $input)\n  }\n": typeof types.ConsoleSalesDashboardVersionDocument,
    "\n  query ConsoleSalesDashboardCsv($input: SalesDashboardInput!, $table: SalesDashboardTable!, $language: CsvLanguage!) {\n    salesDashboardCsv(input: $input, table: $table, language: $language) {\n      fileName\n      contentType\n      rows\n      csv\n    }\n  }\n": typeof types.ConsoleSalesDashboardCsvDocument,
    "\n  query ConsoleCampaign($id: ID!) {\n    campaign(id: $id) {\n      id\n      name\n      template\n      status\n      startsAt\n      endsAt\n      budgetFen\n      spentFen\n      remainingFen\n      unitsSold\n      mall {\n        id\n      }\n      targetSegments {\n        id\n        name\n      }\n      targetTiers {\n        id\n        name\n      }\n      items(first: 100) {\n        edges {\n          node {\n            priceMode\n            pricePoints\n            priceFen\n            unitSubsidyFen\n            listing {\n              id\n              priceMode\n              pricePoints\n              priceFen\n              sku {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCampaignDocument,
    "\n  query ConsoleCampaignSales($input: SalesDashboardInput!) {\n    salesDashboard(input: $input) {\n      version\n      byCampaign {\n        campaignId\n        orders\n        quantity\n        cashFen\n        pointsValueFen\n      }\n    }\n  }\n": typeof types.ConsoleCampaignSalesDocument,
    "\n  mutation ConsoleCancelCampaign($input: CancelCampaignInput!) {\n    cancelCampaign(input: $input) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": typeof types.ConsoleCancelCampaignDocument,
    "\n  query ConsoleCampaignTemplates {\n    campaignTemplates {\n      template\n      name\n      startsAt\n      endsAt\n      days\n      discountBp\n    }\n  }\n": typeof types.ConsoleCampaignTemplatesDocument,
    "\n  query ConsoleCampaignPoolSkus($filter: SkuPoolFilter, $first: Int) {\n    poolSkus(filter: $filter, first: $first) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCampaignPoolSkusDocument,
    "\n  query ConsoleCampaignListings($mallId: ID!, $filter: ListingFilter, $first: Int, $after: String) {\n    mall(id: $mallId) {\n      id\n      listings(filter: $filter, first: $first, after: $after) {\n        edges {\n          node {\n            id\n            priceMode\n            pricePoints\n            priceFen\n            sku {\n              id\n              title\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCampaignListingsDocument,
    "\n  query ConsoleCampaignAudience($segmentIds: [ID!]!, $tierIds: [ID!]!) {\n    campaignAudienceSize(targetSegmentIds: $segmentIds, targetTierIds: $tierIds)\n  }\n": typeof types.ConsoleCampaignAudienceDocument,
    "\n  mutation ConsoleCreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      campaign {\n        id\n      }\n      warnings {\n        listingId\n      }\n    }\n  }\n": typeof types.ConsoleCreateCampaignDocument,
    "\n  query ConsoleCampaignPreview($id: ID!) {\n    campaign(id: $id) {\n      id\n      name\n      status\n      startsAt\n      endsAt\n      budgetFen\n      items(first: 100) {\n        edges {\n          node {\n            priceMode\n            pricePoints\n            priceFen\n            unitSubsidyFen\n            listing {\n              id\n              priceMode\n              pricePoints\n              priceFen\n              sku {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCampaignPreviewDocument,
    "\n  mutation ConsoleCancelCampaignDraft($input: CancelCampaignInput!) {\n    cancelCampaign(input: $input) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": typeof types.ConsoleCancelCampaignDraftDocument,
    "\n  mutation ConsoleScheduleCampaign($input: ScheduleCampaignInput!) {\n    scheduleCampaign(input: $input) {\n      campaign {\n        id\n        status\n        startsAt\n      }\n    }\n  }\n": typeof types.ConsoleScheduleCampaignDocument,
    "\n  mutation ConsoleRequestCampaignLaunch($input: RequestApprovalInput!) {\n    requestApproval(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleRequestCampaignLaunchDocument,
};
const documents: Documents = {
    "\n  mutation ConsoleSignOut {\n    signOut {\n      endedSessions\n    }\n  }\n": types.ConsoleSignOutDocument,
    "\n  query ConsoleMe {\n    me {\n      id\n      loginName\n      displayName\n      role\n      kind\n      permissions\n      totpEnabled\n      bank {\n        id\n        code\n        name\n        timeZone\n      }\n      supplier {\n        id\n        code\n        name\n      }\n    }\n  }\n": types.ConsoleMeDocument,
    "\n  query ConsoleApprovals($filter: ApprovalRequestFilter, $first: Int, $after: String) {\n    approvalRequests(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          status\n          summary\n          makerSub\n          makerNote\n          checkerSub\n          checkerNote\n          createdAt\n          expiresAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ConsoleApprovalsDocument,
    "\n  mutation ConsoleApproveRequest($input: ApproveRequestInput!) {\n    approveRequest(input: $input) {\n      id\n      status\n    }\n  }\n": types.ConsoleApproveRequestDocument,
    "\n  mutation ConsoleRejectRequest($input: RejectRequestInput!) {\n    rejectRequest(input: $input) {\n      id\n      status\n    }\n  }\n": types.ConsoleRejectRequestDocument,
    "\n  query ConsoleAuditTrail($filter: AuditTrailFilterInput, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          actorId\n          actorRole\n          operation\n          action\n          targetType\n          targetId\n          subgraph\n          requestId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ConsoleAuditTrailDocument,
    "\n  query ConsoleCampaignBank($bankId: ID) {\n    bank(id: $bankId) {\n      id\n      timeZone\n      malls {\n        id\n        name\n      }\n      tiers {\n        id\n        name\n      }\n      segments(first: 100) {\n        edges {\n          node {\n            id\n            name\n            memberCount\n          }\n        }\n      }\n    }\n  }\n": types.ConsoleCampaignBankDocument,
    "\n  query ConsoleCampaigns($mallId: ID!, $first: Int, $after: String) {\n    mall(id: $mallId) {\n      id\n      campaigns(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            name\n            template\n            status\n            startsAt\n            endsAt\n            budgetFen\n            spentFen\n            remainingFen\n            unitsSold\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.ConsoleCampaignsDocument,
    "\n  query ConsoleDashboardBanks {\n    banks(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n          timeZone\n        }\n      }\n    }\n  }\n": types.ConsoleDashboardBanksDocument,
    "\n  query ConsoleSalesDashboard($input: SalesDashboardInput!) {\n    salesDashboard(input: $input) {\n      asOf\n      version\n      timeZone\n      fromDay\n      toDay\n      granularity\n      totals {\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n        activeCustomers\n        pointsShareBp\n      }\n      series {\n        periodStart\n        label\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n        refunds\n      }\n      topListings {\n        listing {\n          id\n        }\n        titleAsSold\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      byTier {\n        tierId\n        tier {\n          name\n        }\n        orders\n        gmvCashFen\n        gmvPointsValueFen\n        gmvFen\n        pointsRedeemed\n      }\n      byCampaign {\n        campaignId\n        campaign {\n          name\n        }\n        orders\n        quantity\n        cashFen\n        pointsValueFen\n        points\n      }\n      points {\n        earned\n        redeemed\n        expired\n        redemptionRateBp\n        series {\n          periodStart\n          label\n          earned\n          redeemed\n          expired\n        }\n      }\n    }\n  }\n": types.ConsoleSalesDashboardDocument,
    "\n  query ConsoleSalesDashboardVersion($input: SalesDashboardRangeInput!) {\n    salesDashboardVersion(input: $input)\n  }\n": types.ConsoleSalesDashboardVersionDocument,
    "\n  query ConsoleSalesDashboardCsv($input: SalesDashboardInput!, $table: SalesDashboardTable!, $language: CsvLanguage!) {\n    salesDashboardCsv(input: $input, table: $table, language: $language) {\n      fileName\n      contentType\n      rows\n      csv\n    }\n  }\n": types.ConsoleSalesDashboardCsvDocument,
    "\n  query ConsoleCampaign($id: ID!) {\n    campaign(id: $id) {\n      id\n      name\n      template\n      status\n      startsAt\n      endsAt\n      budgetFen\n      spentFen\n      remainingFen\n      unitsSold\n      mall {\n        id\n      }\n      targetSegments {\n        id\n        name\n      }\n      targetTiers {\n        id\n        name\n      }\n      items(first: 100) {\n        edges {\n          node {\n            priceMode\n            pricePoints\n            priceFen\n            unitSubsidyFen\n            listing {\n              id\n              priceMode\n              pricePoints\n              priceFen\n              sku {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ConsoleCampaignDocument,
    "\n  query ConsoleCampaignSales($input: SalesDashboardInput!) {\n    salesDashboard(input: $input) {\n      version\n      byCampaign {\n        campaignId\n        orders\n        quantity\n        cashFen\n        pointsValueFen\n      }\n    }\n  }\n": types.ConsoleCampaignSalesDocument,
    "\n  mutation ConsoleCancelCampaign($input: CancelCampaignInput!) {\n    cancelCampaign(input: $input) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": types.ConsoleCancelCampaignDocument,
    "\n  query ConsoleCampaignTemplates {\n    campaignTemplates {\n      template\n      name\n      startsAt\n      endsAt\n      days\n      discountBp\n    }\n  }\n": types.ConsoleCampaignTemplatesDocument,
    "\n  query ConsoleCampaignPoolSkus($filter: SkuPoolFilter, $first: Int) {\n    poolSkus(filter: $filter, first: $first) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.ConsoleCampaignPoolSkusDocument,
    "\n  query ConsoleCampaignListings($mallId: ID!, $filter: ListingFilter, $first: Int, $after: String) {\n    mall(id: $mallId) {\n      id\n      listings(filter: $filter, first: $first, after: $after) {\n        edges {\n          node {\n            id\n            priceMode\n            pricePoints\n            priceFen\n            sku {\n              id\n              title\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.ConsoleCampaignListingsDocument,
    "\n  query ConsoleCampaignAudience($segmentIds: [ID!]!, $tierIds: [ID!]!) {\n    campaignAudienceSize(targetSegmentIds: $segmentIds, targetTierIds: $tierIds)\n  }\n": types.ConsoleCampaignAudienceDocument,
    "\n  mutation ConsoleCreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      campaign {\n        id\n      }\n      warnings {\n        listingId\n      }\n    }\n  }\n": types.ConsoleCreateCampaignDocument,
    "\n  query ConsoleCampaignPreview($id: ID!) {\n    campaign(id: $id) {\n      id\n      name\n      status\n      startsAt\n      endsAt\n      budgetFen\n      items(first: 100) {\n        edges {\n          node {\n            priceMode\n            pricePoints\n            priceFen\n            unitSubsidyFen\n            listing {\n              id\n              priceMode\n              pricePoints\n              priceFen\n              sku {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ConsoleCampaignPreviewDocument,
    "\n  mutation ConsoleCancelCampaignDraft($input: CancelCampaignInput!) {\n    cancelCampaign(input: $input) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": types.ConsoleCancelCampaignDraftDocument,
    "\n  mutation ConsoleScheduleCampaign($input: ScheduleCampaignInput!) {\n    scheduleCampaign(input: $input) {\n      campaign {\n        id\n        status\n        startsAt\n      }\n    }\n  }\n": types.ConsoleScheduleCampaignDocument,
    "\n  mutation ConsoleRequestCampaignLaunch($input: RequestApprovalInput!) {\n    requestApproval(input: $input) {\n      id\n      status\n    }\n  }\n": types.ConsoleRequestCampaignLaunchDocument,
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
export function graphql(source: "\n  query ConsoleCampaignBank($bankId: ID) {\n    bank(id: $bankId) {\n      id\n      timeZone\n      malls {\n        id\n        name\n      }\n      tiers {\n        id\n        name\n      }\n      segments(first: 100) {\n        edges {\n          node {\n            id\n            name\n            memberCount\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCampaignBankDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaigns($mallId: ID!, $first: Int, $after: String) {\n    mall(id: $mallId) {\n      id\n      campaigns(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            name\n            template\n            status\n            startsAt\n            endsAt\n            budgetFen\n            spentFen\n            remainingFen\n            unitsSold\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCampaignsDocument;
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaign($id: ID!) {\n    campaign(id: $id) {\n      id\n      name\n      template\n      status\n      startsAt\n      endsAt\n      budgetFen\n      spentFen\n      remainingFen\n      unitsSold\n      mall {\n        id\n      }\n      targetSegments {\n        id\n        name\n      }\n      targetTiers {\n        id\n        name\n      }\n      items(first: 100) {\n        edges {\n          node {\n            priceMode\n            pricePoints\n            priceFen\n            unitSubsidyFen\n            listing {\n              id\n              priceMode\n              pricePoints\n              priceFen\n              sku {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaignSales($input: SalesDashboardInput!) {\n    salesDashboard(input: $input) {\n      version\n      byCampaign {\n        campaignId\n        orders\n        quantity\n        cashFen\n        pointsValueFen\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCampaignSalesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCancelCampaign($input: CancelCampaignInput!) {\n    cancelCampaign(input: $input) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCancelCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaignTemplates {\n    campaignTemplates {\n      template\n      name\n      startsAt\n      endsAt\n      days\n      discountBp\n    }\n  }\n"): typeof import('./graphql').ConsoleCampaignTemplatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaignPoolSkus($filter: SkuPoolFilter, $first: Int) {\n    poolSkus(filter: $filter, first: $first) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCampaignPoolSkusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaignListings($mallId: ID!, $filter: ListingFilter, $first: Int, $after: String) {\n    mall(id: $mallId) {\n      id\n      listings(filter: $filter, first: $first, after: $after) {\n        edges {\n          node {\n            id\n            priceMode\n            pricePoints\n            priceFen\n            sku {\n              id\n              title\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCampaignListingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaignAudience($segmentIds: [ID!]!, $tierIds: [ID!]!) {\n    campaignAudienceSize(targetSegmentIds: $segmentIds, targetTierIds: $tierIds)\n  }\n"): typeof import('./graphql').ConsoleCampaignAudienceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      campaign {\n        id\n      }\n      warnings {\n        listingId\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCreateCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaignPreview($id: ID!) {\n    campaign(id: $id) {\n      id\n      name\n      status\n      startsAt\n      endsAt\n      budgetFen\n      items(first: 100) {\n        edges {\n          node {\n            priceMode\n            pricePoints\n            priceFen\n            unitSubsidyFen\n            listing {\n              id\n              priceMode\n              pricePoints\n              priceFen\n              sku {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCampaignPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCancelCampaignDraft($input: CancelCampaignInput!) {\n    cancelCampaign(input: $input) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCancelCampaignDraftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleScheduleCampaign($input: ScheduleCampaignInput!) {\n    scheduleCampaign(input: $input) {\n      campaign {\n        id\n        status\n        startsAt\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleScheduleCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRequestCampaignLaunch($input: RequestApprovalInput!) {\n    requestApproval(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ConsoleRequestCampaignLaunchDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
