/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What a DIRECT_TOPUP customer enters at checkout as the account to credit: MOBILE_CN (11-digit mainland mobile number), QQ_NUMBER (5–12 digits), EMAIL, ACCOUNT_ID (3–64 letters, digits, _ . - @). */
export type AccountRule =
  | 'ACCOUNT_ID'
  | 'EMAIL'
  | 'MOBILE_CN'
  | 'QQ_NUMBER';

/** Who asked: CUSTOMER, CUSTOMER_SERVICE (the bank's customer service acting for the customer), SUPPLIER, PLATFORM or SYSTEM. */
export type ActedBy =
  | 'CUSTOMER'
  | 'CUSTOMER_SERVICE'
  | 'PLATFORM'
  | 'SUPPLIER'
  | 'SYSTEM';

/** A manual correction of a customer’s points. */
export type AdjustPointsInput = {
  /** Positive adds, negative removes (never below zero). */
  amount: number;
  customerId: string;
  idempotencyKey: string;
  /** Why (the customer sees it in their history); up to 500 characters. */
  reason: string;
  track: PointsTrack;
  /** Added redeemable points expire after this many days. */
  validityDays?: number | null | undefined;
};

/** A correction the platform adds to a statement as a new ADJUSTMENT line. */
export type AdjustStatementInput = {
  /** The line it corrects; a disputed line: its open dispute is answered by this adjustment. */
  adjustsSettlementLineId?: string | null | undefined;
  /** Signed amount in fen (not 0): positive raises what the bank owes. */
  amountFen: number;
  /** Why (1–500 characters); both sides see it. */
  note: string;
};

/** A manual stock change, recorded in the audit trail. */
export type AdjustStockInput = {
  /** SET available units, or add a DELTA. */
  mode: StockAdjustmentMode;
  /** Units to set (≥ 0) or to add (negative removes). */
  quantity: number;
  /** Why (2–500 characters), e.g. "stocktake 2026-11". */
  reason: string;
  /** The SKU. */
  skuId: string;
};

/** A bank’s advance-payment (垫资) terms. */
export type AdvancePaymentTermsInput = {
  /** Whether the platform pays suppliers on delivery for this bank. */
  enabled: boolean;
  /** The most the platform may have outstanding for the bank, fen (0..10^12). */
  exposureCapFen: number;
  /** Days after the statement month’s end the bank repays the platform (0..365). */
  repaymentTermDays: number;
};

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

/** Approve a brand proposal (platform admins). */
export type ApproveBrandProposalInput = {
  /** The brand proposal. */
  brandProposalId: string;
};

/** Approve a request (not your own). */
export type ApproveRequestInput = {
  approvalRequestId: string;
  note?: string | null | undefined;
};

/** Approve a supplier application (platform admins). */
export type ApproveSupplierApplicationInput = {
  /** The supplier application. */
  supplierApplicationId: string;
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

/** Authorise a supplier to sell brands (platform admins). */
export type AuthorizeSupplierBrandsInput = {
  /** The brands (at most 100); ones it already sells are left as they are. */
  brandIds: Array<string>;
  /** The supplier. */
  supplierId: string;
};

/** UPLOADING → QUEUED → PROCESSING → DONE (or FAILED when the file as a whole is unreadable). */
export type BankEventFileStatus =
  | 'DONE'
  | 'FAILED'
  | 'PROCESSING'
  | 'QUEUED'
  | 'UPLOADING';

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

/** Who pays a discount: the bank, the supplier, or both (the bank's share in basis points). */
export type BenefitFunding =
  | 'BANK'
  | 'SHARED'
  | 'SUPPLIER';

/** What a benefit rule gives (see subgraphs/tenants/README.md, "Benefit rules"). */
export type BenefitKind =
  /** The order ships free (the quote says freeShipping). */
  | 'FREE_SHIPPING'
  /** A share off the cash part (basis points), capped in fen. */
  | 'PERCENT_OFF'
  /** N free or discounted units of listed listings per calendar period. */
  | 'QUOTA'
  /** 满X减Y: every X off Y (repeatable) or Y once per order, on cash, points or both. */
  | 'THRESHOLD';

/** PENDING until the platform decides; APPROVED created the brand; REJECTED carries the reason. */
export type BrandProposalStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

/** A campaign to launch (schedule) once approved. */
export type CampaignLaunchChangeInput = {
  /** The campaign's budget as the checker approves it (left out or null: no cap); the launch fails if the campaign's budget differs when it is applied. */
  budgetFen?: number | null | undefined;
  campaignId: string;
};

/** A campaign price for one listing (instead of the template discount). */
export type CampaignPriceInput = {
  /** The listing. */
  listingId: string;
  /** Cash per unit, in fen. */
  priceFen: number;
  /** Default: the listing's mode. */
  priceMode?: PriceMode | null | undefined;
  /** Points per unit. */
  pricePoints: number;
};

/** DRAFT → SCHEDULED → LIVE (inside its window) → ENDED (after it); CANCELLED never goes live. */
export type CampaignStatus =
  | 'CANCELLED'
  | 'DRAFT'
  | 'ENDED'
  | 'LIVE'
  | 'SCHEDULED';

/** Festival templates (name, default window and discount). Lunar festivals and solar terms are computed from the Chinese calendar for each year. */
export type CampaignTemplate =
  /** No festival: name and window are yours to give. */
  | 'CUSTOM'
  /** 双十一, 11 November. */
  | 'DOUBLE_ELEVEN'
  /** 重阳节, 9th day of the 9th lunar month. */
  | 'DOUBLE_NINTH'
  /** 双十二, 12 December. */
  | 'DOUBLE_TWELVE'
  /** 端午节, 5th day of the 5th lunar month. */
  | 'DRAGON_BOAT'
  /** 元宵节, 15th day of the 1st lunar month. */
  | 'LANTERN_FESTIVAL'
  /** 中秋节, 15th day of the 8th lunar month; 7-day window. */
  | 'MID_AUTUMN'
  /** 清明, the solar term (4 or 5 April). */
  | 'QINGMING'
  /** 七夕, 7th day of the 7th lunar month. */
  | 'QIXI'
  /** 春节, 1st day of the 1st lunar month; 14-day window. */
  | 'SPRING_FESTIVAL'
  /** 冬至, the solar term (21 or 22 December). */
  | 'WINTER_SOLSTICE';

export type CancelCampaignInput = {
  /** The campaign. */
  campaignId: string;
};

export type CancelOrderInput = {
  orderId: string;
  reason?: string;
};

/** Cancel units of your supplier order you cannot fill; the customer is refunded exactly them. */
export type CancelSupplierOrderLinesInput = {
  /** The units that cannot be filled (not yet shipped). */
  lines: Array<RefundLineInput>;
  /** Why they cannot be filled (4–500 characters); the customer is shown it. */
  reason: string;
  /** Put the units back into stock (e.g. set aside by mistake). */
  restock?: boolean;
  supplierOrderId: string;
};

/** OWED: approved with cash the bank has not paid back yet; PAID_OUT: the bank recorded paying it. */
export type CashPayoutState =
  | 'OWED'
  | 'PAID_OUT';

/** Your current password and the new one. */
export type ChangeMyPasswordInput = {
  /** Your password now (wrong ones count towards the sign-in lockout of your login name). */
  currentPassword: string;
  /** The new password: at least 12 characters, three of lower case, upper case, digits and symbols, not containing your login name, not a common password, not your current one. */
  newPassword: string;
};

/** Change where the goods go, before any of them has shipped. */
export type ChangeShippingAddressInput = {
  orderId: string;
  shippingAddress: ShippingAddressInput;
};

/** A file of core-banking events about to be uploaded in chunks. */
export type CreateBankEventFileInput = {
  /** Platform only: which bank (bank callers upload for their own). */
  bankId?: string | null | undefined;
  /** The file's name (for your records), up to 200 characters. */
  fileName: string;
  /** SHA-256 of the whole file (64 hex digits), checked before processing. */
  sha256?: string | null | undefined;
  /** Exact size in bytes (at most 512 MiB). */
  sizeBytes: number;
};

/** A new bank tenant (platform admins). */
export type CreateBankInput = {
  /** Short unique code, 2–40 capital letters, digits or dashes, e.g. "HZBANK". */
  code: string;
  /** Largest share of a cash price points may cover, in basis points 0–10000 (0–100 %; default 10000). */
  maxPointsShareBp?: number | null | undefined;
  /** Display name (2–200 characters). */
  name: string;
  /** Points worth 1 CNY, 1–10000 (default 100: one point is worth one fen). */
  pointsPerYuan?: number | null | undefined;
  /** Days after a settlement month closes by which the bank pays its suppliers, 0–180 (default 30). */
  settlementTermDays?: number | null | undefined;
  /** IANA time zone of its business day (default Asia/Shanghai). */
  timeZone?: string | null | undefined;
};

/** A new benefit rule. */
export type CreateBenefitRuleInput = {
  /** The bank (platform operators only; staff act for their own). */
  bankId?: string | null | undefined;
  /** SHARED: the bank's share in basis points (0–10000). */
  bankShareBp?: number | null | undefined;
  /** PERCENT_OFF: at most this many fen per order. */
  capFen?: number | null | undefined;
  /** THRESHOLD: Y off, 1 to X. */
  discountAmount?: number | null | undefined;
  /** End of the validity window (UTC); omit for open-ended. */
  endsAt?: string | null | undefined;
  /** Who pays the discount. */
  fundedBy: BenefitFunding;
  /** What it gives. */
  kind: BenefitKind;
  /** QUOTA: the listings it covers (1–100, of the bank). */
  listingIds?: Array<string> | null | undefined;
  /** Display name, 1–120 characters. */
  name: string;
  /** PERCENT_OFF: basis points off the cash part (1–10000). */
  percentBp?: number | null | undefined;
  /** QUOTA: discount per unit in basis points (10000 = free). */
  quotaDiscountBp?: number | null | undefined;
  /** QUOTA: MONTH, QUARTER or YEAR (bank's time zone). */
  quotaPeriod?: QuotaPeriod | null | undefined;
  /** QUOTA: units per customer per period (1–1000). */
  quotaUnits?: number | null | undefined;
  /** THRESHOLD: Y for every full X (default false: once per order). */
  repeatable?: boolean | null | undefined;
  /** Start of the validity window (UTC). */
  startsAt: string;
  /** Only members of this segment (omit: anyone). With a tier too, both. */
  targetSegmentId?: string | null | undefined;
  /** Only customers holding this tier (omit: any tier). */
  targetTierId?: string | null | undefined;
  /** THRESHOLD: X (fen; points on POINTS), 1–10^9. */
  thresholdAmount?: number | null | undefined;
  /** THRESHOLD: CASH, POINTS or BOTH. */
  thresholdBasis?: ThresholdBasis | null | undefined;
};

/** A new brand (platform admins). */
export type CreateBrandInput = {
  /** Brand name, unique. */
  name: string;
};

/** A festival campaign from a template; it starts as a DRAFT you can preview. */
export type CreateCampaignInput = {
  /** The subsidy the bank funds, in fen (1 to 10,000,000,000): what customers save against base prices, points valued at the bank's points per CNY. The campaign price stops applying when it is spent. Omit for no cap (the bank's approval threshold then holds its launch). */
  budgetFen?: number | null | undefined;
  /** Discount on base prices in basis points (default: the template's). */
  discountBp?: number | null | undefined;
  /** End (UTC). */
  endsAt?: string | null | undefined;
  /** Listings of this mall in the campaign (1–1,000). */
  listingIds: Array<string>;
  /** The mall. */
  mallId: string;
  /** Default: the template's name. */
  name?: string | null | undefined;
  /** Explicit campaign prices for some listings. */
  prices?: Array<CampaignPriceInput> | null | undefined;
  /** Default: the template's next festival day (today if today is the festival), from midnight in the bank's time zone (Asia/Shanghai). */
  startsAt?: string | null | undefined;
  /** The supplier's share of the campaign subsidy, in basis points (0..10000; 0 or omitted: the bank funds it all). Each supplier's share appears as CO_FUNDING lines on its settlement statements. */
  supplierShareBp?: number | null | undefined;
  /** Campaign prices apply only to members of these segments (at most 20); omit for everyone. */
  targetSegmentIds?: Array<string> | null | undefined;
  /** Campaign prices apply only to customers holding one of these tiers (at most 20); omit for every tier. With segments too, a customer needs both. */
  targetTierIds?: Array<string> | null | undefined;
  /** The festival template it was made from. */
  template: CampaignTemplate;
};

/** A new category (platform admins). */
export type CreateCategoryInput = {
  /** Name. */
  name: string;
  /** Parent category; omit for a top-level one. */
  parentCategoryId?: string | null | undefined;
};

/** Offer one pool SKU in a mall. */
export type CreateListingInput = {
  /** Visible until (UTC); null = no end. */
  endsAt?: string | null | undefined;
  /** Higher shows first (0–1000). */
  featuredRank?: number | null | undefined;
  /** The mall. */
  mallId: string;
  /** Cash part of the price, in fen. */
  priceFen?: number | null | undefined;
  /** How the price is paid. */
  priceMode?: PriceMode | null | undefined;
  /** Points part of the price. */
  pricePoints?: number | null | undefined;
  /** Most units per customer; null = no limit. */
  purchaseLimitPerCustomer?: number | null | undefined;
  /** The pool SKU. */
  skuId: string;
  /** Visible from (UTC); null = at once. */
  startsAt?: string | null | undefined;
  /** Current status. */
  status?: ListingStatus | null | undefined;
  /** Only members of these segments see the listing; [] = everyone. */
  targetSegmentIds?: Array<string> | null | undefined;
  /** Only these tiers see the listing; [] = every tier. */
  visibleTierIds?: Array<string> | null | undefined;
};

/** Offer hand-picked pool SKUs in one mall, each on its own terms. */
export type CreateListingsInput = {
  /** The listings, 1–500, created in this order; all or none. */
  listings: Array<ListingRowInput>;
  /** The mall. */
  mallId: string;
};

/** A new mall of a bank. */
export type CreateMallInput = {
  /** Platform admins name the bank; bank admins act for their own. */
  bankId?: string | null | undefined;
  /** Display name (2–200 characters). */
  name: string;
};

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

/** A new product. */
export type CreateProductInput = {
  /** Attributes. */
  attributes?: Array<NameValueInput> | null | undefined;
  /** Brand. */
  brandId: string;
  /** Category. */
  categoryId: string;
  /** The supplier's product code (unique per supplier). */
  code: string;
  /** Long description (up to 20,000 characters, several lines). */
  description?: string | null | undefined;
  /** Image URLs (http/https), cover first. */
  images?: Array<string> | null | undefined;
  /** The supplier (platform admins only; suppliers act for themselves). */
  supplierId?: string | null | undefined;
  /** Title, up to 200 characters. */
  title: string;
};

/** A new segment. */
export type CreateSegmentInput = {
  /** Platform operators only; bank staff act for their bank. */
  bankId?: string | null | undefined;
  /** Customers to include whatever the rules say (at most 1,000 per call). */
  memberCustomerIds?: Array<string> | null | undefined;
  /** Display name. */
  name: string;
  /** Omit for a members-only segment. */
  rules?: SegmentRulesInput | null | undefined;
};

/** A new SKU. */
export type CreateSkuInput = {
  /** DIRECT_TOPUP (required there, refused otherwise): what the customer enters as the account to credit. */
  accountRule?: AccountRule | null | undefined;
  /** EAN/UPC barcode. */
  barcode?: string | null | undefined;
  /** The supplier's SKU code (unique per supplier). */
  code: string;
  /** Makes a new SKU VIRTUAL delivered this way: CODE_POOL needs virtualCardKindId (the default when one is given); DIRECT_TOPUP, PARTNER_ISSUED and BANK_SYSTEM take no card kind and use initialStock. On update: only between DIRECT_TOPUP, PARTNER_ISSUED and BANK_SYSTEM. */
  deliveryMode?: DeliveryMode | null | undefined;
  /** Available units of a new physical SKU (default 0); ignored on update — use adjustStock. Not for card SKUs: their stock is their pool's unissued codes. */
  initialStock?: number | null | undefined;
  /** Suggested retail price in fen (required to create; staff may not change it). */
  listPriceFen?: number | null | undefined;
  /** DIRECT_TOPUP / PARTNER_ISSUED (required there, refused otherwise): the partner's product code, up to 64 characters. */
  partnerProductCode?: string | null | undefined;
  /** The product's code (bulk uploads); required to create unless productId is given. */
  productCode?: string | null | undefined;
  /** The product by id; alternative to productCode. */
  productId?: string | null | undefined;
  /** Spec values, e.g. 颜色 = 黑色. */
  specs?: Array<NameValueInput> | null | undefined;
  /** ACTIVE (default) or INACTIVE. */
  status?: SkuStatus | null | undefined;
  /** The supplier (platform admins only). */
  supplierId?: string | null | undefined;
  /** What a bank pays per unit, in fen (required to create; staff may not change it). */
  supplierPriceFen?: number | null | undefined;
  /** Makes a new SKU VIRTUAL, issuing codes from this card kind. */
  virtualCardKindId?: string | null | undefined;
  /** Shipping weight in grams. */
  weightGrams?: number | null | undefined;
};

/** A new tier on the bank's ladder. */
export type CreateTierInput = {
  /** Platform operators only. */
  bankId?: string | null | undefined;
  /** Benefits shown to customers. */
  benefits?: Array<string> | null | undefined;
  /** Tier points needed. */
  minTierPoints: number;
  /** Display name. */
  name: string;
  /** 0 = entry tier; higher is better. */
  rank: number;
};

/** A new kind of virtual card. */
export type CreateVirtualCardKindInput = {
  /** Face value in fen. */
  faceValueFen: number;
  /** Depletion warning threshold (default 10). */
  lowPoolThreshold?: number | null | undefined;
  /** Name, unique per supplier. */
  name: string;
  /** The supplier (platform admins only). */
  supplierId?: string | null | undefined;
  /** Days a code stays valid after issue. */
  validityDays: number;
};

/** A new webhook endpoint for a bank's systems. */
export type CreateWebhookEndpointInput = {
  /** The bank: bank admins may omit it (their own bank); platform admins must give it. */
  bankId?: string | null | undefined;
  /** What it is for (at most 200 characters). */
  description?: string | null | undefined;
  /** Receive events from now on (default true). */
  enabled?: boolean | null | undefined;
  /** The events it receives (1 to 10, each once). */
  eventTypes: Array<WebhookEventType>;
  /** Where events are POSTed: an https:// (or http://) URL, at most 500 characters. */
  url: string;
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

/** Authorise or refuse a return (supplier: HANDLE_AFTERSALES; bank: SERVE_CUSTOMERS). */
export type DecideReturnInput = {
  /** true: the customer may send the goods; false: refused. */
  authorise: boolean;
  /** Why it is refused (4–500 characters; required to refuse). */
  reason?: string | null | undefined;
  returnRequestId: string;
};

/** Remove a tier from the ladder. */
export type DeleteTierInput = {
  /** The tier; it must not restrict any listing. */
  tierId: string;
};

/** How a virtual SKU is delivered: CODE_POOL (a code from the pool at payment), DIRECT_TOPUP (the partner credits the customer's account), PARTNER_ISSUED (the partner issues a voucher), BANK_SYSTEM (an event to the bank's systems, acknowledged by the bank). */
export type DeliveryMode =
  | 'BANK_SYSTEM'
  | 'CODE_POOL'
  | 'DIRECT_TOPUP'
  | 'PARTNER_ISSUED';

/** One disputed line and why. */
export type DisputedLineInput = {
  /** Why the supplier disputes it (1–500 characters). */
  reason: string;
  /** A line of the statement. */
  settlementLineId: string;
};

/** How far a supplier order has got on its way to the customer. */
export type FulfilmentStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'OPEN'
  | 'PARTIALLY_SHIPPED'
  | 'SHIPPED';

/** As the bank records it; used only for segment rules. */
export type Gender =
  | 'FEMALE'
  | 'MALE'
  | 'UNDISCLOSED';

/** The result of inspecting returned goods (suppliers: HANDLE_AFTERSALES). */
export type InspectReturnInput = {
  /** true: accepted (a refund is executed, or an exchange waits for its replacement); false: rejected. */
  accept: boolean;
  /** Photos of the goods as received: https URLs, at most 5 (1 to 5 required to reject). */
  photoUrls?: Array<string>;
  /** Why they are rejected (4–500 characters; required to reject). */
  reason?: string | null | undefined;
  /** Exchanges: the returned units can be sold again, so they go back into stock (default false: they stay out of stock). */
  resellable?: boolean;
  /** Put the returned units back into stock (refunds). */
  restock?: boolean;
  returnRequestId: string;
};

/** Whom to invite, with which role and permission groups. */
export type InviteStaffInput = {
  /** Platform only: the bank to invite into (e.g. its first admin). */
  bankId?: string | null | undefined;
  /** The invitee’s name as colleagues will see it (1–120 characters). */
  displayName: string;
  /** A login name to fix for them (else they choose one). */
  loginName?: string | null | undefined;
  /** Permission groups of the same tenant (at most 20). */
  permissionGroupIds: Array<string>;
  /** Their role: BANK_OPERATOR or SUPPLIER_STAFF get their groups’ permissions; admins get all of their kind. */
  role: StaffRole;
  /** Platform only: the supplier to invite into. */
  supplierId?: string | null | undefined;
};

/** A voucher for one tier, one segment or one customer (exactly one of the three). */
export type IssueVoucherInput = {
  /** AMOUNT_OFF: fen off (1 to 100,000,000). */
  amountOffFen?: number | null | undefined;
  /** Platform staff only: the bank. */
  bankId?: string | null | undefined;
  /** SHARED only: the bank's share in basis points (1–9999). */
  bankShareBp?: number | null | undefined;
  /** The most all orders together may take off, in fen (1 to 10^10). */
  budgetFen: number;
  /** PERCENT_OFF: the most off one order, in fen (omit: no cap). */
  capFen?: number | null | undefined;
  /** For this one customer. */
  customerId?: string | null | undefined;
  /** Usable until (UTC, exclusive); at most 366 days after startsAt. */
  endsAt: string;
  /** Who pays the discount. */
  fundedBy: BenefitFunding;
  /** AMOUNT_OFF or PERCENT_OFF. */
  kind: VoucherKind;
  /** The order's cash for goods, after tier, campaign and benefit discounts, must reach this (fen). */
  minSpendFen: number;
  /** What customers see, 1–100 characters (e.g. “满200减30”). */
  name: string;
  /** Orders one customer may use it on (1–100). */
  perCustomerLimit: number;
  /** PERCENT_OFF: basis points off (1–10000). */
  percentOffBp?: number | null | undefined;
  /** For the members of this segment. */
  segmentId?: string | null | undefined;
  /** Usable from (UTC). */
  startsAt: string;
  /** For the customers holding this tier. */
  tierId?: string | null | undefined;
};

/** What changed a balance. */
export type LedgerEntryType =
  | 'ADJUST'
  | 'CAPTURE'
  | 'EARN'
  | 'EXPIRE'
  | 'HOLD'
  | 'REFUND'
  | 'RELEASE';

/** Narrows a mall's listings. */
export type ListingFilter = {
  /** Any of these brands (at most 50). */
  brandIds?: Array<string> | null | undefined;
  /** Only listings in this campaign. */
  campaignId?: string | null | undefined;
  /** This category and all its descendants. */
  categoryId?: string | null | undefined;
  /** Only listings with a featured rank above 0. */
  featuredOnly?: boolean | null | undefined;
  /** Only listings whose SKU has stock (or card codes) left. */
  inStockOnly?: boolean | null | undefined;
  /** The base price within a band, in points or in fen. */
  priceBand?: PriceBandInput | null | undefined;
  /** Staff only: true = only listings the price guard flagged or paused (see Listing.priceGuard); false = only the others. */
  priceGuarded?: boolean | null | undefined;
  /** How the price is paid. */
  priceMode?: PriceMode | null | undefined;
  /** Only listings of these SKUs (at most 100). */
  skuIds?: Array<string> | null | undefined;
  /** Staff only; customers always see ACTIVE listings. */
  status?: ListingStatus | null | undefined;
  /** Words of the SKU's title, at most 50 characters. Chinese words match inside longer ones (耳机 finds 蓝牙耳机, not 耳环); latin words and numbers match whole words, any case. */
  text?: string | null | undefined;
};

/** A listing price below the supplier price, to hold for approval. */
export type ListingPriceChangeInput = {
  listingId: string;
  priceFen?: number | null | undefined;
  priceMode?: PriceMode | null | undefined;
  pricePoints?: number | null | undefined;
};

/** One pool SKU to offer, on its own terms (a row of createListings). */
export type ListingRowInput = {
  /** Visible until (UTC); null = no end. */
  endsAt?: string | null | undefined;
  /** Higher shows first (0–1000). */
  featuredRank?: number | null | undefined;
  /** Cash part of the price, in fen. */
  priceFen?: number | null | undefined;
  /** How the price is paid. */
  priceMode?: PriceMode | null | undefined;
  /** Points part of the price. */
  pricePoints?: number | null | undefined;
  /** Most units per customer; null = no limit. */
  purchaseLimitPerCustomer?: number | null | undefined;
  /** The pool SKU. */
  skuId: string;
  /** Visible from (UTC); null = at once. */
  startsAt?: string | null | undefined;
  /** Current status. */
  status?: ListingStatus | null | undefined;
  /** Only members of these segments see the listing; [] = everyone. */
  targetSegmentIds?: Array<string> | null | undefined;
  /** Only these tiers see the listing; [] = every tier. */
  visibleTierIds?: Array<string> | null | undefined;
};

/** ACTIVE listings can be bought (inside their schedule); PAUSED ones are hidden from customers. */
export type ListingStatus =
  | 'ACTIVE'
  | 'PAUSED';

/** A listing's tier prices, some below the supplier price, to hold for approval: once approved they replace the listing's tier prices, as setListingTierPrices does. */
export type ListingTierPricesChangeInput = {
  listingId: string;
  /** 1–20 prices, one per tier of the bank. */
  prices: Array<TierPriceChangeInput>;
};

/** A range of UTC days, both ends included, at most 366. */
export type MarketplaceSalesInput = {
  /** First day, YYYY-MM-DD (UTC). */
  fromDay: string;
  /** Last day, YYYY-MM-DD (UTC), included. */
  toDay: string;
};

/** A name/value pair (product attribute or SKU spec value). */
export type NameValueInput = {
  /** Name, 1–40 characters. */
  name: string;
  /** Value, up to 100 characters. */
  value: string;
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

/** One unit of a perk: PROCESSING while the partner or the bank delivers it, then DELIVERED or FAILED (a failed unit is refunded automatically). */
export type PerkDeliveryState =
  | 'DELIVERED'
  | 'FAILED'
  | 'PROCESSING';

/** Which of a supplier's orders still to ship to pick for: the shipping list's filter in logistics' words (PAID = OPEN). */
export type PickListFilterInput = {
  /** The order number (the customer's order id), exact. */
  orderId?: string | null | undefined;
  /** Placed at or after this time. */
  placedFrom?: string | null | undefined;
  /** Placed before this time. */
  placedTo?: string | null | undefined;
  /** OPEN (nothing shipped yet) or PARTIALLY_SHIPPED; absent: both. */
  status?: FulfilmentStatus | null | undefined;
};

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

/** CSV (one file: the summary, a blank line, the monthly table) or XLSX (a sheet for each). */
export type PointsLiabilityFileFormat =
  | 'CSV'
  | 'XLSX';

/** Which bank and which period the points liability report covers. */
export type PointsLiabilityInput = {
  /** The cut: entries that occurred before this instant count (default now; not in the future). Leave out when giving toMonth. */
  asOf?: string | null | undefined;
  /** The bank (bank staff: their own). */
  bankId: string;
  /** First month of the monthly table, YYYY-MM in the bank's time zone (default: 11 months before the last). At most 36 months. */
  fromMonth?: string | null | undefined;
  /** Last month, YYYY-MM: the cut is the end of that month in the bank's time zone (or now, for the current month). Instead of asOf. */
  toMonth?: string | null | undefined;
};

/** Redeemable points (spent in the mall) or tier points (decide the tier). */
export type PointsTrack =
  | 'REDEEMABLE'
  | 'TIER';

/** Order of pool search results. */
export type PoolSort =
  | 'NEWEST'
  | 'PRICE_ASC'
  | 'PRICE_DESC'
  | 'TITLE';

/** A band of base prices; either end may be left open. */
export type PriceBandInput = {
  /** At most this (included). */
  max?: number | null | undefined;
  /** At least this (included). */
  min?: number | null | undefined;
  /** Unit of min and max. */
  unit: PriceUnit;
};

/** What happens to a listing when a supplier's price change puts it below cost or below the bank's minimum margin. */
export type PriceGuardAction =
  /** The listing stays on sale and is flagged for the bank to reprice. */
  | 'FLAG'
  /** The listing is paused (customers no longer see it) and flagged; the bank resumes it. */
  | 'PAUSE';

/** What the price guard did to a listing when a supplier's price change broke the bank's margin rule. */
export type PriceGuardState =
  /** Still on sale, flagged for the bank to reprice (cleared when the rule holds again). */
  | 'FLAGGED'
  /** Paused by the guard; stays paused until the bank resumes or reprices it. */
  | 'PAUSED';

/** How a listing is paid for: points only, cash only (fen), or points plus cash. */
export type PriceMode =
  | 'CASH'
  | 'POINTS'
  | 'POINTS_PLUS_CASH';

/** POINTS: the bank's points (a cash part counts at the bank's rate); FEN: cash in fen (points count at the same rate). */
export type PriceUnit =
  | 'FEN'
  | 'POINTS';

/** Filters of a supplier's product list; all optional, combined with AND. */
export type ProductFilter = {
  /** Only this brand. */
  brandId?: string | null | undefined;
  /** Only this category and its descendants. */
  categoryId?: string | null | undefined;
  /** Only products with (or without) a SKU on sale. */
  status?: ProductSaleStatus | null | undefined;
  /** Words in the title or product code (up to 100 characters). */
  text?: string | null | undefined;
};

/** ON_SALE: at least one of its SKUs is ACTIVE; OFF_SALE: none is. */
export type ProductSaleStatus =
  | 'OFF_SALE'
  | 'ON_SALE';

/** A calendar period in the bank's time zone; a quota restarts at each. */
export type QuotaPeriod =
  | 'MONTH'
  | 'QUARTER'
  | 'YEAR';

/** A VAT invoice (发票) as printed. */
export type RecordStatementInvoiceInput = {
  /** Amount excluding tax (金额), in fen. */
  amountFen: number;
  /** Invoice code (发票代码), 10 or 12 digits, for an 8-digit number; none for a 全电发票. */
  code?: string | null | undefined;
  /** Issue date (开票日期), YYYY-MM-DD. */
  issuedOn: string;
  /** Invoice number (发票号码): 8 digits, or 20 digits for a 全电发票. */
  number: string;
  /** Tax amount (税额), in fen. */
  taxFen: number;
  /** Tax rate in basis points (600 = 6 %, 1300 = 13 %). */
  taxRateBp: number;
};

/** Send a delivery again by hand. */
export type RedeliverWebhookInput = {
  /** The delivery (of your own bank). */
  webhookDeliveryId: string;
};

/** Why a refund exists: CUSTOMER (asked for, or a cancellation), DELIVERY_FAILED (a perk unit that could not be delivered, refunded automatically), SUPPLIER_CANCELLED (units the supplier could not fill, cancelled by it with a reason and refunded at once), WITHDRAWN (unshipped units of a partly shipped order withdrawn by the customer or customer service, refunded at once) or RETURN (returned goods accepted on inspection). */
export type RefundCause =
  | 'CUSTOMER'
  | 'DELIVERY_FAILED'
  | 'RETURN'
  | 'SUPPLIER_CANCELLED'
  | 'WITHDRAWN';

/** An accepted exchange the supplier cannot replace: refund the returned units instead. */
export type RefundExchangeInsteadInput = {
  /** Why (at most 500 characters); shown to the customer on the refund. */
  reason?: string | null | undefined;
  returnRequestId: string;
};

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

export type RefundLineInput = {
  orderLineId: string;
  quantity: number;
};

/** REQUESTED by the customer, then APPROVED (executed) or REJECTED by the supplier or the bank. */
export type RefundState =
  | 'APPROVED'
  | 'REJECTED'
  | 'REQUESTED';

/** Your password, proving it is you who asks for new recovery codes. */
export type RegenerateMyRecoveryCodesInput = {
  /** Your password now (wrong ones count towards the sign-in lockout of your login name). */
  currentPassword: string;
};

/** A delivery company to register (platform operators). */
export type RegisterCarrierInput = {
  /** 2–16 letters or digits, e.g. "JD"; upper-cased. */
  code: string;
  /** Display name. */
  name: string;
};

/** Reject a brand proposal with a reason (platform admins). */
export type RejectBrandProposalInput = {
  /** The brand proposal. */
  brandProposalId: string;
  /** Why, for the supplier (2–500 characters). */
  reason: string;
};

/** Reject a request, saying why. */
export type RejectRequestInput = {
  approvalRequestId: string;
  /** 4–500 characters. */
  reason: string;
};

/** The platform keeps a disputed line as it is, saying why. */
export type RejectStatementDisputeInput = {
  /** Why the line stands (1–500 characters); the supplier sees it. */
  reason: string;
  settlementDisputeId: string;
};

/** Reject a supplier application with a reason (platform admins). */
export type RejectSupplierApplicationInput = {
  /** Why, for the applicant (2–500 characters). */
  reason: string;
  /** The supplier application. */
  supplierApplicationId: string;
};

/** A member to remove from your staff. */
export type RemoveStaffMemberInput = {
  /** The member (of your own tenant; not yourself). */
  staffMemberId: string;
};

/** A new name for a category (platform admins). */
export type RenameCategoryInput = {
  /** The category. */
  categoryId: string;
  /** Its new name, 1–120 characters. */
  name: string;
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
  listingTierPrices?: ListingTierPricesChangeInput | null | undefined;
  /** Why you ask for it (the checker reads it); 4–500 characters. */
  note: string;
  partnerApp?: PartnerAppChangeInput | null | undefined;
  pointsAdjustment?: PointsAdjustmentChangeInput | null | undefined;
};

export type RequestRefundInput = {
  lines: Array<RefundLineInput>;
  reason: string;
  supplierOrderId: string;
};

/** Which returns to list; every field narrows the list. */
export type ReturnFilterInput = {
  /** Only returns in this status (e.g. REQUESTED, RECEIVED). */
  status?: ReturnStatus | null | undefined;
  /** Only returns of this supplier order. */
  supplierOrderId?: string | null | undefined;
};

/** REFUND: money back for the returned units; EXCHANGE: a replacement of the same SKU, no refund. */
export type ReturnKind =
  | 'EXCHANGE'
  | 'REFUND';

/** REQUESTED by the customer; AUTHORISED or REFUSED by the supplier or the bank; IN_TRANSIT once the customer gave the return parcel; RECEIVED when the carrier delivered it back; then REFUNDED or REJECTED after inspection (an exchange: ACCEPTED, REPLACEMENT_SHIPPED, EXCHANGED); WITHDRAWN by the customer (or customer service for them) before the goods were received. */
export type ReturnStatus =
  | 'ACCEPTED'
  | 'AUTHORISED'
  | 'EXCHANGED'
  | 'IN_TRANSIT'
  | 'RECEIVED'
  | 'REFUNDED'
  | 'REFUSED'
  | 'REJECTED'
  | 'REPLACEMENT_SHIPPED'
  | 'REQUESTED'
  | 'WITHDRAWN';

/** Revoke a partner app for good. */
export type RevokePartnerAppInput = {
  /** The partner app (of your own bank). */
  partnerAppId: string;
};

/** Replace a carrier’s callback secret (platform operators). */
export type RotateCarrierSecretInput = {
  /** The carrier code. */
  code: string;
  /** Hours the old secret is still accepted (0–168); 0 when it leaked. */
  overlapHours?: number;
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

export type ScheduleCampaignInput = {
  /** The campaign. */
  campaignId: string;
};

/** How a supplier scorecard is bucketed: UTC days or calendar months (UTC). */
export type ScorecardGranularity =
  | 'DAY'
  | 'MONTH';

/** Segment rules: every criterion given must hold; omitted criteria do not restrict. */
export type SegmentRulesInput = {
  /** Born in or after this year. */
  birthYearFrom?: number | null | undefined;
  /** Born in or before this year. */
  birthYearTo?: number | null | undefined;
  /** Any of these cities. */
  cities?: Array<string> | null | undefined;
  /** Any of these genders. */
  genders?: Array<Gender> | null | undefined;
  /** Asset band at most this (0–9). */
  maxAssetBand?: number | null | undefined;
  /** Asset band at least this (0–9). */
  minAssetBand?: number | null | undefined;
  /** Carries at least one of these tags. */
  tagsAny?: Array<string> | null | undefined;
};

/** A category's return window (platform admins). */
export type SetCategoryReturnPolicyInput = {
  /** The category. */
  categoryId: string;
  /** Days after delivery within which its goods may be returned (0: none, at most 365); null: the platform default. */
  returnDays?: number | null | undefined;
};

/** A commission rate for a supplier: for one category (and its descendants that set none) or the supplier's default. */
export type SetCommissionRateInput = {
  /** The catalog category; omit for the supplier's default (used when neither the category nor an ancestor has a rate). */
  categoryId?: string | null | undefined;
  /** Basis points of the supplier price (0..10000; 500 = 5%). Commission per delivered line = ⌊units × supplier price × rateBp / 10000⌋ (rounded down once per line; refunds give back exactly the difference). */
  rateBp: number;
  /** The supplier. */
  supplierId: string;
  /** First day it applies, YYYY-MM-DD (the delivery day in the bank’s time zone). */
  validFrom: string;
  /** Last day it applies, YYYY-MM-DD; omit for open-ended. */
  validTo?: string | null | undefined;
};

/** Replace a listing's tier prices (an empty list clears them). */
export type SetListingTierPricesInput = {
  /** The listing. */
  listingId: string;
  /** The tier prices, at most 20, one per tier. */
  prices: Array<TierPriceInput>;
};

/** A card kind's low-pool alert threshold. */
export type SetLowPoolThresholdInput = {
  /** At or below this many available codes the pool counts as depleting (0–1,000,000). */
  lowPoolThreshold: number;
  /** The card kind. */
  virtualCardKindId: string;
};

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

/** A member’s permission groups from now on. */
export type SetStaffMemberPermissionGroupsInput = {
  /** All their groups (replacing the current ones; at most 20). */
  permissionGroupIds: Array<string>;
  /** The member (of your own tenant). */
  staffMemberId: string;
};

/** The bank's tier evaluation settings. */
export type SetTierEvaluationSettingsInput = {
  /** Platform operators only; bank admins act for their own bank. */
  bankId?: string | null | undefined;
  /** Grace days after a period ends before a downgrade (0–366). */
  graceDays: number;
  /** Evaluation period in months: 1, 3, 6 or 12 (the calendar year). */
  periodMonths: number;
};

/** CSV (UTF-8 with BOM, CRLF), XLSX (Excel), PDF (STATEMENT and STATEMENT_LINES of one statement). */
export type SettlementExportFormat =
  | 'CSV'
  | 'PDF'
  | 'XLSX';

/** What to export, and how. */
export type SettlementExportInput = {
  /** Lines after this line id only (CSV/XLSX): a statement over the row limit is exported in parts. */
  afterSettlementLineId?: string | null | undefined;
  /** With period: one bank's (the platform; a bank is always its own). */
  bankId?: string | null | undefined;
  format: SettlementExportFormat;
  kind: SettlementExportKind;
  /** Or a month, YYYY-MM: the statements of it the caller may read. */
  period?: string | null | undefined;
  /** One statement (a PDF is always one statement). */
  settlementStatementId?: string | null | undefined;
  /** With period: one supplier's. */
  supplierId?: string | null | undefined;
};

/** STATEMENT: statements with their figures (XLSX adds the lines; PDF: the one statement a finance department files); STATEMENT_LINES: every line; INVOICES: the statements' 发票 and their check; RECONCILIATION: a supplier bill's reconciliation result. */
export type SettlementExportKind =
  | 'INVOICES'
  | 'RECONCILIATION'
  | 'STATEMENT'
  | 'STATEMENT_LINES';

/** TAX_MISMATCH: an invoice's tax differs from round(amount × rate) by more than 1 fen; TOTAL_MISMATCH: a statement's invoices (amount + tax, voided aside) do not add up to its totalFen. */
export type SettlementInvoiceFlag =
  | 'TAX_MISMATCH'
  | 'TOTAL_MISMATCH';

/** VALID (its tax agrees with amount × rate), FLAGGED (it does not: see flags), VOIDED (withdrawn by the supplier; it no longer counts). */
export type SettlementInvoiceStatus =
  | 'FLAGGED'
  | 'VALID'
  | 'VOIDED';

/** DELIVERY: units delivered at the supplier price; REFUND: units refunded after delivery (negative); DISCOUNT: the supplier's share of the delivered units' benefit and voucher discounts (negative); DISCOUNT_RETURN: that share of units refunded after delivery (positive); CO_FUNDING / CO_FUNDING_RETURN: the same for the supplier's share of a campaign subsidy; ADJUSTMENT: a correction added by the platform (signed); COMMISSION (negative) / COMMISSION_RETURN (positive): the platform's commission on delivered / refunded units, counted in commissionFen, not totalFen. */
export type SettlementLineKind =
  | 'ADJUSTMENT'
  | 'COMMISSION'
  | 'COMMISSION_RETURN'
  | 'CO_FUNDING'
  | 'CO_FUNDING_RETURN'
  | 'DELIVERY'
  | 'DISCOUNT'
  | 'DISCOUNT_RETURN'
  | 'REFUND';

/** DRAFT (lines still being added) → ISSUED (fixed, sent to the supplier) → CONFIRMED by the supplier, or DISPUTED line by line → adjusted and ISSUED again; CLOSED when paid in full. */
export type SettlementStatus =
  | 'CLOSED'
  | 'CONFIRMED'
  | 'DISPUTED'
  | 'DRAFT'
  | 'ISSUED';

/** An exchange's replacement parcel (suppliers: SHIP_ORDERS). */
export type ShipReplacementInput = {
  /** Carrier code, e.g. "SF". */
  carrierCode: string;
  returnRequestId: string;
  /** Tracking number (4–40 letters, digits or dashes). */
  trackingNumber: string;
};

/** Hand some or all of a supplier order to a carrier. */
export type ShipSupplierOrderInput = {
  /** Carrier code (see `carriers`), e.g. "SF". */
  carrierCode: string;
  /** Omit to ship every unit not yet shipped. */
  lines?: Array<ShipmentLineInput> | null | undefined;
  /** Your supplier order. */
  supplierOrderId: string;
  /** The carrier's tracking number; with the carrier, the idempotency key of this mutation. */
  trackingNumber: string;
};

/** Units of one order line to put in a shipment. */
export type ShipmentLineInput = {
  /** An order line of the supplier order. */
  orderLineId: string;
  /** Units (at most those not yet shipped). */
  quantity: number;
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

/** Where physical goods go. */
export type ShippingAddressInput = {
  city: string;
  detail: string;
  district: string;
  phone: string;
  postalCode?: string | null | undefined;
  province: string;
  recipient: string;
};

/** QUEUED (waiting for a worker) → VALIDATING (every row checked) → IMPORTING (every row written in one transaction) → DONE; REFUSED: some row is bad and nothing was written; FAILED: the write failed and was rolled back, nothing was written. */
export type SkuImportStatus =
  | 'DONE'
  | 'FAILED'
  | 'IMPORTING'
  | 'QUEUED'
  | 'REFUSED'
  | 'VALIDATING';

/** Physical goods ship; virtual cards are issued as codes. */
export type SkuKind =
  | 'PHYSICAL'
  | 'VIRTUAL';

/** What to look for in the shared pool. Every field narrows the result; omitted fields do not. */
export type SkuPoolFilter = {
  /** Any of these brands. */
  brandIds?: Array<string> | null | undefined;
  /** This category and all its descendants. */
  categoryId?: string | null | undefined;
  /** Only SKUs with available stock. */
  inStockOnly?: boolean | null | undefined;
  /** Physical or virtual only. */
  kind?: SkuKind | null | undefined;
  /** Supplier price at most this (fen). */
  maxSupplierPriceFen?: number | null | undefined;
  /** Supplier price at least this (fen). */
  minSupplierPriceFen?: number | null | undefined;
  /** Any of these suppliers. */
  supplierIds?: Array<string> | null | undefined;
  /** Words that must all appear in the title. */
  text?: string | null | undefined;
};

/** Whether banks may sell the SKU. */
export type SkuStatus =
  | 'ACTIVE'
  | 'INACTIVE';

/** A member of your staff whose credential to reset. */
export type StaffMemberCredentialInput = {
  /** The member (of your own tenant; not yourself). */
  staffMemberId: string;
};

/** Who a staff member works for: the platform operator, a bank or a supplier. */
export type StaffMemberKind =
  | 'BANK'
  | 'PLATFORM'
  | 'SUPPLIER';

/** Whether a staff member may sign in. */
export type StaffMemberStatus =
  | 'ACTIVE'
  | 'DISABLED';

/** A fine permission a staff member holds through their permission groups; each belongs to one kind of staff (bank, supplier or platform). */
export type StaffPermission =
  | 'ADJUST_POINTS'
  | 'CURATE_LISTINGS'
  | 'HANDLE_AFTERSALES'
  | 'MANAGE_BANK_SETTINGS'
  | 'MANAGE_CARRIERS'
  | 'MANAGE_CATALOG'
  | 'MANAGE_PARTNER_APPS'
  | 'MANAGE_SETTLEMENT'
  | 'MANAGE_STAFF'
  | 'MANAGE_STOCK'
  | 'MANAGE_SUPPLIERS'
  | 'MANAGE_TENANTS'
  | 'PAY_SUPPLIERS'
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

/** Start a bulk SKU import: a whole file (CSV in UTF-8 with or without BOM, or GBK; or XLSX; up to 3,000,000 bytes and 20,000 rows), or the good rows of a REFUSED import. */
export type StartSkuImportInput = {
  /** The file's bytes, base64 (a data: URL prefix is accepted). */
  base64?: string | null | undefined;
  /** Your key for this upload (8–64 printable ASCII, e.g. a UUID): starting again with it returns the same import. */
  clientKey: string;
  /** The file name (".xlsx" is read as a workbook, anything else as CSV). */
  fileName?: string | null | undefined;
  /** Instead of a file: a REFUSED import whose good rows (every row without a problem) to import, as a new import. */
  goodRowsOfSkuImportId?: string | null | undefined;
  /** The supplier (platform only; suppliers import into their own). */
  supplierId?: string | null | undefined;
};

/** A payment the bank made against a statement. */
export type StatementPaymentInput = {
  /** Amount in fen: more than 0, at most what is outstanding. */
  amountFen: number;
  /** The day it was paid, YYYY-MM-DD. */
  paidOn: string;
  /** The bank transfer's reference (1–64 characters), unique per statement: a retry with it adds nothing. */
  reference: string;
};

/** SET replaces available units; DELTA adds (or, negative, removes) units. */
export type StockAdjustmentMode =
  | 'DELTA'
  | 'SET';

export type StopVoucherInput = {
  /** The voucher. */
  voucherId: string;
};

/** PENDING until the platform decides; APPROVED created the supplier (or extended it) with its brands; REJECTED carries the reason. */
export type SupplierApplicationStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

/** A supplier's bill as uploaded: CSV (UTF-8, with or without BOM, or GBK/GB18030 as Chinese Excel saves it) or XLSX (the first sheet), at most 3,000,000 bytes and 50,000 rows. */
export type SupplierBillFileInput = {
  /** The file's bytes, base64 (a data: URL prefix is accepted). */
  base64: string;
  /** The file name (".xlsx" is read as a workbook, anything else as CSV). */
  filename: string;
};

/** Which of a supplier's orders to list (and to pick for): every field narrows the list. No recipient search: the address is a JSON document on the order, which no index reaches. */
export type SupplierOrderFilterInput = {
  /** Placed (created at checkout) at or after this time. */
  createdFrom?: string | null | undefined;
  /** Placed before this time. */
  createdTo?: string | null | undefined;
  /** The order number (the customer's order id), exact. */
  orderId?: string | null | undefined;
  /** Only supplier orders in one of these statuses (1–7 of them), e.g. PAID and PARTIALLY_SHIPPED for all still to ship. */
  statuses?: Array<SupplierOrderStatus> | null | undefined;
};

export type SupplierOrderStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'FAILED'
  | 'PAID'
  | 'PARTIALLY_SHIPPED'
  | 'PENDING_PAYMENT'
  | 'SHIPPED';

/** A supplier's scorecard over a range of UTC days (both ends included, at most 366). */
export type SupplierScorecardInput = {
  /** First day, YYYY-MM-DD (UTC). */
  fromDay: string;
  granularity?: ScorecardGranularity;
  supplierId: string;
  /** Last day, YYYY-MM-DD (UTC), included. */
  toDay: string;
};

/** What a THRESHOLD counts and takes off. */
export type ThresholdBasis =
  /** X and Y in fen, against the whole value (cash + points valued at the bank's points per CNY, rounded down); Y comes off cash first, the rest off points (fen converted to whole points, rounded down). */
  | 'BOTH'
  /** X and Y in fen, against the cash part of the lines; Y comes off cash. */
  | 'CASH'
  /** X and Y in points, against the points-priced part of the lines (unit points × quantity, not points applied to cash at payment); Y comes off those points. */
  | 'POINTS';

/** Which way a tier change went. */
export type TierChangeKind =
  /** To a lower tier, or to none. */
  | 'DOWNGRADE'
  /** The first tier the customer held (no tier before). */
  | 'INITIAL'
  /** To a higher tier. */
  | 'UPGRADE';

/** Why a customer's tier changed (see subgraphs/tenants/README.md, "Tier evaluation periods"). */
export type TierChangeReason =
  /** The evaluation after a period's grace: its tier points no longer held the tier. */
  | 'EVALUATION'
  /** Tier points earned in the period reached a higher threshold (applied at once). */
  | 'REACHED';

/** One tier's price (as setListingTierPrices takes it). */
export type TierPriceChangeInput = {
  /** Cash part, in fen. */
  priceFen: number;
  priceMode: PriceMode;
  pricePoints: number;
  /** A tier of the listing's bank. */
  tierId: string;
};

/** One tier's price for a listing. */
export type TierPriceInput = {
  /** Cash part, in fen. */
  priceFen: number;
  /** How the tier price is paid. */
  priceMode: PriceMode;
  /** Points part (0 with 0 fen: free, for listings with a purchase limit or a QUOTA benefit rule covering them). */
  pricePoints: number;
  /** A tier of the listing's bank. */
  tierId: string;
};

/** What ranks the top listings (ties: the other measure, then the listing id). */
export type TopListingsOrder =
  | 'GMV'
  | 'UNITS';

/** Change a bank's name and terms; omitted fields stay as they are. */
export type UpdateBankInput = {
  /** Platform admins name the bank; bank admins act for their own. */
  bankId?: string | null | undefined;
  /** Largest share of a cash price points may cover, basis points 0–10000 (0–100 %). */
  maxPointsShareBp?: number | null | undefined;
  /** Display name (2–200 characters). */
  name?: string | null | undefined;
  /** Points worth 1 CNY, 1–10000. */
  pointsPerYuan?: number | null | undefined;
  /** Price guard: PAUSE or FLAG a listing a supplier's price change puts below the margin rule. */
  priceGuardAction?: PriceGuardAction | null | undefined;
  /** Price guard: minimum margin over the supplier price, basis points 0–10000 (0 = only below cost). */
  priceGuardMinMarginBp?: number | null | undefined;
  /** Settlement terms in days, 0–180. */
  settlementTermDays?: number | null | undefined;
  /** IANA time zone, e.g. Asia/Shanghai. */
  timeZone?: string | null | undefined;
};

/** Changes to a benefit rule: fields left out stay; null clears an optional one. */
export type UpdateBenefitRuleInput = {
  /** SHARED: the bank's share in basis points (0–10000). */
  bankShareBp?: number | null | undefined;
  /** The rule. */
  benefitRuleId: string;
  /** PERCENT_OFF: at most this many fen per order. */
  capFen?: number | null | undefined;
  /** THRESHOLD: Y off, 1 to X. */
  discountAmount?: number | null | undefined;
  /** False switches it off for new checkouts. */
  enabled?: boolean | null | undefined;
  /** End of the validity window (UTC); omit for open-ended. */
  endsAt?: string | null | undefined;
  /** Who pays the discount. */
  fundedBy?: BenefitFunding | null | undefined;
  /** QUOTA: the listings it covers (1–100, of the bank). */
  listingIds?: Array<string> | null | undefined;
  /** Display name, 1–120 characters. */
  name?: string | null | undefined;
  /** PERCENT_OFF: basis points off the cash part (1–10000). */
  percentBp?: number | null | undefined;
  /** QUOTA: discount per unit in basis points (10000 = free). */
  quotaDiscountBp?: number | null | undefined;
  /** QUOTA: MONTH, QUARTER or YEAR (bank's time zone). */
  quotaPeriod?: QuotaPeriod | null | undefined;
  /** QUOTA: units per customer per period (1–1000). */
  quotaUnits?: number | null | undefined;
  /** THRESHOLD: Y for every full X (default false: once per order). */
  repeatable?: boolean | null | undefined;
  /** Start of the validity window (UTC). */
  startsAt?: string | null | undefined;
  /** Only members of this segment (omit: anyone). With a tier too, both. */
  targetSegmentId?: string | null | undefined;
  /** Only customers holding this tier (omit: any tier). */
  targetTierId?: string | null | undefined;
  /** THRESHOLD: X (fen; points on POINTS), 1–10^9. */
  thresholdAmount?: number | null | undefined;
  /** THRESHOLD: CASH, POINTS or BOTH. */
  thresholdBasis?: ThresholdBasis | null | undefined;
};

/** Rename a carrier or stop/start new shipments with it (platform operators). */
export type UpdateCarrierInput = {
  /** Whether suppliers may ship new parcels with it. */
  active?: boolean | null | undefined;
  /** The carrier code. */
  code: string;
  /** New display name. */
  name?: string | null | undefined;
};

/** Change a listing. */
export type UpdateListingInput = {
  /** Visible until (UTC); null = no end. */
  endsAt?: string | null | undefined;
  /** Higher shows first (0–1000). */
  featuredRank?: number | null | undefined;
  /** The listing. */
  listingId: string;
  /** Cash part of the price, in fen. */
  priceFen?: number | null | undefined;
  /** How the price is paid. */
  priceMode?: PriceMode | null | undefined;
  /** Points part of the price. */
  pricePoints?: number | null | undefined;
  /** Most units per customer; null = no limit. */
  purchaseLimitPerCustomer?: number | null | undefined;
  /** Visible from (UTC); null = at once. */
  startsAt?: string | null | undefined;
  /** Current status. */
  status?: ListingStatus | null | undefined;
  /** Only members of these segments see the listing; [] = everyone. */
  targetSegmentIds?: Array<string> | null | undefined;
  /** Only these tiers see the listing; [] = every tier. */
  visibleTierIds?: Array<string> | null | undefined;
};

/** Rename a mall. */
export type UpdateMallInput = {
  /** The mall (of your own bank). */
  mallId: string;
  /** Display name (2–200 characters). */
  name: string;
};

/** Changes to a product; omitted fields stay as they are. */
export type UpdateProductInput = {
  /** New attributes (replace the old ones). */
  attributes?: Array<NameValueInput> | null | undefined;
  /** New brand. */
  brandId?: string | null | undefined;
  /** New category. */
  categoryId?: string | null | undefined;
  /** New description. */
  description?: string | null | undefined;
  /** New images. */
  images?: Array<string> | null | undefined;
  /** The product. */
  productId: string;
  /** New title. */
  title?: string | null | undefined;
};

/** Change a segment; membership follows at once. */
export type UpdateSegmentInput = {
  /** Customers to add as explicit members. */
  addMemberCustomerIds?: Array<string> | null | undefined;
  /** Display name. */
  name?: string | null | undefined;
  /** Customers to remove as explicit members. */
  removeMemberCustomerIds?: Array<string> | null | undefined;
  /** Replaces the rules. */
  rules?: SegmentRulesInput | null | undefined;
  /** The segment. */
  segmentId: string;
};

/** Changes to a SKU; omitted fields stay as they are. */
export type UpdateSkuInput = {
  /** New account rule (DIRECT_TOPUP only). */
  accountRule?: AccountRule | null | undefined;
  /** New barcode. */
  barcode?: string | null | undefined;
  /** New delivery mode: only between DIRECT_TOPUP, PARTNER_ISSUED and BANK_SYSTEM. */
  deliveryMode?: DeliveryMode | null | undefined;
  /** New list price (admins only). */
  listPriceFen?: number | null | undefined;
  /** New partner product code (DIRECT_TOPUP / PARTNER_ISSUED only). */
  partnerProductCode?: string | null | undefined;
  /** The SKU. */
  skuId: string;
  /** New spec values. */
  specs?: Array<NameValueInput> | null | undefined;
  /** New status. */
  status?: SkuStatus | null | undefined;
  /** New supplier price (admins only). */
  supplierPriceFen?: number | null | undefined;
  /** New weight in grams. */
  weightGrams?: number | null | undefined;
};

/** Change a tier. */
export type UpdateTierInput = {
  /** Benefits shown to customers. */
  benefits?: Array<string> | null | undefined;
  /** Tier points needed. */
  minTierPoints?: number | null | undefined;
  /** Display name. */
  name?: string | null | undefined;
  /** A new position in the ladder (0 to 100, not taken by another tier; thresholds must still rise with rank). */
  rank?: number | null | undefined;
  /** The tier, if any. */
  tierId: string;
};

/** Changes to a kind of virtual card; omitted fields stay as they are. */
export type UpdateVirtualCardKindInput = {
  /** New face value in fen. */
  faceValueFen?: number | null | undefined;
  /** New low-pool alert threshold (0–1,000,000). */
  lowPoolThreshold?: number | null | undefined;
  /** New name, 2–200 characters, unique per supplier. */
  name?: string | null | undefined;
  /** New validity in days after issue (1–3650; codes issued before keep theirs). */
  validityDays?: number | null | undefined;
  /** The card kind. */
  virtualCardKindId: string;
};

/** Change a webhook endpoint; omitted fields stay as they are. */
export type UpdateWebhookEndpointInput = {
  /** What it is for (empty clears it). */
  description?: string | null | undefined;
  /** false: no new deliveries are made and pending ones wait; true: resume. */
  enabled?: boolean | null | undefined;
  /** The events it receives from now on. */
  eventTypes?: Array<WebhookEventType> | null | undefined;
  /** A new URL. */
  url?: string | null | undefined;
  /** The endpoint (of your own bank). */
  webhookEndpointId: string;
};

/** Codes to add to a card kind's pool. */
export type UploadCodesInput = {
  /** The codes (at most 5,000); duplicates are reported and skipped. */
  codes: Array<string>;
  /** The card kind. */
  virtualCardKindId: string;
};

/** Which invoice to void, and why. */
export type VoidStatementInvoiceInput = {
  /** Why (shown to the bank and the platform), 2–200 characters. */
  reason: string;
  /** The invoice (SettlementInvoice.id). */
  settlementInvoiceId: string;
};

/** AMOUNT_OFF takes a fixed amount of fen off; PERCENT_OFF a share in basis points, up to a cap. */
export type VoucherKind =
  | 'AMOUNT_OFF'
  | 'PERCENT_OFF';

/** ACTIVE vouchers can be used inside their window; a STOPPED one no longer can (orders made keep it). */
export type VoucherState =
  | 'ACTIVE'
  | 'STOPPED';

/** Which deliveries to list. */
export type WebhookDeliveryFilter = {
  /** The bank (platform admins; bank admins see their own). */
  bankId?: string | null | undefined;
  /** Only this event type. */
  eventType?: WebhookEventType | null | undefined;
  /** Only deliveries in this status. */
  status?: WebhookDeliveryStatus | null | undefined;
  /** Only this endpoint’s. */
  webhookEndpointId?: string | null | undefined;
};

/** Where a webhook delivery stands. */
export type WebhookDeliveryStatus =
  /** The endpoint answered 2xx. */
  | 'DELIVERED'
  /** Still refused a day after it was created (or redelivered); redeliver by hand. */
  | 'FAILED'
  /** Not yet answered with 2xx; retried with backoff. */
  | 'PENDING';

/** A webhook endpoint. */
export type WebhookEndpointRefInput = {
  /** The endpoint (of your own bank). */
  webhookEndpointId: string;
};

/** An event a bank's systems may receive by webhook. */
export type WebhookEventType =
  /** A financial-attribute perk awaits the bank’s own systems. */
  | 'FINANCIAL_PERK_REQUESTED'
  /** A supplier price change put a listing below cost or below the bank’s margin rule; the listing was paused or flagged. */
  | 'LISTING_PRICE_GUARD'
  /** An order (or one supplier’s part of it) was delivered. */
  | 'ORDER_DELIVERED'
  /** A customer’s order was paid and confirmed. */
  | 'ORDER_PAID'
  /** Money or points were refunded on an order. */
  | 'ORDER_REFUNDED'
  /** A perk was issued to a customer by a partner. */
  | 'PERK_ISSUED'
  /** A customer earned points. */
  | 'POINTS_EARNED'
  /** A customer’s points expired. */
  | 'POINTS_EXPIRED'
  /** A customer’s points were spent on an order. */
  | 'POINTS_SPENT'
  /** A customer’s tier changed. */
  | 'TIER_CHANGED';

/** Withdraw units of a supplier order that have not shipped (the customer, or its bank’s customer service); they are refunded at once and the shipped ones still deliver. */
export type WithdrawUnshippedUnitsInput = {
  /** The units to withdraw; omitted: every unit not yet shipped. */
  lines?: Array<RefundLineInput> | null | undefined;
  /** Why (4–500 characters). */
  reason: string;
  supplierOrderId: string;
};

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

export type ConsoleBankEventFilesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleBankEventFilesQuery = { bankEventFiles: { edges: Array<{ node: { id: string, fileName: string, status: BankEventFileStatus, failure: string | null, sizeBytes: number, receivedBytes: number, rowsTotal: number | null, rowsProcessed: number, rowsAccepted: number, rowsDuplicate: number, rowsRejected: number, pointsAwarded: number, createdAt: string } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleBankEventFileErrorsQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleBankEventFileErrorsQuery = { bankEventFile: { id: string, errors: { edges: Array<{ node: { rowNumber: number, column: string, message: string } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } };

export type ConsoleCreateBankEventFileMutationVariables = Exact<{
  input: CreateBankEventFileInput;
}>;


export type ConsoleCreateBankEventFileMutation = { createBankEventFile: { id: string } };

export type ConsoleBenefitRulesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleBenefitRulesQuery = { benefitRules: { edges: Array<{ node: { id: string, name: string, kind: BenefitKind, enabled: boolean, startsAt: string, endsAt: string | null, fundedBy: BenefitFunding, bankShareBp: number, targetTierId: string | null, targetSegmentId: string | null, thresholdBasis: ThresholdBasis | null, thresholdAmount: number | null, discountAmount: number | null, repeatable: boolean, percentBp: number | null, capFen: number | null, quotaUnits: number | null, quotaPeriod: QuotaPeriod | null, quotaDiscountBp: number | null, listingIds: Array<string> } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleCreateBenefitRuleMutationVariables = Exact<{
  input: CreateBenefitRuleInput;
}>;


export type ConsoleCreateBenefitRuleMutation = { createBenefitRule: { benefitRule: { id: string } } };

export type ConsoleUpdateBenefitRuleMutationVariables = Exact<{
  input: UpdateBenefitRuleInput;
}>;


export type ConsoleUpdateBenefitRuleMutation = { updateBenefitRule: { benefitRule: { id: string, enabled: boolean } } };

export type ConsoleCampaignBankQueryVariables = Exact<{
  bankId?: string | null | undefined;
}>;


export type ConsoleCampaignBankQuery = { bank: { id: string, timeZone: string, malls: Array<{ id: string, name: string }>, tiers: Array<{ id: string, name: string }>, segments: { edges: Array<{ node: { id: string, name: string, memberCount: number } }> } } };

export type ConsoleCampaignsQueryVariables = Exact<{
  mallId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCampaignsQuery = { mall: { id: string, campaigns: { edges: Array<{ cursor: string, node: { id: string, name: string, template: CampaignTemplate, status: CampaignStatus, startsAt: string, endsAt: string, budgetFen: number | null, spentFen: number, remainingFen: number | null, unitsSold: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type ConsoleCustomerByRefQueryVariables = Exact<{
  ref: string;
}>;


export type ConsoleCustomerByRefQuery = { customerByRef: { id: string, externalRef: string, gender: Gender | null, birthYear: number | null, city: string | null, assetBand: number | null, tags: Array<string>, tier: { id: string, name: string, rank: number, minTierPoints: number } | null, tierProgress: { pointsToNext: number | null, periodTierPoints: number, validUntil: string | null, current: { id: string, name: string } | null, next: { id: string, name: string, minTierPoints: number } | null }, segments: Array<{ id: string, name: string }> | null, points: { redeemable: number, held: number, tierPoints: number } } };

export type ConsoleCustomerPendingAdjustmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCustomerPendingAdjustmentsQuery = { approvalRequests: { edges: Array<{ node: { id: string, makerSub: string, createdAt: string, pointsAdjustment: { customerId: string, track: PointsTrack, amount: number, reason: string } | null } }> } };

export type ConsoleDashboardBanksQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleDashboardBanksQuery = { banks: { edges: Array<{ node: { id: string, code: string, name: string, timeZone: string } }> } };

export type ConsoleMyAccountQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMyAccountQuery = { me: { id: string, loginName: string, role: StaffRole, totpEnabled: boolean, recoveryCodesLeft: number, passwordChangedAt: string | null } | null };

export type ConsoleChangeMyPasswordMutationVariables = Exact<{
  input: ChangeMyPasswordInput;
}>;


export type ConsoleChangeMyPasswordMutation = { changeMyPassword: { endedSessions: number } };

export type ConsoleRegenerateRecoveryCodesMutationVariables = Exact<{
  input: RegenerateMyRecoveryCodesInput;
}>;


export type ConsoleRegenerateRecoveryCodesMutation = { regenerateMyRecoveryCodes: { recoveryCodes: Array<string> } };

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

export type ConsolePointsLiabilityQueryVariables = Exact<{
  input: PointsLiabilityInput;
}>;


export type ConsolePointsLiabilityQuery = { pointsLiability: { bankId: string, asOf: string, timeZone: string, pointsPerYuan: number, availablePoints: number, heldPoints: number, outstandingPoints: number, liabilityFen: number, overduePoints: number, expiring: Array<{ withinDays: number, points: number, liabilityFen: number }>, months: Array<{ month: string, opening: number, earned: number, redeemed: number, refunded: number, expired: number, adjusted: number, closing: number, closingLiabilityFen: number }> } };

export type ConsolePointsLiabilityExportQueryVariables = Exact<{
  input: PointsLiabilityInput;
  format: PointsLiabilityFileFormat;
  language?: CsvLanguage | null | undefined;
}>;


export type ConsolePointsLiabilityExportQuery = { pointsLiabilityExport: { fileName: string, contentType: string, base64: string } };

export type ConsoleLiabilityBanksQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleLiabilityBanksQuery = { banks: { edges: Array<{ node: { id: string, code: string, name: string, timeZone: string } }> } };

export type ConsoleReturnRequestsQueryVariables = Exact<{
  filter?: ReturnFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleReturnRequestsQuery = { returnRequests: { edges: Array<{ node: { id: string, orderId: string, supplierOrderId: string, kind: ReturnKind, status: ReturnStatus, reason: string, units: number, createdAt: string, returnTrackingNumber: string | null, refusalReason: string | null, rejectionReason: string | null } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleDecideReturnMutationVariables = Exact<{
  input: DecideReturnInput;
}>;


export type ConsoleDecideReturnMutation = { decideReturn: { id: string, status: ReturnStatus } };

export type ConsoleShipReplacementMutationVariables = Exact<{
  input: ShipReplacementInput;
}>;


export type ConsoleShipReplacementMutation = { shipReplacement: { id: string, status: ReturnStatus } };

export type ConsoleRefundExchangeInsteadMutationVariables = Exact<{
  input: RefundExchangeInsteadInput;
}>;


export type ConsoleRefundExchangeInsteadMutation = { refundExchangeInstead: { id: string, status: ReturnStatus } };

export type ConsoleInspectReturnMutationVariables = Exact<{
  input: InspectReturnInput;
}>;


export type ConsoleInspectReturnMutation = { inspectReturn: { id: string, status: ReturnStatus } };

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

export type ConsoleStaffMembersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
  status?: StaffMemberStatus | null | undefined;
  permissionGroupId?: string | null | undefined;
}>;


export type ConsoleStaffMembersQuery = { staffMembers: { edges: Array<{ node: { id: string, loginName: string, displayName: string, role: StaffRole, status: StaffMemberStatus, totpEnabled: boolean, permissionGroups: Array<{ id: string, name: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleStaffGroupsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleStaffGroupsQuery = { permissionGroups: { edges: Array<{ node: { id: string, name: string } }> } };

export type ConsoleInviteStaffMutationVariables = Exact<{
  input: InviteStaffInput;
}>;


export type ConsoleInviteStaffMutation = { inviteStaff: { invitationUrl: string, invitation: { id: string, expiresAt: string } } };

export type ConsoleSetStaffGroupsMutationVariables = Exact<{
  input: SetStaffMemberPermissionGroupsInput;
}>;


export type ConsoleSetStaffGroupsMutation = { setStaffMemberPermissionGroups: { staffMember: { id: string } } };

export type ConsoleResetStaffPasswordMutationVariables = Exact<{
  input: StaffMemberCredentialInput;
}>;


export type ConsoleResetStaffPasswordMutation = { resetStaffMemberPassword: { passwordResetUrl: string, passwordReset: { expiresAt: string } } };

export type ConsoleResetStaffTotpMutationVariables = Exact<{
  input: StaffMemberCredentialInput;
}>;


export type ConsoleResetStaffTotpMutation = { resetStaffMemberTotp: { endedSessions: number } };

export type ConsoleRemoveStaffMutationVariables = Exact<{
  input: RemoveStaffMemberInput;
}>;


export type ConsoleRemoveStaffMutation = { removeStaffMember: { staffMember: { id: string } } };

export type ConsoleVouchersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleVouchersQuery = { vouchers: { edges: Array<{ node: { id: string, name: string, kind: VoucherKind, amountOffFen: number | null, percentOffBp: number | null, capFen: number | null, minSpendFen: number, startsAt: string, endsAt: string, perCustomerLimit: number, budgetFen: number, spentFen: number, remainingFen: number, usedCount: number, fundedBy: BenefitFunding, bankShareBp: number, state: VoucherState, customerId: string | null, tier: { id: string, name: string } | null, segment: { id: string, name: string } | null } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleVoucherAudienceQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleVoucherAudienceQuery = { bank: { id: string, tiers: Array<{ id: string, name: string }>, segments: { edges: Array<{ node: { id: string, name: string } }> } } };

export type ConsoleVoucherCustomerQueryVariables = Exact<{
  ref: string;
}>;


export type ConsoleVoucherCustomerQuery = { customerByRef: { id: string } };

export type ConsoleIssueVoucherMutationVariables = Exact<{
  input: IssueVoucherInput;
}>;


export type ConsoleIssueVoucherMutation = { issueVoucher: { voucher: { id: string } } };

export type ConsoleStopVoucherMutationVariables = Exact<{
  input: StopVoucherInput;
}>;


export type ConsoleStopVoucherMutation = { stopVoucher: { voucher: { id: string, state: VoucherState } } };

export type ConsoleWebhookEndpointsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleWebhookEndpointsQuery = { webhookEndpoints: { edges: Array<{ node: { id: string, url: string, description: string | null, eventTypes: Array<WebhookEventType>, enabled: boolean, createdAt: string, secretRotatedAt: string | null } }> } };

export type ConsoleWebhookDeliveriesQueryVariables = Exact<{
  filter?: WebhookDeliveryFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleWebhookDeliveriesQuery = { webhookDeliveries: { edges: Array<{ node: { id: string, webhookEndpointId: string, eventId: string, eventType: WebhookEventType, status: WebhookDeliveryStatus, attempts: number, nextAttemptAt: string, lastStatusCode: number | null, lastError: string | null, deliveredAt: string | null, createdAt: string } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleUpdateWebhookEndpointMutationVariables = Exact<{
  input: UpdateWebhookEndpointInput;
}>;


export type ConsoleUpdateWebhookEndpointMutation = { updateWebhookEndpoint: { webhookEndpoint: { id: string, enabled: boolean } } };

export type ConsoleRotateWebhookEndpointSecretMutationVariables = Exact<{
  input: WebhookEndpointRefInput;
}>;


export type ConsoleRotateWebhookEndpointSecretMutation = { rotateWebhookEndpointSecret: { secret: string, webhookEndpoint: { id: string, url: string } } };

export type ConsoleDeleteWebhookEndpointMutationVariables = Exact<{
  input: WebhookEndpointRefInput;
}>;


export type ConsoleDeleteWebhookEndpointMutation = { deleteWebhookEndpoint: { webhookEndpointId: string } };

export type ConsoleSendTestWebhookMutationVariables = Exact<{
  input: WebhookEndpointRefInput;
}>;


export type ConsoleSendTestWebhookMutation = { sendTestWebhook: { delivered: boolean, statusCode: number | null, error: string | null } };

export type ConsoleRedeliverWebhookMutationVariables = Exact<{
  input: RedeliverWebhookInput;
}>;


export type ConsoleRedeliverWebhookMutation = { redeliverWebhook: { webhookDelivery: { id: string, status: WebhookDeliveryStatus } } };

export type ConsoleBenefitRuleQuotaUsesQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleBenefitRuleQuotaUsesQuery = { benefitRule: { id: string, name: string, quotaUnits: number | null, currentPeriodKey: string | null, currentPeriodEndsAt: string | null, quotaUses: { edges: Array<{ node: { used: number, unitsAllowed: number, left: number, customer: { id: string, externalRef: string } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } };

export type ConsoleCampaignQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleCampaignQuery = { campaign: { id: string, name: string, template: CampaignTemplate, status: CampaignStatus, startsAt: string, endsAt: string, budgetFen: number | null, spentFen: number, remainingFen: number | null, unitsSold: number, mall: { id: string }, targetSegments: Array<{ id: string, name: string }>, targetTiers: Array<{ id: string, name: string }>, items: { edges: Array<{ node: { priceMode: PriceMode, pricePoints: number, priceFen: number, unitSubsidyFen: number, listing: { id: string, priceMode: PriceMode, pricePoints: number, priceFen: number, sku: { id: string, title: string } } } }> } } };

export type ConsoleCampaignSalesQueryVariables = Exact<{
  input: SalesDashboardInput;
}>;


export type ConsoleCampaignSalesQuery = { salesDashboard: { version: string, byCampaign: Array<{ campaignId: string | null, orders: number, quantity: number, cashFen: number, pointsValueFen: number }> } };

export type ConsoleCancelCampaignMutationVariables = Exact<{
  input: CancelCampaignInput;
}>;


export type ConsoleCancelCampaignMutation = { cancelCampaign: { campaign: { id: string, status: CampaignStatus } } };

export type ConsoleCampaignTemplatesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCampaignTemplatesQuery = { campaignTemplates: Array<{ template: CampaignTemplate, name: string, startsAt: string | null, endsAt: string | null, days: number, discountBp: number }> };

export type ConsoleCampaignPoolSkusQueryVariables = Exact<{
  filter?: SkuPoolFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type ConsoleCampaignPoolSkusQuery = { poolSkus: { edges: Array<{ node: { id: string } }> } };

export type ConsoleCampaignListingsQueryVariables = Exact<{
  mallId: string;
  filter?: ListingFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCampaignListingsQuery = { mall: { id: string, listings: { edges: Array<{ node: { id: string, priceMode: PriceMode, pricePoints: number, priceFen: number, sku: { id: string, title: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type ConsoleCampaignAudienceQueryVariables = Exact<{
  segmentIds: Array<string> | string;
  tierIds: Array<string> | string;
}>;


export type ConsoleCampaignAudienceQuery = { campaignAudienceSize: number };

export type ConsoleCreateCampaignMutationVariables = Exact<{
  input: CreateCampaignInput;
}>;


export type ConsoleCreateCampaignMutation = { createCampaign: { campaign: { id: string }, warnings: Array<{ listingId: string | null }> } };

export type ConsoleCampaignCostForecastQueryVariables = Exact<{
  id: string;
  uptakeBp: number;
}>;


export type ConsoleCampaignCostForecastQuery = { campaign: { id: string, costForecast: { uptakeBp: number, audienceSize: number, expectedUnits: number, expectedCostFen: number, worstCaseCostFen: number | null, remainingFen: number | null, exceedsRemainingBudget: boolean, listings: { edges: Array<{ node: { listingId: string, expectedUnits: number, expectedCostFen: number } }> } } } };

export type ConsoleCampaignPreviewQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleCampaignPreviewQuery = { campaign: { id: string, name: string, status: CampaignStatus, startsAt: string, endsAt: string, budgetFen: number | null, items: { edges: Array<{ node: { priceMode: PriceMode, pricePoints: number, priceFen: number, unitSubsidyFen: number, listing: { id: string, priceMode: PriceMode, pricePoints: number, priceFen: number, sku: { id: string, title: string } } } }> } } };

export type ConsoleCancelCampaignDraftMutationVariables = Exact<{
  input: CancelCampaignInput;
}>;


export type ConsoleCancelCampaignDraftMutation = { cancelCampaign: { campaign: { id: string, status: CampaignStatus } } };

export type ConsoleScheduleCampaignMutationVariables = Exact<{
  input: ScheduleCampaignInput;
}>;


export type ConsoleScheduleCampaignMutation = { scheduleCampaign: { campaign: { id: string, status: CampaignStatus, startsAt: string } } };

export type ConsoleRequestCampaignLaunchMutationVariables = Exact<{
  input: RequestApprovalInput;
}>;


export type ConsoleRequestCampaignLaunchMutation = { requestApproval: { id: string, status: ApprovalStatus } };

export type ConsoleCurationBankQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCurationBankQuery = { bank: { id: string, name: string, pointsPerYuan: number, maxPointsShareBp: number, malls: Array<{ id: string, name: string }>, tiers: Array<{ id: string, name: string, rank: number }>, segments: { edges: Array<{ node: { id: string, name: string } }> } } };

export type ConsoleCurationCategoriesQueryVariables = Exact<{
  parentId?: string | null | undefined;
}>;


export type ConsoleCurationCategoriesQuery = { categories: Array<{ id: string, name: string }> };

export type ConsoleCurationBrandsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCurationBrandsQuery = { brands: { edges: Array<{ node: { id: string, name: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleCurationSuppliersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCurationSuppliersQuery = { suppliers: { edges: Array<{ node: { id: string, name: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleCurationPoolQueryVariables = Exact<{
  filter?: SkuPoolFilter | null | undefined;
  sort?: PoolSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCurationPoolQuery = { poolSkus: { edges: Array<{ node: { id: string, title: string, code: string, kind: SkuKind, supplierPriceFen: number | null, listPriceFen: number, brand: { id: string, name: string }, category: { id: string, name: string }, supplier: { id: string, name: string }, stock: { available: number } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleCurationPoolIdsQueryVariables = Exact<{
  filter?: SkuPoolFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCurationPoolIdsQuery = { poolSkus: { edges: Array<{ node: { id: string, title: string, supplierPriceFen: number | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleCurationSkuQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleCurationSkuQuery = { sku: { id: string, title: string, code: string, barcode: string | null, kind: SkuKind, supplierPriceFen: number | null, listPriceFen: number, weightGrams: number, specs: Array<{ name: string, value: string }>, brand: { id: string, name: string }, category: { id: string, name: string }, supplier: { id: string, name: string, code: string }, stock: { available: number, reserved: number, lowStock: boolean }, product: { id: string, title: string, description: string, images: Array<string>, attributes: Array<{ name: string, value: string }> } } };

export type ConsoleCurationListedQueryVariables = Exact<{
  mallId: string;
  skuIds: Array<string> | string;
}>;


export type ConsoleCurationListedQuery = { mall: { id: string, listings: { edges: Array<{ node: { id: string, sku: { id: string } } }> } } };

export type ConsoleCurationListingsQueryVariables = Exact<{
  mallId: string;
  filter?: ListingFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCurationListingsQuery = { mall: { id: string, listings: { edges: Array<{ node: { id: string, status: ListingStatus, priceMode: PriceMode, pricePoints: number, priceFen: number, featuredRank: number, startsAt: string | null, endsAt: string | null, skuOnSale: boolean, priceGuard: { state: PriceGuardState, supplierPriceFen: number, at: string } | null, sku: { id: string, title: string, supplierPriceFen: number | null }, visibleTiers: Array<{ id: string, name: string }>, targetSegments: Array<{ id: string, name: string }> | null, tierPrices: Array<{ tierId: string, priceMode: PriceMode, pricePoints: number, priceFen: number }> | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type ConsoleCurationCreateListingMutationVariables = Exact<{
  input: CreateListingInput;
}>;


export type ConsoleCurationCreateListingMutation = { createListing: { listing: { id: string, status: ListingStatus, priceMode: PriceMode, pricePoints: number, priceFen: number }, warnings: Array<{ skuId: string, listingId: string | null, supplierPriceFen: number, message: string }> } };

export type ConsoleCurationCreateListingsMutationVariables = Exact<{
  input: CreateListingsInput;
}>;


export type ConsoleCurationCreateListingsMutation = { createListings: { listings: Array<{ id: string, sku: { id: string } }>, warnings: Array<{ skuId: string, listingId: string | null, supplierPriceFen: number, message: string }> } };

export type ConsoleCurationUpdateListingMutationVariables = Exact<{
  input: UpdateListingInput;
}>;


export type ConsoleCurationUpdateListingMutation = { updateListing: { listing: { id: string, status: ListingStatus, priceMode: PriceMode, pricePoints: number, priceFen: number }, warnings: Array<{ skuId: string, listingId: string | null, supplierPriceFen: number, message: string }> } };

export type ConsoleCurationRequestApprovalMutationVariables = Exact<{
  input: RequestApprovalInput;
}>;


export type ConsoleCurationRequestApprovalMutation = { requestApproval: { id: string, status: ApprovalStatus } };

export type ConsoleCurationSetTierPricesMutationVariables = Exact<{
  input: SetListingTierPricesInput;
}>;


export type ConsoleCurationSetTierPricesMutation = { setListingTierPrices: { listing: { id: string }, tierPrices: Array<{ tierId: string, priceMode: PriceMode, pricePoints: number, priceFen: number }>, warnings: Array<{ message: string }> } };

export type ConsoleCustomerApprovalPolicyQueryVariables = Exact<{
  bankId: string;
}>;


export type ConsoleCustomerApprovalPolicyQuery = { approvalPolicy: { bankId: string, pointsAdjustmentAbove: number | null } };

export type ConsoleAdjustPointsMutationVariables = Exact<{
  input: AdjustPointsInput;
}>;


export type ConsoleAdjustPointsMutation = { adjustPoints: { id: string, amount: number } };

export type ConsoleRequestPointsAdjustmentMutationVariables = Exact<{
  input: RequestApprovalInput;
}>;


export type ConsoleRequestPointsAdjustmentMutation = { requestApproval: { id: string, status: ApprovalStatus } };

export type ConsoleCustomerBenefitQuotasQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleCustomerBenefitQuotasQuery = { customer: { id: string, benefitQuotas: Array<{ periodKey: string, periodEndsAt: string, unitsAllowed: number, used: number, left: number, benefitRule: { id: string, name: string, quotaPeriod: QuotaPeriod | null } }> } };

export type ConsoleCustomerOrdersQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCustomerOrdersQuery = { customer: { id: string, orders: { edges: Array<{ node: { id: string, status: OrderStatus, totalPoints: number, cashFen: number, createdAt: string } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } };

export type ConsoleCustomerLedgerQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCustomerLedgerQuery = { customer: { id: string, points: { history: { edges: Array<{ node: { id: string, type: LedgerEntryType, track: PointsTrack, amount: number, heldDelta: number, source: string, reason: string | null, occurredAt: string } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } } };

export type ConsoleCustomerLotsQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCustomerLotsQuery = { customer: { id: string, points: { lots: { edges: Array<{ node: { id: string, amount: number, remaining: number, earnedAt: string, expiresAt: string | null } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } } };

export type ConsoleCustomerTierChangesQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCustomerTierChangesQuery = { customer: { id: string, tierChanges: { edges: Array<{ node: { id: string, kind: TierChangeKind, reason: TierChangeReason, at: string, tierPoints: number, fromTier: { id: string, name: string } | null, toTier: { id: string, name: string } | null } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } };

export type ConsoleCancelOrderMutationVariables = Exact<{
  input: CancelOrderInput;
}>;


export type ConsoleCancelOrderMutation = { cancelOrder: { id: string, status: OrderStatus, cancelledBy: ActedBy | null } };

export type ConsoleChangeShippingAddressMutationVariables = Exact<{
  input: ChangeShippingAddressInput;
}>;


export type ConsoleChangeShippingAddressMutation = { changeShippingAddress: { id: string, shippingAddressChangedBy: ActedBy | null } };

export type ConsoleRequestRefundMutationVariables = Exact<{
  input: RequestRefundInput;
}>;


export type ConsoleRequestRefundMutation = { requestRefund: { id: string, state: RefundState, requestedBy: ActedBy } };

export type ConsoleWithdrawUnshippedUnitsMutationVariables = Exact<{
  input: WithdrawUnshippedUnitsInput;
}>;


export type ConsoleWithdrawUnshippedUnitsMutation = { withdrawUnshippedUnits: { id: string, state: RefundState, requestedBy: ActedBy } };

export type ConsoleOrderQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleOrderQuery = { order: { id: string, status: OrderStatus, createdAt: string, paidAt: string | null, paymentRef: string | null, failureReason: string | null, cancelledBy: ActedBy | null, shippingAddressChangedBy: ActedBy | null, totalPoints: number, cashFen: number, pointsAppliedToCash: number, pointsValueFen: number, customer: { id: string, externalRef: string }, shippingAddress: { recipient: string, phone: string, province: string, city: string, district: string, detail: string, postalCode: string | null } | null, supplierOrders: Array<{ id: string, status: SupplierOrderStatus, supplier: { id: string, name: string }, lines: Array<{ id: string, title: string, kind: OrderLineKind, quantity: number, refundedQuantity: number, unitFen: number, unitPoints: number }>, shipments: Array<{ id: string, trackingNumber: string, status: ShipmentStatus, shippedAt: string, deliveredAt: string | null, carrier: { id: string, name: string } }> }>, virtualDeliveries: Array<{ id: string, orderLineId: string, deliveredAt: string, expiresAt: string | null, revealCount: number }>, perkDeliveries: Array<{ id: string, orderLineId: string, unitIndex: number, mode: DeliveryMode, state: PerkDeliveryState, failureReason: string | null, settledAt: string | null }>, refunds: Array<{ id: string, state: RefundState, cause: RefundCause, requestedBy: ActedBy, supplierOrderId: string, reason: string, rejectionReason: string | null, pointsRefunded: number, cashRefundFen: number, createdAt: string, decidedAt: string | null }> } };

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

export type ConsolePlatformBanksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsolePlatformBanksQuery = { banks: { edges: Array<{ node: { id: string, code: string, name: string, timeZone: string, pointsPerYuan: number, maxPointsShareBp: number, settlementTermDays: number, malls: Array<{ id: string, name: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsolePlatformCreateBankMutationVariables = Exact<{
  input: CreateBankInput;
}>;


export type ConsolePlatformCreateBankMutation = { createBank: { bank: { id: string, code: string } } };

export type ConsolePlatformUpdateBankMutationVariables = Exact<{
  input: UpdateBankInput;
}>;


export type ConsolePlatformUpdateBankMutation = { updateBank: { bank: { id: string } } };

export type ConsolePlatformCreateMallMutationVariables = Exact<{
  input: CreateMallInput;
}>;


export type ConsolePlatformCreateMallMutation = { createMall: { mall: { id: string, name: string } } };

export type ConsolePlatformUpdateMallMutationVariables = Exact<{
  input: UpdateMallInput;
}>;


export type ConsolePlatformUpdateMallMutation = { updateMall: { mall: { id: string, name: string } } };

export type ConsolePlatformCarriersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsolePlatformCarriersQuery = { carrierPage: { edges: Array<{ node: { id: string, code: string, name: string, active: boolean, previousSecretUntil: string | null } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsolePlatformRegisterCarrierMutationVariables = Exact<{
  input: RegisterCarrierInput;
}>;


export type ConsolePlatformRegisterCarrierMutation = { registerCarrier: { callbackSecret: string, carrier: { id: string, code: string } } };

export type ConsolePlatformUpdateCarrierMutationVariables = Exact<{
  input: UpdateCarrierInput;
}>;


export type ConsolePlatformUpdateCarrierMutation = { updateCarrier: { carrier: { id: string, name: string, active: boolean } } };

export type ConsolePlatformRotateCarrierSecretMutationVariables = Exact<{
  input: RotateCarrierSecretInput;
}>;


export type ConsolePlatformRotateCarrierSecretMutation = { rotateCarrierSecret: { callbackSecret: string, carrier: { id: string, code: string, previousSecretUntil: string | null } } };

export type ConsolePlatformCategoryLevelQueryVariables = Exact<{
  parentId?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsolePlatformCategoryLevelQuery = { categoryLevel: { edges: Array<{ node: { id: string, name: string, path: string } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsolePlatformRenameCategoryMutationVariables = Exact<{
  input: RenameCategoryInput;
}>;


export type ConsolePlatformRenameCategoryMutation = { renameCategory: { category: { id: string, name: string } } };

export type ConsolePlatformCreateCategoryMutationVariables = Exact<{
  input: CreateCategoryInput;
}>;


export type ConsolePlatformCreateCategoryMutation = { createCategory: { category: { id: string, name: string, path: string } } };

export type ConsoleMarketplaceTotalsQueryVariables = Exact<{
  input: MarketplaceSalesInput;
}>;


export type ConsoleMarketplaceTotalsQuery = { marketplaceSales: { fromDay: string, toDay: string, orders: number, gmvCashFen: number, gmvPointsValueFen: number, gmvFen: number, supplierSalesFen: number }, poolHealth: { skusOnSale: number, outOfStock: number, cardPoolsRunningDry: number, cardPoolsEmpty: number, computedAt: string } };

export type ConsoleMarketplaceByBankQueryVariables = Exact<{
  input: MarketplaceSalesInput;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleMarketplaceByBankQuery = { marketplaceGmvByBank: { edges: Array<{ node: { bankId: string, orders: number, gmvCashFen: number, gmvPointsValueFen: number, gmvFen: number, bank: { id: string, name: string, code: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleMarketplaceBySupplierQueryVariables = Exact<{
  input: MarketplaceSalesInput;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleMarketplaceBySupplierQuery = { marketplaceSalesBySupplier: { edges: Array<{ node: { supplierId: string, orders: number, units: number, salesFen: number, supplier: { id: string, name: string, code: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleMarketplaceDryPoolsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleMarketplaceDryPoolsQuery = { virtualCardKinds: { edges: Array<{ node: { id: string, name: string, faceValueFen: number, lowPoolThreshold: number, pool: { available: number } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleReturnWindowLevelQueryVariables = Exact<{
  parentId?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleReturnWindowLevelQuery = { categoryLevel: { edges: Array<{ node: { id: string, name: string, path: string, returnDays: number | null } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleSetCategoryReturnPolicyMutationVariables = Exact<{
  input: SetCategoryReturnPolicyInput;
}>;


export type ConsoleSetCategoryReturnPolicyMutation = { setCategoryReturnPolicy: { category: { id: string, returnDays: number | null } } };

export type ConsolePlatformApplicationsQueryVariables = Exact<{
  status: SupplierApplicationStatus;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsolePlatformApplicationsQuery = { supplierApplications: { edges: Array<{ node: { id: string, companyName: string, supplierCode: string, registrationNumber: string | null, contactName: string | null, contactEmail: string | null, contactPhone: string | null, note: string | null, status: SupplierApplicationStatus, rejectionReason: string | null, createdAt: string, decidedAt: string | null, newBrandNames: Array<string>, brands: Array<{ id: string, name: string }>, supplier: { id: string, name: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsolePlatformApproveApplicationMutationVariables = Exact<{
  input: ApproveSupplierApplicationInput;
}>;


export type ConsolePlatformApproveApplicationMutation = { approveSupplierApplication: { supplier: { id: string, name: string } } };

export type ConsolePlatformRejectApplicationMutationVariables = Exact<{
  input: RejectSupplierApplicationInput;
}>;


export type ConsolePlatformRejectApplicationMutation = { rejectSupplierApplication: { supplierApplication: { id: string, status: SupplierApplicationStatus } } };

export type ConsolePlatformBrandProposalsQueryVariables = Exact<{
  status: BrandProposalStatus;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsolePlatformBrandProposalsQuery = { brandProposals: { edges: Array<{ node: { id: string, name: string, note: string | null, status: BrandProposalStatus, rejectionReason: string | null, createdAt: string, supplier: { id: string, name: string, code: string }, brand: { id: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsolePlatformApproveBrandProposalMutationVariables = Exact<{
  input: ApproveBrandProposalInput;
}>;


export type ConsolePlatformApproveBrandProposalMutation = { approveBrandProposal: { brand: { id: string, name: string } } };

export type ConsolePlatformRejectBrandProposalMutationVariables = Exact<{
  input: RejectBrandProposalInput;
}>;


export type ConsolePlatformRejectBrandProposalMutation = { rejectBrandProposal: { brandProposal: { id: string, status: BrandProposalStatus } } };

export type ConsolePlatformSuppliersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsolePlatformSuppliersQuery = { suppliers: { edges: Array<{ node: { id: string, code: string, name: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsolePlatformBrandsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsolePlatformBrandsQuery = { brands: { edges: Array<{ node: { id: string, name: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsolePlatformAuthorizedBrandsQueryVariables = Exact<{
  supplierId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsolePlatformAuthorizedBrandsQuery = { authorizedBrands: { edges: Array<{ node: { id: string, name: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsolePlatformAuthorizeBrandsMutationVariables = Exact<{
  input: AuthorizeSupplierBrandsInput;
}>;


export type ConsolePlatformAuthorizeBrandsMutation = { authorizeSupplierBrands: { supplier: { id: string } } };

export type ConsolePlatformCreateBrandMutationVariables = Exact<{
  input: CreateBrandInput;
}>;


export type ConsolePlatformCreateBrandMutation = { createBrand: { brand: { id: string, name: string } } };

export type ConsoleAdvanceBanksQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAdvanceBanksQuery = { banks: { edges: Array<{ node: { id: string, name: string } }> } };

export type ConsoleAdvanceExposureQueryVariables = Exact<{
  bankId?: string | null | undefined;
}>;


export type ConsoleAdvanceExposureQuery = { advanceExposure: Array<{ bankId: string, exposureFen: number, availableFen: number, heldCount: number, heldFen: number, terms: { enabled: boolean, exposureCapFen: number, repaymentTermDays: number } | null, suppliers: Array<{ supplierId: string, paidFen: number, heldFen: number }>, heldPayouts: Array<{ id: string, orderLineId: string, statementId: string, supplierId: string, amountFen: number, createdAt: string }> }> };

export type AdvanceExposurePartsFragment = { bankId: string, exposureFen: number, availableFen: number, heldCount: number, heldFen: number, terms: { enabled: boolean, exposureCapFen: number, repaymentTermDays: number } | null, suppliers: Array<{ supplierId: string, paidFen: number, heldFen: number }>, heldPayouts: Array<{ id: string, orderLineId: string, statementId: string, supplierId: string, amountFen: number, createdAt: string }> };

export type ConsoleSetAdvanceTermsMutationVariables = Exact<{
  bankId: string;
  input: AdvancePaymentTermsInput;
}>;


export type ConsoleSetAdvanceTermsMutation = { setAdvancePaymentTerms: { bankId: string } };

export type ConsoleReleaseHeldPayoutsMutationVariables = Exact<{
  bankId: string;
}>;


export type ConsoleReleaseHeldPayoutsMutation = { releaseHeldAdvancePayouts: { bankId: string } };

export type ConsoleSettlementAgeingQueryVariables = Exact<{
  asOf?: string | null | undefined;
}>;


export type ConsoleSettlementAgeingQuery = { settlementAgeing: { asOf: string, rows: Array<{ bankId: string, supplierId: string, statements: number, notDueFen: number, days1To30Fen: number, days31To60Fen: number, days61To90Fen: number, over90Fen: number, outstandingFen: number }> } };

export type ConsoleCommissionSuppliersQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCommissionSuppliersQuery = { suppliers: { edges: Array<{ node: { id: string, name: string } }> } };

export type ConsoleCommissionRatesQueryVariables = Exact<{
  supplierId: string;
}>;


export type ConsoleCommissionRatesQuery = { commissionRates: Array<{ id: string, categoryId: string | null, rateBp: number, validFrom: string, validTo: string | null }> };

export type ConsoleCommissionCategoriesQueryVariables = Exact<{
  parentId?: string | null | undefined;
}>;


export type ConsoleCommissionCategoriesQuery = { categories: Array<{ id: string, name: string }> };

export type ConsoleSetCommissionRateMutationVariables = Exact<{
  input: SetCommissionRateInput;
}>;


export type ConsoleSetCommissionRateMutation = { setCommissionRate: { id: string } };

export type ConsoleEndCommissionRateMutationVariables = Exact<{
  id: string;
  validTo: string;
}>;


export type ConsoleEndCommissionRateMutation = { endCommissionRate: { id: string, validTo: string | null } };

export type ConsoleExportSettlementQueryVariables = Exact<{
  input: SettlementExportInput;
}>;


export type ConsoleExportSettlementQuery = { exportSettlement: { filename: string, contentType: string, base64: string, rowCount: number } };

export type ConsoleInvoiceStatementsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleInvoiceStatementsQuery = { settlementStatements: { edges: Array<{ node: { id: string, bankId: string, period: string, status: SettlementStatus, totalFen: number } }> } };

export type ConsoleStatementInvoicesPartsFragment = { totalFen: number, invoicedFen: number, differenceFen: number, flags: Array<SettlementInvoiceFlag>, reimbursable: boolean, checkedAt: string | null, statement: { id: string, bankId: string, supplierId: string, period: string, status: SettlementStatus }, invoices: Array<{ id: string, number: string, code: string, amountFen: number, taxRateBp: number, taxFen: number, totalFen: number, expectedTaxFen: number, issuedOn: string, status: SettlementInvoiceStatus, flags: Array<SettlementInvoiceFlag>, voidReason: string | null }> };

export type ConsoleStatementInvoicesQueryVariables = Exact<{
  statementId: string;
}>;


export type ConsoleStatementInvoicesQuery = { statementInvoices: { totalFen: number, invoicedFen: number, differenceFen: number, flags: Array<SettlementInvoiceFlag>, reimbursable: boolean, checkedAt: string | null, statement: { id: string, bankId: string, supplierId: string, period: string, status: SettlementStatus }, invoices: Array<{ id: string, number: string, code: string, amountFen: number, taxRateBp: number, taxFen: number, totalFen: number, expectedTaxFen: number, issuedOn: string, status: SettlementInvoiceStatus, flags: Array<SettlementInvoiceFlag>, voidReason: string | null }> } };

export type ConsoleRecordStatementInvoiceMutationVariables = Exact<{
  statementId: string;
  input: RecordStatementInvoiceInput;
}>;


export type ConsoleRecordStatementInvoiceMutation = { recordStatementInvoice: { invoice: { id: string, status: SettlementInvoiceStatus } } };

export type ConsoleVoidStatementInvoiceMutationVariables = Exact<{
  input: VoidStatementInvoiceInput;
}>;


export type ConsoleVoidStatementInvoiceMutation = { voidStatementInvoice: { flags: Array<SettlementInvoiceFlag> } };

export type ConsoleCheckStatementInvoicesMutationVariables = Exact<{
  statementId: string;
}>;


export type ConsoleCheckStatementInvoicesMutation = { checkStatementInvoices: { flags: Array<SettlementInvoiceFlag> } };

export type ConsoleFlaggedInvoiceStatementsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ConsoleFlaggedInvoiceStatementsQuery = { flaggedInvoiceStatements: { edges: Array<{ node: { totalFen: number, invoicedFen: number, differenceFen: number, flags: Array<SettlementInvoiceFlag>, reimbursable: boolean, checkedAt: string | null, statement: { id: string, bankId: string, supplierId: string, period: string, status: SettlementStatus }, invoices: Array<{ id: string, number: string, code: string, amountFen: number, taxRateBp: number, taxFen: number, totalFen: number, expectedTaxFen: number, issuedOn: string, status: SettlementInvoiceStatus, flags: Array<SettlementInvoiceFlag>, voidReason: string | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleReimbursableStatementsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ConsoleReimbursableStatementsQuery = { reimbursableStatements: { edges: Array<{ node: { totalFen: number, invoicedFen: number, differenceFen: number, flags: Array<SettlementInvoiceFlag>, reimbursable: boolean, checkedAt: string | null, statement: { id: string, bankId: string, supplierId: string, period: string, status: SettlementStatus }, invoices: Array<{ id: string, number: string, code: string, amountFen: number, taxRateBp: number, taxFen: number, totalFen: number, expectedTaxFen: number, issuedOn: string, status: SettlementInvoiceStatus, flags: Array<SettlementInvoiceFlag>, voidReason: string | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleReconciliationStatementsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleReconciliationStatementsQuery = { settlementStatements: { edges: Array<{ node: { id: string, bankId: string, supplierId: string, period: string, status: SettlementStatus, totalFen: number } }> } };

export type ConsoleStatementReconciliationsQueryVariables = Exact<{
  statementId: string;
}>;


export type ConsoleStatementReconciliationsQuery = { statementReconciliations: Array<{ id: string, statementId: string, filename: string, uploadedBy: string, createdAt: string, billRowCount: number, ourQuantity: number, theirQuantity: number, ourTotalFen: number, theirTotalFen: number, differenceFen: number, matchedCount: number, amountDifferenceCount: number, missingOnSupplierBillCount: number, missingInPerkmallCount: number }> };

export type ConsoleReconciliationRunSummaryFragment = { id: string, statementId: string, filename: string, uploadedBy: string, createdAt: string, billRowCount: number, ourQuantity: number, theirQuantity: number, ourTotalFen: number, theirTotalFen: number, differenceFen: number, matchedCount: number, amountDifferenceCount: number, missingOnSupplierBillCount: number, missingInPerkmallCount: number };

export type ConsoleStatementReconciliationQueryVariables = Exact<{
  statementReconciliationId: string;
}>;


export type ConsoleStatementReconciliationQuery = { statementReconciliation: { id: string, statementId: string, filename: string, uploadedBy: string, createdAt: string, billRowCount: number, ourQuantity: number, theirQuantity: number, ourTotalFen: number, theirTotalFen: number, differenceFen: number, matchedCount: number, amountDifferenceCount: number, missingOnSupplierBillCount: number, missingInPerkmallCount: number, amountDifferences: Array<{ orderReference: string, supplierOrderId: string | null, ourQuantity: number | null, ourAmountFen: number | null, theirQuantity: number | null, theirAmountFen: number | null, amountDifferenceFen: number, quantityDifference: number, billRows: Array<number> }>, missingOnSupplierBill: Array<{ orderReference: string, supplierOrderId: string | null, ourQuantity: number | null, ourAmountFen: number | null, theirQuantity: number | null, theirAmountFen: number | null, amountDifferenceFen: number, quantityDifference: number, billRows: Array<number> }>, missingInPerkmall: Array<{ orderReference: string, supplierOrderId: string | null, ourQuantity: number | null, ourAmountFen: number | null, theirQuantity: number | null, theirAmountFen: number | null, amountDifferenceFen: number, quantityDifference: number, billRows: Array<number> }> } };

export type ConsoleReconciliationRunFragment = { id: string, statementId: string, filename: string, uploadedBy: string, createdAt: string, billRowCount: number, ourQuantity: number, theirQuantity: number, ourTotalFen: number, theirTotalFen: number, differenceFen: number, matchedCount: number, amountDifferenceCount: number, missingOnSupplierBillCount: number, missingInPerkmallCount: number, amountDifferences: Array<{ orderReference: string, supplierOrderId: string | null, ourQuantity: number | null, ourAmountFen: number | null, theirQuantity: number | null, theirAmountFen: number | null, amountDifferenceFen: number, quantityDifference: number, billRows: Array<number> }>, missingOnSupplierBill: Array<{ orderReference: string, supplierOrderId: string | null, ourQuantity: number | null, ourAmountFen: number | null, theirQuantity: number | null, theirAmountFen: number | null, amountDifferenceFen: number, quantityDifference: number, billRows: Array<number> }>, missingInPerkmall: Array<{ orderReference: string, supplierOrderId: string | null, ourQuantity: number | null, ourAmountFen: number | null, theirQuantity: number | null, theirAmountFen: number | null, amountDifferenceFen: number, quantityDifference: number, billRows: Array<number> }> };

export type ConsoleReconciliationEntryFragment = { orderReference: string, supplierOrderId: string | null, ourQuantity: number | null, ourAmountFen: number | null, theirQuantity: number | null, theirAmountFen: number | null, amountDifferenceFen: number, quantityDifference: number, billRows: Array<number> };

export type ConsoleReconcileSupplierBillMutationVariables = Exact<{
  statementId: string;
  file: SupplierBillFileInput;
}>;


export type ConsoleReconcileSupplierBillMutation = { reconcileSupplierBill: { id: string } };

export type ConsoleSettlementStatementQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleSettlementStatementQuery = { settlementStatement: { id: string, period: string, bankId: string, supplierId: string, status: SettlementStatus, totalFen: number, commissionFen: number, paidFen: number, issuedAt: string | null, dueOn: string | null, confirmedAt: string | null, settledAt: string | null, figures: { deliveredFen: number, refundedFen: number, supplierDiscountsFen: number, coFundingFen: number, adjustmentsFen: number, totalOwedFen: number, commissionFen: number, supplierReceivesFen: number, paidFen: number, outstandingFen: number, lineCount: number }, payments: Array<{ id: string, reference: string, paidOn: string, amountFen: number, recordedAt: string }>, disputes: Array<{ id: string, lineId: string, reason: string, raisedAt: string, resolvedAt: string | null, resolutionLineId: string | null, rejectReason: string | null }> } };

export type ConsoleStatementLinesQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleStatementLinesQuery = { settlementStatement: { id: string, lines: { edges: Array<{ node: { id: string, kind: SettlementLineKind, orderId: string, orderLineId: string, quantity: number, amountFen: number, refundId: string | null, adjustsLineId: string | null, note: string | null, occurredAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type ConsoleIssueStatementMutationVariables = Exact<{
  statementId: string;
}>;


export type ConsoleIssueStatementMutation = { issueStatement: { id: string, status: SettlementStatus } };

export type ConsoleReissueStatementMutationVariables = Exact<{
  statementId: string;
}>;


export type ConsoleReissueStatementMutation = { reissueStatement: { id: string, status: SettlementStatus } };

export type ConsoleConfirmStatementMutationVariables = Exact<{
  statementId: string;
}>;


export type ConsoleConfirmStatementMutation = { confirmStatement: { id: string, status: SettlementStatus } };

export type ConsoleDisputeStatementLinesMutationVariables = Exact<{
  statementId: string;
  lines: Array<DisputedLineInput> | DisputedLineInput;
}>;


export type ConsoleDisputeStatementLinesMutation = { disputeStatementLines: { id: string, status: SettlementStatus } };

export type ConsoleAdjustStatementMutationVariables = Exact<{
  statementId: string;
  input: AdjustStatementInput;
}>;


export type ConsoleAdjustStatementMutation = { adjustStatement: { id: string, status: SettlementStatus } };

export type ConsoleRejectStatementDisputeMutationVariables = Exact<{
  input: RejectStatementDisputeInput;
}>;


export type ConsoleRejectStatementDisputeMutation = { rejectStatementDispute: { id: string, status: SettlementStatus } };

export type ConsoleRecordStatementPaymentMutationVariables = Exact<{
  statementId: string;
  input: StatementPaymentInput;
}>;


export type ConsoleRecordStatementPaymentMutation = { recordStatementPayment: { id: string, status: SettlementStatus } };

export type ConsoleSettlementStatementsQueryVariables = Exact<{
  status?: SettlementStatus | null | undefined;
  period?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleSettlementStatementsQuery = { settlementStatements: { edges: Array<{ node: { id: string, period: string, bankId: string, supplierId: string, status: SettlementStatus, totalFen: number, paidFen: number, dueOn: string | null, figures: { outstandingFen: number } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleIssueStatementsMutationVariables = Exact<{
  period: string;
}>;


export type ConsoleIssueStatementsMutation = { issueStatements: { notYetEnded: number, remaining: number, issued: Array<{ id: string }> } };

export type ConsoleCreateCardKindMutationVariables = Exact<{
  input: CreateVirtualCardKindInput;
}>;


export type ConsoleCreateCardKindMutation = { createVirtualCardKind: { virtualCardKind: { id: string, name: string } } };

export type ConsoleUpdateCardKindMutationVariables = Exact<{
  input: UpdateVirtualCardKindInput;
}>;


export type ConsoleUpdateCardKindMutation = { updateVirtualCardKind: { virtualCardKind: { id: string, name: string, faceValueFen: number, validityDays: number, lowPoolThreshold: number } } };

export type ConsoleCardPoolsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  depletingOnly?: boolean | null | undefined;
}>;


export type ConsoleCardPoolsQuery = { virtualCardKinds: { edges: Array<{ node: { id: string, name: string, faceValueFen: number, validityDays: number, lowPoolThreshold: number, skus: Array<{ id: string, code: string }>, pool: { available: number, reserved: number, issued: number, depleting: boolean }, forecast: { windowDays: number, issued: number, dailyIssueRate: number, daysLeft: number | null } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleUploadCodesMutationVariables = Exact<{
  input: UploadCodesInput;
}>;


export type ConsoleUploadCodesMutation = { uploadCodes: { inserted: number, duplicates: Array<{ index: number | null }>, virtualCardKind: { id: string, pool: { available: number } } } };

export type ConsoleSetLowPoolThresholdMutationVariables = Exact<{
  input: SetLowPoolThresholdInput;
}>;


export type ConsoleSetLowPoolThresholdMutation = { setLowPoolThreshold: { virtualCardKind: { id: string, lowPoolThreshold: number, pool: { depleting: boolean } } } };

export type ConsoleProductCategoriesQueryVariables = Exact<{
  parentId?: string | null | undefined;
}>;


export type ConsoleProductCategoriesQuery = { categories: Array<{ id: string, name: string }> };

export type ConsoleSupplierOrdersToFillQueryVariables = Exact<{
  supplierId: string;
  status?: SupplierOrderStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleSupplierOrdersToFillQuery = { supplier: { id: string, supplierOrders: { edges: Array<{ node: { id: string, status: SupplierOrderStatus, createdAt: string, lines: Array<{ id: string, kind: OrderLineKind, title: string, quantity: number, refundedQuantity: number }>, order: { id: string, refunds: Array<{ id: string, supplierOrderId: string, cause: RefundCause, state: RefundState, reason: string, pointsRefunded: number, cashRefundFen: number, lines: Array<{ orderLineId: string, quantity: number }> }> } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } };

export type ConsoleCancelSupplierOrderLinesMutationVariables = Exact<{
  input: CancelSupplierOrderLinesInput;
}>;


export type ConsoleCancelSupplierOrderLinesMutation = { cancelSupplierOrderLines: { id: string, state: RefundState, pointsRefunded: number, cashRefundFen: number } };

export type ConsoleStartSkuImportMutationVariables = Exact<{
  input: StartSkuImportInput;
}>;


export type ConsoleStartSkuImportMutation = { startSkuImport: { skuImport: { id: string, status: SkuImportStatus } } };

export type ConsoleSkuImportQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleSkuImportQuery = { skuImport: { id: string, status: SkuImportStatus, fileName: string, rowsTotal: number, rowsChecked: number, rowsWritten: number, rowsRefused: number, created: number, updated: number, problemCount: number, message: string | null, problems: Array<{ row: number, column: string, reason: string }> } };

export type ConsoleSupplierProductsQueryVariables = Exact<{
  filter?: ProductFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleSupplierProductsQuery = { supplierProducts: { edges: Array<{ node: { id: string, code: string, title: string, description: string, images: Array<string>, skuCount: number, skusOnSale: number, attributes: Array<{ name: string, value: string }>, brand: { id: string, name: string }, category: { id: string, name: string } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleProductSkusQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleProductSkusQuery = { product: { id: string, skus: Array<{ id: string, code: string, title: string, status: SkuStatus, stock: { available: number } }> } };

export type ConsoleSaveProductMutationVariables = Exact<{
  input: UpdateProductInput;
}>;


export type ConsoleSaveProductMutation = { updateProduct: { product: { id: string, title: string } } };

export type ConsoleSupplierSkusQueryVariables = Exact<{
  supplierId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleSupplierSkusQuery = { supplier: { id: string, skus: { edges: Array<{ node: { id: string, code: string, title: string, kind: SkuKind, status: SkuStatus, supplierPriceFen: number | null, listPriceFen: number, weightGrams: number, barcode: string | null, specs: Array<{ name: string, value: string }>, stock: { available: number }, product: { id: string, code: string, title: string, images: Array<string> } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } };

export type ConsoleUpdateSkuMutationVariables = Exact<{
  input: UpdateSkuInput;
}>;


export type ConsoleUpdateSkuMutation = { updateSku: { sku: { id: string, status: SkuStatus, supplierPriceFen: number | null, listPriceFen: number } } };

export type ConsoleCreateSkuMutationVariables = Exact<{
  input: CreateSkuInput;
}>;


export type ConsoleCreateSkuMutation = { createSku: { sku: { id: string, code: string } } };

export type ConsoleUpdateProductMutationVariables = Exact<{
  input: UpdateProductInput;
}>;


export type ConsoleUpdateProductMutation = { updateProduct: { product: { id: string, title: string, images: Array<string> } } };

export type ConsoleCreateProductMutationVariables = Exact<{
  input: CreateProductInput;
}>;


export type ConsoleCreateProductMutation = { createProduct: { product: { id: string, code: string } } };

export type ConsoleAuthorizedBrandsQueryVariables = Exact<{
  supplierId: string;
}>;


export type ConsoleAuthorizedBrandsQuery = { authorizedBrands: { edges: Array<{ node: { id: string, name: string } }> } };

export type ConsoleSupplierScorecardQueryVariables = Exact<{
  input: SupplierScorecardInput;
}>;


export type ConsoleSupplierScorecardQuery = { supplierScorecard: { supplierId: string, fromDay: string, toDay: string, total: { periodStart: string, supplierOrders: number, cancellations: number, supplierOrdersWithCancellations: number, cancelledLines: number, cancelledUnits: number, cancelRateBp: number | null, refunds: number, refundedUnits: number, refundedPoints: number, refundedCashFen: number }, periods: Array<{ periodStart: string, supplierOrders: number, cancellations: number, supplierOrdersWithCancellations: number, cancelledLines: number, cancelledUnits: number, cancelRateBp: number | null, refunds: number, refundedUnits: number, refundedPoints: number, refundedCashFen: number }> } };

export type ConsoleScorecardFiguresFragment = { periodStart: string, supplierOrders: number, cancellations: number, supplierOrdersWithCancellations: number, cancelledLines: number, cancelledUnits: number, cancelRateBp: number | null, refunds: number, refundedUnits: number, refundedPoints: number, refundedCashFen: number };

export type ConsoleScorecardSuppliersQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleScorecardSuppliersQuery = { suppliers: { edges: Array<{ node: { id: string, code: string, name: string } }> } };

export type ConsoleShippingOrdersQueryVariables = Exact<{
  supplierId: string;
  filter?: SupplierOrderFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleShippingOrdersQuery = { supplier: { id: string, supplierOrders: { edges: Array<{ node: { id: string, status: SupplierOrderStatus, createdAt: string, order: { id: string, shippingAddress: { recipient: string, phone: string, province: string, city: string, district: string, detail: string } | null }, fulfilment: { id: string, status: FulfilmentStatus, lines: Array<{ orderLineId: string, title: string, quantity: number, shippedQuantity: number, withdrawnQuantity: number, sku: { id: string, code: string } }> } | null, shipments: Array<{ id: string, trackingNumber: string, status: ShipmentStatus, carrier: { code: string, name: string }, lines: Array<{ orderLineId: string, quantity: number }> }> } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } };

export type ConsoleSupplierPickListQueryVariables = Exact<{
  supplierId: string;
  filter?: PickListFilterInput | null | undefined;
}>;


export type ConsoleSupplierPickListQuery = { supplierPickList: { skus: number, units: number, orders: number, truncated: boolean, lines: Array<{ title: string, units: number, orders: number, sku: { id: string, code: string } }> } };

export type ConsoleShippingCarriersQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleShippingCarriersQuery = { carriers: Array<{ code: string, name: string }> };

export type ConsoleShipSupplierOrderMutationVariables = Exact<{
  input: ShipSupplierOrderInput;
}>;


export type ConsoleShipSupplierOrderMutation = { shipSupplierOrder: { shipment: { id: string, trackingNumber: string }, fulfilment: { id: string, status: FulfilmentStatus } } };

export type ConsolePackingSlipQueryVariables = Exact<{
  supplierOrderId: string;
}>;


export type ConsolePackingSlipQuery = { supplierOrderPackingSlip: { fileName: string, contentBase64: string } };

export type ConsoleStockSkusQueryVariables = Exact<{
  supplierId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleStockSkusQuery = { supplier: { id: string, skus: { edges: Array<{ node: { id: string, code: string, title: string, kind: SkuKind, stock: { available: number, reserved: number, lowStock: boolean, lowStockThreshold: number, updatedAt: string } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } };

export type ConsoleStockSkuFragment = { id: string, code: string, title: string, kind: SkuKind, stock: { available: number, reserved: number, lowStock: boolean, lowStockThreshold: number, updatedAt: string } };

export type ConsoleLowStockSkusQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleLowStockSkusQuery = { lowStockSkus: { edges: Array<{ node: { id: string, code: string, title: string, kind: SkuKind, stock: { available: number, reserved: number, lowStock: boolean, lowStockThreshold: number, updatedAt: string } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ConsoleStockAdjustmentsQueryVariables = Exact<{
  skuId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleStockAdjustmentsQuery = { sku: { id: string, stock: { adjustments: { edges: Array<{ node: { id: string, createdAt: string, actor: string, mode: StockAdjustmentMode, delta: number, availableBefore: number, availableAfter: number, reason: string } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } } };

export type ConsoleAdjustStockMutationVariables = Exact<{
  input: AdjustStockInput;
}>;


export type ConsoleAdjustStockMutation = { adjustStock: { stock: { available: number }, adjustment: { id: string } } };

export type ConsoleSegmentsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleSegmentsQuery = { bank: { id: string, segments: { edges: Array<{ node: { id: string, name: string, memberCount: number, updatedAt: string, rules: { genders: Array<Gender> | null, birthYearFrom: number | null, birthYearTo: number | null, cities: Array<string> | null, minAssetBand: number | null, maxAssetBand: number | null, tagsAny: Array<string> | null } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } };

export type ConsoleCreateSegmentMutationVariables = Exact<{
  input: CreateSegmentInput;
}>;


export type ConsoleCreateSegmentMutation = { createSegment: { segment: { id: string, memberCount: number } } };

export type ConsoleUpdateSegmentMutationVariables = Exact<{
  input: UpdateSegmentInput;
}>;


export type ConsoleUpdateSegmentMutation = { updateSegment: { segment: { id: string, memberCount: number } } };

export type ConsoleTierEvaluationSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleTierEvaluationSettingsQuery = { bank: { id: string, timeZone: string, tierPeriodMonths: number, tierGraceDays: number } };

export type ConsoleSetTierEvaluationSettingsMutationVariables = Exact<{
  input: SetTierEvaluationSettingsInput;
}>;


export type ConsoleSetTierEvaluationSettingsMutation = { setTierEvaluationSettings: { bank: { id: string, tierPeriodMonths: number, tierGraceDays: number } } };

export type ConsoleTiersQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleTiersQuery = { bank: { id: string, tiers: Array<{ id: string, name: string, rank: number, minTierPoints: number, benefits: Array<string>, createdAt: string }> } };

export type ConsoleCreateTierMutationVariables = Exact<{
  input: CreateTierInput;
}>;


export type ConsoleCreateTierMutation = { createTier: { tier: { id: string } } };

export type ConsoleUpdateTierMutationVariables = Exact<{
  input: UpdateTierInput;
}>;


export type ConsoleUpdateTierMutation = { updateTier: { tier: { id: string } } };

export type ConsoleDeleteTierMutationVariables = Exact<{
  input: DeleteTierInput;
}>;


export type ConsoleDeleteTierMutation = { deleteTier: { deletedTierId: string, customersRetiered: number } };

export type ConsoleCreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type ConsoleCreateWebhookEndpointMutation = { createWebhookEndpoint: { secret: string, webhookEndpoint: { id: string, url: string } } };

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
export const AdvanceExposurePartsFragmentDoc = new TypedDocumentString(`
    fragment AdvanceExposureParts on AdvanceExposure {
  bankId
  exposureFen
  availableFen
  heldCount
  heldFen
  terms {
    enabled
    exposureCapFen
    repaymentTermDays
  }
  suppliers {
    supplierId
    paidFen
    heldFen
  }
  heldPayouts {
    id
    orderLineId
    statementId
    supplierId
    amountFen
    createdAt
  }
}
    `, {"fragmentName":"AdvanceExposureParts"}) as unknown as TypedDocumentString<AdvanceExposurePartsFragment, unknown>;
export const ConsoleStatementInvoicesPartsFragmentDoc = new TypedDocumentString(`
    fragment ConsoleStatementInvoicesParts on StatementInvoices {
  statement {
    id
    bankId
    supplierId
    period
    status
  }
  totalFen
  invoicedFen
  differenceFen
  flags
  reimbursable
  checkedAt
  invoices {
    id
    number
    code
    amountFen
    taxRateBp
    taxFen
    totalFen
    expectedTaxFen
    issuedOn
    status
    flags
    voidReason
  }
}
    `, {"fragmentName":"ConsoleStatementInvoicesParts"}) as unknown as TypedDocumentString<ConsoleStatementInvoicesPartsFragment, unknown>;
export const ConsoleReconciliationRunSummaryFragmentDoc = new TypedDocumentString(`
    fragment ConsoleReconciliationRunSummary on StatementReconciliation {
  id
  statementId
  filename
  uploadedBy
  createdAt
  billRowCount
  ourQuantity
  theirQuantity
  ourTotalFen
  theirTotalFen
  differenceFen
  matchedCount
  amountDifferenceCount
  missingOnSupplierBillCount
  missingInPerkmallCount
}
    `, {"fragmentName":"ConsoleReconciliationRunSummary"}) as unknown as TypedDocumentString<ConsoleReconciliationRunSummaryFragment, unknown>;
export const ConsoleReconciliationEntryFragmentDoc = new TypedDocumentString(`
    fragment ConsoleReconciliationEntry on ReconciliationEntry {
  orderReference
  supplierOrderId
  ourQuantity
  ourAmountFen
  theirQuantity
  theirAmountFen
  amountDifferenceFen
  quantityDifference
  billRows
}
    `, {"fragmentName":"ConsoleReconciliationEntry"}) as unknown as TypedDocumentString<ConsoleReconciliationEntryFragment, unknown>;
export const ConsoleReconciliationRunFragmentDoc = new TypedDocumentString(`
    fragment ConsoleReconciliationRun on StatementReconciliation {
  ...ConsoleReconciliationRunSummary
  amountDifferences {
    ...ConsoleReconciliationEntry
  }
  missingOnSupplierBill {
    ...ConsoleReconciliationEntry
  }
  missingInPerkmall {
    ...ConsoleReconciliationEntry
  }
}
    fragment ConsoleReconciliationRunSummary on StatementReconciliation {
  id
  statementId
  filename
  uploadedBy
  createdAt
  billRowCount
  ourQuantity
  theirQuantity
  ourTotalFen
  theirTotalFen
  differenceFen
  matchedCount
  amountDifferenceCount
  missingOnSupplierBillCount
  missingInPerkmallCount
}
fragment ConsoleReconciliationEntry on ReconciliationEntry {
  orderReference
  supplierOrderId
  ourQuantity
  ourAmountFen
  theirQuantity
  theirAmountFen
  amountDifferenceFen
  quantityDifference
  billRows
}`, {"fragmentName":"ConsoleReconciliationRun"}) as unknown as TypedDocumentString<ConsoleReconciliationRunFragment, unknown>;
export const ConsoleScorecardFiguresFragmentDoc = new TypedDocumentString(`
    fragment ConsoleScorecardFigures on SupplierScorecardPeriod {
  periodStart
  supplierOrders
  cancellations
  supplierOrdersWithCancellations
  cancelledLines
  cancelledUnits
  cancelRateBp
  refunds
  refundedUnits
  refundedPoints
  refundedCashFen
}
    `, {"fragmentName":"ConsoleScorecardFigures"}) as unknown as TypedDocumentString<ConsoleScorecardFiguresFragment, unknown>;
export const ConsoleStockSkuFragmentDoc = new TypedDocumentString(`
    fragment ConsoleStockSku on Sku {
  id
  code
  title
  kind
  stock {
    available
    reserved
    lowStock
    lowStockThreshold
    updatedAt
  }
}
    `, {"fragmentName":"ConsoleStockSku"}) as unknown as TypedDocumentString<ConsoleStockSkuFragment, unknown>;
export const ConsoleSignOutDocument = {"__meta__":{"hash":"sha256:6e7608a345ff873eb5b0b350257575fc378f5052f49c9454cad170bfd0d8d077"}} as unknown as TypedDocumentString<ConsoleSignOutMutation, ConsoleSignOutMutationVariables>;
export const ConsoleMeDocument = {"__meta__":{"hash":"sha256:92e2e06483c3eb8552f2f19d167194a20e90718dca5781ef4a2c7514140aab0d"}} as unknown as TypedDocumentString<ConsoleMeQuery, ConsoleMeQueryVariables>;
export const ConsoleApprovalsDocument = {"__meta__":{"hash":"sha256:435a08c6f5fe3a597608b466447ace9915700ad12d54253ad4fc8f7489809945"}} as unknown as TypedDocumentString<ConsoleApprovalsQuery, ConsoleApprovalsQueryVariables>;
export const ConsoleApproveRequestDocument = {"__meta__":{"hash":"sha256:f131106ba5a02aff37ca7cd35843e05658a582612e473c86bc940493968617a5"}} as unknown as TypedDocumentString<ConsoleApproveRequestMutation, ConsoleApproveRequestMutationVariables>;
export const ConsoleRejectRequestDocument = {"__meta__":{"hash":"sha256:3405e9fed25bd9886e3c773b9d6c3bb36bd5ff55bda419f819700e533d076f85"}} as unknown as TypedDocumentString<ConsoleRejectRequestMutation, ConsoleRejectRequestMutationVariables>;
export const ConsoleAuditTrailDocument = {"__meta__":{"hash":"sha256:14387c4d3f05a5cea461937fcd27563f0be373dab9b5539be2fd69a3659b77d0"}} as unknown as TypedDocumentString<ConsoleAuditTrailQuery, ConsoleAuditTrailQueryVariables>;
export const ConsoleBankEventFilesDocument = {"__meta__":{"hash":"sha256:c7f3f934472843ce7aaa5ba58d2c1f2a861396a6db5307627a6101fb56dc09f7"}} as unknown as TypedDocumentString<ConsoleBankEventFilesQuery, ConsoleBankEventFilesQueryVariables>;
export const ConsoleBankEventFileErrorsDocument = {"__meta__":{"hash":"sha256:8820b4952880858d8d3fa3d442a55a4771395f228d0ce689f7ac8ed498f2c94d"}} as unknown as TypedDocumentString<ConsoleBankEventFileErrorsQuery, ConsoleBankEventFileErrorsQueryVariables>;
export const ConsoleCreateBankEventFileDocument = {"__meta__":{"hash":"sha256:50dafd23b1d2e7bdd17c106c0dddd6cd3e661938835b3861a1103079ea3be8c8"}} as unknown as TypedDocumentString<ConsoleCreateBankEventFileMutation, ConsoleCreateBankEventFileMutationVariables>;
export const ConsoleBenefitRulesDocument = {"__meta__":{"hash":"sha256:63e70bb30890701420535a5e9a7eac1bd60f83580a281c48bc918f36765857d1"}} as unknown as TypedDocumentString<ConsoleBenefitRulesQuery, ConsoleBenefitRulesQueryVariables>;
export const ConsoleCreateBenefitRuleDocument = {"__meta__":{"hash":"sha256:26f2d55314a0a713170f460193cd9201c15eddf8dbe6da898ac73bc624656e7a"}} as unknown as TypedDocumentString<ConsoleCreateBenefitRuleMutation, ConsoleCreateBenefitRuleMutationVariables>;
export const ConsoleUpdateBenefitRuleDocument = {"__meta__":{"hash":"sha256:01530382ab3da8594b24bce343307710233c421c0b48b50037591fcc131ed3d2"}} as unknown as TypedDocumentString<ConsoleUpdateBenefitRuleMutation, ConsoleUpdateBenefitRuleMutationVariables>;
export const ConsoleCampaignBankDocument = {"__meta__":{"hash":"sha256:7447d7dfc1249e741e22bb9ec4cf8634ce40859653c22a2cb3388b534100f4ed"}} as unknown as TypedDocumentString<ConsoleCampaignBankQuery, ConsoleCampaignBankQueryVariables>;
export const ConsoleCampaignsDocument = {"__meta__":{"hash":"sha256:4345a795e7608f8c1ea383fe75d44ef31ffbce3dea983a75e83c4a0f8d0a2838"}} as unknown as TypedDocumentString<ConsoleCampaignsQuery, ConsoleCampaignsQueryVariables>;
export const ConsoleCustomerByRefDocument = {"__meta__":{"hash":"sha256:0370c6b592d9fef7ba68bb7f98be1a097e35608270e60c3096fda6e520c5c5b2"}} as unknown as TypedDocumentString<ConsoleCustomerByRefQuery, ConsoleCustomerByRefQueryVariables>;
export const ConsoleCustomerPendingAdjustmentsDocument = {"__meta__":{"hash":"sha256:2c1f239949752031989b2819c518e31f42a23b03e7df61d4dfc35966be144df8"}} as unknown as TypedDocumentString<ConsoleCustomerPendingAdjustmentsQuery, ConsoleCustomerPendingAdjustmentsQueryVariables>;
export const ConsoleDashboardBanksDocument = {"__meta__":{"hash":"sha256:930a0324d31ed2ecbf2d1d6de963074a3331550226ebad70e70c24a59be4ba0c"}} as unknown as TypedDocumentString<ConsoleDashboardBanksQuery, ConsoleDashboardBanksQueryVariables>;
export const ConsoleMyAccountDocument = {"__meta__":{"hash":"sha256:0036f7e1dc1d3c88215c8fb33f5cf74f79e1619fa7ac6207ce903ef4f310f9bb"}} as unknown as TypedDocumentString<ConsoleMyAccountQuery, ConsoleMyAccountQueryVariables>;
export const ConsoleChangeMyPasswordDocument = {"__meta__":{"hash":"sha256:7667ff109bd3e74997523c3db6e902c012a6832297d67ec5a9bcbaa36a286978"}} as unknown as TypedDocumentString<ConsoleChangeMyPasswordMutation, ConsoleChangeMyPasswordMutationVariables>;
export const ConsoleRegenerateRecoveryCodesDocument = {"__meta__":{"hash":"sha256:1a823cc47b1e7e2c5878a3c456daaf048234a2afd1891ea1c283ed5b0cbc0286"}} as unknown as TypedDocumentString<ConsoleRegenerateRecoveryCodesMutation, ConsoleRegenerateRecoveryCodesMutationVariables>;
export const ConsoleBankOrdersDocument = {"__meta__":{"hash":"sha256:f9a5473806cc1351f95fdefdddb888b9b4c39a7bf0f2f44fadbefc8a25bb411e"}} as unknown as TypedDocumentString<ConsoleBankOrdersQuery, ConsoleBankOrdersQueryVariables>;
export const ConsolePartnerAppsDocument = {"__meta__":{"hash":"sha256:2533801f4c8805020516558c930605877351399a92a4c064f188d280a37a7373"}} as unknown as TypedDocumentString<ConsolePartnerAppsQuery, ConsolePartnerAppsQueryVariables>;
export const ConsoleRevokePartnerAppDocument = {"__meta__":{"hash":"sha256:f6bf5705d51ef6710eb737c2690cf5fb7b2060a1f46562dbb7ffcf2303d39c10"}} as unknown as TypedDocumentString<ConsoleRevokePartnerAppMutation, ConsoleRevokePartnerAppMutationVariables>;
export const ConsoleSetPartnerAppSafelistDocument = {"__meta__":{"hash":"sha256:571a4910164ff198a98ecaafefce5d1250393eee415c4f55f508a3c348aa6916"}} as unknown as TypedDocumentString<ConsoleSetPartnerAppSafelistMutation, ConsoleSetPartnerAppSafelistMutationVariables>;
export const ConsolePointsLiabilityDocument = {"__meta__":{"hash":"sha256:6709f7412506d9327ad6a595681c30b963a526df080f00eb473986b2cbafb9f9"}} as unknown as TypedDocumentString<ConsolePointsLiabilityQuery, ConsolePointsLiabilityQueryVariables>;
export const ConsolePointsLiabilityExportDocument = {"__meta__":{"hash":"sha256:0aa2b805db28a8a9cc1764f19fa3f48b75bdc461b1315779a1507971a9191e36"}} as unknown as TypedDocumentString<ConsolePointsLiabilityExportQuery, ConsolePointsLiabilityExportQueryVariables>;
export const ConsoleLiabilityBanksDocument = {"__meta__":{"hash":"sha256:66ac69e664aeefc45d7aa7f59e914d9706189a57da847c4117f76c24218970f1"}} as unknown as TypedDocumentString<ConsoleLiabilityBanksQuery, ConsoleLiabilityBanksQueryVariables>;
export const ConsoleReturnRequestsDocument = {"__meta__":{"hash":"sha256:f36627df8beadece37279c50385473ce81106727dc4a1b5e14efffa8c320ada1"}} as unknown as TypedDocumentString<ConsoleReturnRequestsQuery, ConsoleReturnRequestsQueryVariables>;
export const ConsoleDecideReturnDocument = {"__meta__":{"hash":"sha256:930971cb752926ac12d8d925e75be023b240df30a589facff5b9d70ebb996e22"}} as unknown as TypedDocumentString<ConsoleDecideReturnMutation, ConsoleDecideReturnMutationVariables>;
export const ConsoleShipReplacementDocument = {"__meta__":{"hash":"sha256:27867b7f8a5e9c94b67de1945afd8cdf2507f7978d23c4bcbbdd55de34f94c94"}} as unknown as TypedDocumentString<ConsoleShipReplacementMutation, ConsoleShipReplacementMutationVariables>;
export const ConsoleRefundExchangeInsteadDocument = {"__meta__":{"hash":"sha256:c536048c20edbbca5a7f543123e09cf85fbab8ba092d10e029d2540530827935"}} as unknown as TypedDocumentString<ConsoleRefundExchangeInsteadMutation, ConsoleRefundExchangeInsteadMutationVariables>;
export const ConsoleInspectReturnDocument = {"__meta__":{"hash":"sha256:1e11103887762bd98ea92d0ff1272db076226693017f613080e71e379bc88974"}} as unknown as TypedDocumentString<ConsoleInspectReturnMutation, ConsoleInspectReturnMutationVariables>;
export const ConsoleSalesDashboardDocument = {"__meta__":{"hash":"sha256:e5e943e3a9372488e08a0db4de791342dba397117db53d5b4064f6b9b205d99f"}} as unknown as TypedDocumentString<ConsoleSalesDashboardQuery, ConsoleSalesDashboardQueryVariables>;
export const ConsoleSalesDashboardVersionDocument = {"__meta__":{"hash":"sha256:11b410420bf8704dfc3b0f8baef48257189b7bca449f689206fb031578b17ce2"}} as unknown as TypedDocumentString<ConsoleSalesDashboardVersionQuery, ConsoleSalesDashboardVersionQueryVariables>;
export const ConsoleSalesDashboardCsvDocument = {"__meta__":{"hash":"sha256:b1da2d4a097993b5bffc60d864ba6bbb173c6679912c33af009a049fe7c35366"}} as unknown as TypedDocumentString<ConsoleSalesDashboardCsvQuery, ConsoleSalesDashboardCsvQueryVariables>;
export const ConsoleStaffMembersDocument = {"__meta__":{"hash":"sha256:8e1a8852d1bef2f916d232a2f8d2a41987a70576f9997150cc596b911b64095e"}} as unknown as TypedDocumentString<ConsoleStaffMembersQuery, ConsoleStaffMembersQueryVariables>;
export const ConsoleStaffGroupsDocument = {"__meta__":{"hash":"sha256:8c791ab8c9e47ecf409c2556d69c2e391fe87e81d35d9b64d043b228289a8099"}} as unknown as TypedDocumentString<ConsoleStaffGroupsQuery, ConsoleStaffGroupsQueryVariables>;
export const ConsoleInviteStaffDocument = {"__meta__":{"hash":"sha256:c642a90a9f75347e7f47d7b72524dd06ed606c3e9253bd37730f52a8d9e83485"}} as unknown as TypedDocumentString<ConsoleInviteStaffMutation, ConsoleInviteStaffMutationVariables>;
export const ConsoleSetStaffGroupsDocument = {"__meta__":{"hash":"sha256:6cb3008f5eb720549d19aefa4f106de7716e8c31bb25d4c77eb9162475005776"}} as unknown as TypedDocumentString<ConsoleSetStaffGroupsMutation, ConsoleSetStaffGroupsMutationVariables>;
export const ConsoleResetStaffPasswordDocument = {"__meta__":{"hash":"sha256:1a623324b48ef36804319d0c934c225a7c804d8644519c39630cdf30faf491e9"}} as unknown as TypedDocumentString<ConsoleResetStaffPasswordMutation, ConsoleResetStaffPasswordMutationVariables>;
export const ConsoleResetStaffTotpDocument = {"__meta__":{"hash":"sha256:32dfa6b06cf9d180348d4c89657c7f544b8faffc54acb65a251bf2b439f2ad7f"}} as unknown as TypedDocumentString<ConsoleResetStaffTotpMutation, ConsoleResetStaffTotpMutationVariables>;
export const ConsoleRemoveStaffDocument = {"__meta__":{"hash":"sha256:fb0c4fcb1d4e39ab30fce589398b2520ded69260035d9a12bc99a9be94372f52"}} as unknown as TypedDocumentString<ConsoleRemoveStaffMutation, ConsoleRemoveStaffMutationVariables>;
export const ConsoleVouchersDocument = {"__meta__":{"hash":"sha256:d8d5173a01c7839382add4416aadab3a6bce372fb4c0202abac755bcbb6948d5"}} as unknown as TypedDocumentString<ConsoleVouchersQuery, ConsoleVouchersQueryVariables>;
export const ConsoleVoucherAudienceDocument = {"__meta__":{"hash":"sha256:d1e5e73425903b79b0966dc0385c5d85f2b6dfff741d026620b4405fc29f2da3"}} as unknown as TypedDocumentString<ConsoleVoucherAudienceQuery, ConsoleVoucherAudienceQueryVariables>;
export const ConsoleVoucherCustomerDocument = {"__meta__":{"hash":"sha256:7bef8401fd9ca0d284e0deed3e0b96fca7f26955157ae195351cd46bfa125245"}} as unknown as TypedDocumentString<ConsoleVoucherCustomerQuery, ConsoleVoucherCustomerQueryVariables>;
export const ConsoleIssueVoucherDocument = {"__meta__":{"hash":"sha256:5f8089a75866f8be400bcef2f327ccbd86505c236c51dbc79c5f3681848166a5"}} as unknown as TypedDocumentString<ConsoleIssueVoucherMutation, ConsoleIssueVoucherMutationVariables>;
export const ConsoleStopVoucherDocument = {"__meta__":{"hash":"sha256:e0ac055fd879a2befba6d414cd104b812cef81701e46cd31db4b466dade2fb0f"}} as unknown as TypedDocumentString<ConsoleStopVoucherMutation, ConsoleStopVoucherMutationVariables>;
export const ConsoleWebhookEndpointsDocument = {"__meta__":{"hash":"sha256:6b8504b22fb2ff639b58358a2651d6f407f478224afc1f7bd1af28e0277dfafa"}} as unknown as TypedDocumentString<ConsoleWebhookEndpointsQuery, ConsoleWebhookEndpointsQueryVariables>;
export const ConsoleWebhookDeliveriesDocument = {"__meta__":{"hash":"sha256:ee1b79936f15e561336fbbdcc4cf6f31a1b03fc28007b3d09a9a59000e7ca1c4"}} as unknown as TypedDocumentString<ConsoleWebhookDeliveriesQuery, ConsoleWebhookDeliveriesQueryVariables>;
export const ConsoleUpdateWebhookEndpointDocument = {"__meta__":{"hash":"sha256:ed69be2e06cda4615d13ea991095fa1263389cb3dd04340a7a959e49dd6a9f11"}} as unknown as TypedDocumentString<ConsoleUpdateWebhookEndpointMutation, ConsoleUpdateWebhookEndpointMutationVariables>;
export const ConsoleRotateWebhookEndpointSecretDocument = {"__meta__":{"hash":"sha256:c02ee83c874c88e4aa402d79245292f5fd1517cde9c154bea7d8139c1333fce6"}} as unknown as TypedDocumentString<ConsoleRotateWebhookEndpointSecretMutation, ConsoleRotateWebhookEndpointSecretMutationVariables>;
export const ConsoleDeleteWebhookEndpointDocument = {"__meta__":{"hash":"sha256:9f01a20b83512d78a581c9edb6eb9d169702dcaa9061d4ceee462cf874cb8556"}} as unknown as TypedDocumentString<ConsoleDeleteWebhookEndpointMutation, ConsoleDeleteWebhookEndpointMutationVariables>;
export const ConsoleSendTestWebhookDocument = {"__meta__":{"hash":"sha256:4478c315a34cbf120a0d16e9df1de0bbf0c036693e253dbc2e69703507946164"}} as unknown as TypedDocumentString<ConsoleSendTestWebhookMutation, ConsoleSendTestWebhookMutationVariables>;
export const ConsoleRedeliverWebhookDocument = {"__meta__":{"hash":"sha256:3f1017ce104a4964aa617ec3c9d9daa615449ce321360c23e7cce596969f3008"}} as unknown as TypedDocumentString<ConsoleRedeliverWebhookMutation, ConsoleRedeliverWebhookMutationVariables>;
export const ConsoleBenefitRuleQuotaUsesDocument = {"__meta__":{"hash":"sha256:12cd9832355a8406f429e5f6b741dbdd40d269f445861f2b46e378bf8d118572"}} as unknown as TypedDocumentString<ConsoleBenefitRuleQuotaUsesQuery, ConsoleBenefitRuleQuotaUsesQueryVariables>;
export const ConsoleCampaignDocument = {"__meta__":{"hash":"sha256:80d60653ee8e8a37711658db13cfcdd1baa9d7f74e9d947e613c930a25d03938"}} as unknown as TypedDocumentString<ConsoleCampaignQuery, ConsoleCampaignQueryVariables>;
export const ConsoleCampaignSalesDocument = {"__meta__":{"hash":"sha256:6dcb5f8c4e3b58e0e7069f330729e9255bd95f7c42e616f9f99c36904243602a"}} as unknown as TypedDocumentString<ConsoleCampaignSalesQuery, ConsoleCampaignSalesQueryVariables>;
export const ConsoleCancelCampaignDocument = {"__meta__":{"hash":"sha256:88cfdf805899d51707ae9d3663803eb05ee5607982c3c2fb0e20b694226bfcc5"}} as unknown as TypedDocumentString<ConsoleCancelCampaignMutation, ConsoleCancelCampaignMutationVariables>;
export const ConsoleCampaignTemplatesDocument = {"__meta__":{"hash":"sha256:d062a1259689a86d5375c45965bb61ba60f6d95bebe7ed5d6511564b455edc7a"}} as unknown as TypedDocumentString<ConsoleCampaignTemplatesQuery, ConsoleCampaignTemplatesQueryVariables>;
export const ConsoleCampaignPoolSkusDocument = {"__meta__":{"hash":"sha256:e24dcd2c1bcb7b2f4f8a7e67de4869adf223628e83db8ea6b87a9c1a7b7a3f89"}} as unknown as TypedDocumentString<ConsoleCampaignPoolSkusQuery, ConsoleCampaignPoolSkusQueryVariables>;
export const ConsoleCampaignListingsDocument = {"__meta__":{"hash":"sha256:286a0802ecaf26ef6d5bc276e5c31821b554f622e2551b51dcdf63932a248f09"}} as unknown as TypedDocumentString<ConsoleCampaignListingsQuery, ConsoleCampaignListingsQueryVariables>;
export const ConsoleCampaignAudienceDocument = {"__meta__":{"hash":"sha256:5642906f6bd7474d2c453ce1ad3c6bd906f753a05295119665d5f6d5257aa240"}} as unknown as TypedDocumentString<ConsoleCampaignAudienceQuery, ConsoleCampaignAudienceQueryVariables>;
export const ConsoleCreateCampaignDocument = {"__meta__":{"hash":"sha256:90ff7f4bfb32f3ff1f4aee3aa765563b327ebe0705d493c3b86615d478430626"}} as unknown as TypedDocumentString<ConsoleCreateCampaignMutation, ConsoleCreateCampaignMutationVariables>;
export const ConsoleCampaignCostForecastDocument = {"__meta__":{"hash":"sha256:88d2cfe1dd9fa7b58e447226fe697ba5c46fb78f31f18def2fad3598bc02839a"}} as unknown as TypedDocumentString<ConsoleCampaignCostForecastQuery, ConsoleCampaignCostForecastQueryVariables>;
export const ConsoleCampaignPreviewDocument = {"__meta__":{"hash":"sha256:5b71873dfd83cf8518cc583d06e863f86e0674f64ed37b40c77da223d1131416"}} as unknown as TypedDocumentString<ConsoleCampaignPreviewQuery, ConsoleCampaignPreviewQueryVariables>;
export const ConsoleCancelCampaignDraftDocument = {"__meta__":{"hash":"sha256:25bdfb89cd15b865afa5b86fbd118e937ca566104301201c3312714d495886bc"}} as unknown as TypedDocumentString<ConsoleCancelCampaignDraftMutation, ConsoleCancelCampaignDraftMutationVariables>;
export const ConsoleScheduleCampaignDocument = {"__meta__":{"hash":"sha256:416165ec1f9cce538f0709e4d19552d37c037392f1abeaff8adafaa2320a0b7b"}} as unknown as TypedDocumentString<ConsoleScheduleCampaignMutation, ConsoleScheduleCampaignMutationVariables>;
export const ConsoleRequestCampaignLaunchDocument = {"__meta__":{"hash":"sha256:1b96605c613ff73041e551207e449d04af7a3ce0bfba7809b2e2f41f085cb1f1"}} as unknown as TypedDocumentString<ConsoleRequestCampaignLaunchMutation, ConsoleRequestCampaignLaunchMutationVariables>;
export const ConsoleCurationBankDocument = {"__meta__":{"hash":"sha256:936728e44b7744e539399aa17493c0f02ec1c4d2bf19c4e96b592f11cf94c639"}} as unknown as TypedDocumentString<ConsoleCurationBankQuery, ConsoleCurationBankQueryVariables>;
export const ConsoleCurationCategoriesDocument = {"__meta__":{"hash":"sha256:bf20d8ab7f478408846bef15758cf084dd164b8637e852978b03bbdfa82373a8"}} as unknown as TypedDocumentString<ConsoleCurationCategoriesQuery, ConsoleCurationCategoriesQueryVariables>;
export const ConsoleCurationBrandsDocument = {"__meta__":{"hash":"sha256:f895d0c4ae1556b9a0c70ad5aa828b1bee790989ea4bd9f7c0fea5f10a0981f4"}} as unknown as TypedDocumentString<ConsoleCurationBrandsQuery, ConsoleCurationBrandsQueryVariables>;
export const ConsoleCurationSuppliersDocument = {"__meta__":{"hash":"sha256:4a15e11bd07c8edcb34ba038f685187d78649d71a5d48d393991760235950864"}} as unknown as TypedDocumentString<ConsoleCurationSuppliersQuery, ConsoleCurationSuppliersQueryVariables>;
export const ConsoleCurationPoolDocument = {"__meta__":{"hash":"sha256:e7249f534458d91699bfc72d23ae124a81f8eddbe2f041e18a2df59c26a1ef4d"}} as unknown as TypedDocumentString<ConsoleCurationPoolQuery, ConsoleCurationPoolQueryVariables>;
export const ConsoleCurationPoolIdsDocument = {"__meta__":{"hash":"sha256:80a3d10cfdd20ed93d793071b5ac575f6509049599989a8bfbf639085972e103"}} as unknown as TypedDocumentString<ConsoleCurationPoolIdsQuery, ConsoleCurationPoolIdsQueryVariables>;
export const ConsoleCurationSkuDocument = {"__meta__":{"hash":"sha256:1493682acd5c3becc064f36e23869a5c67d08137457488af8987a2799268e2c7"}} as unknown as TypedDocumentString<ConsoleCurationSkuQuery, ConsoleCurationSkuQueryVariables>;
export const ConsoleCurationListedDocument = {"__meta__":{"hash":"sha256:e01026aa8ca589073c6c6b4b77eac97b6529c04a961d9a04c84107e8f10326d3"}} as unknown as TypedDocumentString<ConsoleCurationListedQuery, ConsoleCurationListedQueryVariables>;
export const ConsoleCurationListingsDocument = {"__meta__":{"hash":"sha256:0ec73617ec12c0ab5356c84a37386384bcbca24a19dc40d545e37f2a14c0029b"}} as unknown as TypedDocumentString<ConsoleCurationListingsQuery, ConsoleCurationListingsQueryVariables>;
export const ConsoleCurationCreateListingDocument = {"__meta__":{"hash":"sha256:345aa5a97c1dcf512ef47397e7306a506fcc06a6636aff098d2e48a1cc4653cd"}} as unknown as TypedDocumentString<ConsoleCurationCreateListingMutation, ConsoleCurationCreateListingMutationVariables>;
export const ConsoleCurationCreateListingsDocument = {"__meta__":{"hash":"sha256:671c94989cc34085d3fa94dcdcec12fbe1311afae95e60a0b37302a01f17224c"}} as unknown as TypedDocumentString<ConsoleCurationCreateListingsMutation, ConsoleCurationCreateListingsMutationVariables>;
export const ConsoleCurationUpdateListingDocument = {"__meta__":{"hash":"sha256:e89053be96f8e3342b921e654c9956639af4b2d03ed32e1ecfcc2c8c6a441627"}} as unknown as TypedDocumentString<ConsoleCurationUpdateListingMutation, ConsoleCurationUpdateListingMutationVariables>;
export const ConsoleCurationRequestApprovalDocument = {"__meta__":{"hash":"sha256:3c2c1355d448b4850905cecdf3804881126e38d0b2468c7eb11390f4eb9534ed"}} as unknown as TypedDocumentString<ConsoleCurationRequestApprovalMutation, ConsoleCurationRequestApprovalMutationVariables>;
export const ConsoleCurationSetTierPricesDocument = {"__meta__":{"hash":"sha256:1a7944fa769d1b5d374a5c603efec1747167c70b6203677c4120f33e107fd35e"}} as unknown as TypedDocumentString<ConsoleCurationSetTierPricesMutation, ConsoleCurationSetTierPricesMutationVariables>;
export const ConsoleCustomerApprovalPolicyDocument = {"__meta__":{"hash":"sha256:4149ccaeccfd1839c74a5ce6007c52358d392790b3e10f724fba17a1f4d187cc"}} as unknown as TypedDocumentString<ConsoleCustomerApprovalPolicyQuery, ConsoleCustomerApprovalPolicyQueryVariables>;
export const ConsoleAdjustPointsDocument = {"__meta__":{"hash":"sha256:1ccb5e2e24f582c23713189df6c40535c0def43625755c9266a678a2f97030ae"}} as unknown as TypedDocumentString<ConsoleAdjustPointsMutation, ConsoleAdjustPointsMutationVariables>;
export const ConsoleRequestPointsAdjustmentDocument = {"__meta__":{"hash":"sha256:f4c4660a1b2052104c4611319125f32cdcc577553f674c79181fa05e791a78d4"}} as unknown as TypedDocumentString<ConsoleRequestPointsAdjustmentMutation, ConsoleRequestPointsAdjustmentMutationVariables>;
export const ConsoleCustomerBenefitQuotasDocument = {"__meta__":{"hash":"sha256:60c30f6896b2285b3bc20bf8fe0c99dc697d6b7f66fe77d75bdcc7f075324377"}} as unknown as TypedDocumentString<ConsoleCustomerBenefitQuotasQuery, ConsoleCustomerBenefitQuotasQueryVariables>;
export const ConsoleCustomerOrdersDocument = {"__meta__":{"hash":"sha256:ae801034ed5a5455c8bdb94f9efeca924363d7f2699629ccb3482022eb8a336a"}} as unknown as TypedDocumentString<ConsoleCustomerOrdersQuery, ConsoleCustomerOrdersQueryVariables>;
export const ConsoleCustomerLedgerDocument = {"__meta__":{"hash":"sha256:f14472f5b246d073ba054c79d8fc9dfc10ed6f1f6da0553872a3f08e160f20db"}} as unknown as TypedDocumentString<ConsoleCustomerLedgerQuery, ConsoleCustomerLedgerQueryVariables>;
export const ConsoleCustomerLotsDocument = {"__meta__":{"hash":"sha256:ff01d2f16a39d360933077c5d3be92477f27b415afb6270d747317450357fff9"}} as unknown as TypedDocumentString<ConsoleCustomerLotsQuery, ConsoleCustomerLotsQueryVariables>;
export const ConsoleCustomerTierChangesDocument = {"__meta__":{"hash":"sha256:ede8a6b652cee2e95eb46574b7a34eff49f648877afe5c7829ce416df2266416"}} as unknown as TypedDocumentString<ConsoleCustomerTierChangesQuery, ConsoleCustomerTierChangesQueryVariables>;
export const ConsoleCancelOrderDocument = {"__meta__":{"hash":"sha256:7384792ef546b3b3eab23937213d04b7c87b4aada929610c5b83a39eb616caa1"}} as unknown as TypedDocumentString<ConsoleCancelOrderMutation, ConsoleCancelOrderMutationVariables>;
export const ConsoleChangeShippingAddressDocument = {"__meta__":{"hash":"sha256:fdce5e3420995b04ac06741e4f81786591c984881fe923f2890d7ec0366125cf"}} as unknown as TypedDocumentString<ConsoleChangeShippingAddressMutation, ConsoleChangeShippingAddressMutationVariables>;
export const ConsoleRequestRefundDocument = {"__meta__":{"hash":"sha256:ac954937c05550f3d64ffa659836dfb05e3b1c3765c623e14a0663b2db8d7dd7"}} as unknown as TypedDocumentString<ConsoleRequestRefundMutation, ConsoleRequestRefundMutationVariables>;
export const ConsoleWithdrawUnshippedUnitsDocument = {"__meta__":{"hash":"sha256:e0e0b3a7eca2dfd2742a07fbb889a208267f9d3c2972d9e8c6f1b072abd806e1"}} as unknown as TypedDocumentString<ConsoleWithdrawUnshippedUnitsMutation, ConsoleWithdrawUnshippedUnitsMutationVariables>;
export const ConsoleOrderDocument = {"__meta__":{"hash":"sha256:8753c2d1e0ad50de77da0e3276ea335cf95b2a5424636f077b8b290244161ea4"}} as unknown as TypedDocumentString<ConsoleOrderQuery, ConsoleOrderQueryVariables>;
export const ConsoleRefundsDocument = {"__meta__":{"hash":"sha256:c9c3bcb53764da5cc3b88bc5228a49541ce67a87ec9457496ae15f69ad73cc69"}} as unknown as TypedDocumentString<ConsoleRefundsQuery, ConsoleRefundsQueryVariables>;
export const ConsoleDecideRefundDocument = {"__meta__":{"hash":"sha256:3f47dc91327ff2c940af2433b22b881383caf37edca703d852ada380a6320f1e"}} as unknown as TypedDocumentString<ConsoleDecideRefundMutation, ConsoleDecideRefundMutationVariables>;
export const ConsoleCreatePartnerAppDocument = {"__meta__":{"hash":"sha256:b4efe73773b667762553aa6fd9b7eccafe189687ffa784cbe81cf7fa0153c1cf"}} as unknown as TypedDocumentString<ConsoleCreatePartnerAppMutation, ConsoleCreatePartnerAppMutationVariables>;
export const ConsoleRequestPartnerAppApprovalDocument = {"__meta__":{"hash":"sha256:e842ca44eb7f68067fff20de7615d9889d4bb26b028f67d302a8e92731945dfa"}} as unknown as TypedDocumentString<ConsoleRequestPartnerAppApprovalMutation, ConsoleRequestPartnerAppApprovalMutationVariables>;
export const ConsoleRotatePartnerAppSecretDocument = {"__meta__":{"hash":"sha256:c4b95d9805cdc072bb603184c7e07216056734c932ce265efc49efa1a5d111f7"}} as unknown as TypedDocumentString<ConsoleRotatePartnerAppSecretMutation, ConsoleRotatePartnerAppSecretMutationVariables>;
export const ConsoleSetPartnerAppScopesDocument = {"__meta__":{"hash":"sha256:dee1108f4eda8dd78363a2f45b3480d6091dd9616c24632f817e6c06dc2daa3e"}} as unknown as TypedDocumentString<ConsoleSetPartnerAppScopesMutation, ConsoleSetPartnerAppScopesMutationVariables>;
export const ConsolePlatformBanksDocument = {"__meta__":{"hash":"sha256:054f46ac2b334e76fa7e96ae847b867dac4a44ecb79a9fbf86bbc1f7265f6654"}} as unknown as TypedDocumentString<ConsolePlatformBanksQuery, ConsolePlatformBanksQueryVariables>;
export const ConsolePlatformCreateBankDocument = {"__meta__":{"hash":"sha256:ccf2d7953a1a85ee9895ab8c38075a9e33290c6fc76f9dd7ad9553909be04756"}} as unknown as TypedDocumentString<ConsolePlatformCreateBankMutation, ConsolePlatformCreateBankMutationVariables>;
export const ConsolePlatformUpdateBankDocument = {"__meta__":{"hash":"sha256:d6895e54bd2f13d915693a4ba5274758e072866ff817b11f38cdfb51c728359c"}} as unknown as TypedDocumentString<ConsolePlatformUpdateBankMutation, ConsolePlatformUpdateBankMutationVariables>;
export const ConsolePlatformCreateMallDocument = {"__meta__":{"hash":"sha256:a5dfc545d4c77a0c184d02e956b2315ee02519ade4920b8d86d85da1ce944d6b"}} as unknown as TypedDocumentString<ConsolePlatformCreateMallMutation, ConsolePlatformCreateMallMutationVariables>;
export const ConsolePlatformUpdateMallDocument = {"__meta__":{"hash":"sha256:d3e6d86a1ff0ddf29890379cc0c26c9a8faecbc35ae7e738f09315d52841b35c"}} as unknown as TypedDocumentString<ConsolePlatformUpdateMallMutation, ConsolePlatformUpdateMallMutationVariables>;
export const ConsolePlatformCarriersDocument = {"__meta__":{"hash":"sha256:c0dba2774f73d5189eac3283ad90c180597e129bb308812587ba107747d9eb00"}} as unknown as TypedDocumentString<ConsolePlatformCarriersQuery, ConsolePlatformCarriersQueryVariables>;
export const ConsolePlatformRegisterCarrierDocument = {"__meta__":{"hash":"sha256:558eb607ee893aef54458436f33119d23e4078bd08e95b3ad649ff8bdfc0a9d1"}} as unknown as TypedDocumentString<ConsolePlatformRegisterCarrierMutation, ConsolePlatformRegisterCarrierMutationVariables>;
export const ConsolePlatformUpdateCarrierDocument = {"__meta__":{"hash":"sha256:fc431fc846cfc54e68f0444031ed667065147ae4940efdaab17cce03a348f0ef"}} as unknown as TypedDocumentString<ConsolePlatformUpdateCarrierMutation, ConsolePlatformUpdateCarrierMutationVariables>;
export const ConsolePlatformRotateCarrierSecretDocument = {"__meta__":{"hash":"sha256:66ad8455a80e42306d9f0fc25bf0b290284bfac8847b240da95903b2bd5f8032"}} as unknown as TypedDocumentString<ConsolePlatformRotateCarrierSecretMutation, ConsolePlatformRotateCarrierSecretMutationVariables>;
export const ConsolePlatformCategoryLevelDocument = {"__meta__":{"hash":"sha256:eeca2e2c4897d1fac487bca5b505733bd9d1d1c13c9bf1b24eb6bfdd77fb9cf4"}} as unknown as TypedDocumentString<ConsolePlatformCategoryLevelQuery, ConsolePlatformCategoryLevelQueryVariables>;
export const ConsolePlatformRenameCategoryDocument = {"__meta__":{"hash":"sha256:9443f564255ea417ab76ccaddda62474c192dada5c930e53154a95ee597a637b"}} as unknown as TypedDocumentString<ConsolePlatformRenameCategoryMutation, ConsolePlatformRenameCategoryMutationVariables>;
export const ConsolePlatformCreateCategoryDocument = {"__meta__":{"hash":"sha256:0d8aa6e7ff19707f0b3f7c06970db435a4d2d3ebb1c9e2633521878a0ba5119f"}} as unknown as TypedDocumentString<ConsolePlatformCreateCategoryMutation, ConsolePlatformCreateCategoryMutationVariables>;
export const ConsoleMarketplaceTotalsDocument = {"__meta__":{"hash":"sha256:b7b8c86212ae9b5974c9a091c0e6d2fbe826f78040ed684eef51d99bc435eef6"}} as unknown as TypedDocumentString<ConsoleMarketplaceTotalsQuery, ConsoleMarketplaceTotalsQueryVariables>;
export const ConsoleMarketplaceByBankDocument = {"__meta__":{"hash":"sha256:e33c4f3609314932b7a521d848cae0b6a18067e0d87032e7da9bf31137ce9f20"}} as unknown as TypedDocumentString<ConsoleMarketplaceByBankQuery, ConsoleMarketplaceByBankQueryVariables>;
export const ConsoleMarketplaceBySupplierDocument = {"__meta__":{"hash":"sha256:49470f397ae84322b6768952403f732e199f55a304557c71a15f30f563acd801"}} as unknown as TypedDocumentString<ConsoleMarketplaceBySupplierQuery, ConsoleMarketplaceBySupplierQueryVariables>;
export const ConsoleMarketplaceDryPoolsDocument = {"__meta__":{"hash":"sha256:404f5ac4f046c67450de7fe1041132252d4535f43a4b81bfa274465dcaae705d"}} as unknown as TypedDocumentString<ConsoleMarketplaceDryPoolsQuery, ConsoleMarketplaceDryPoolsQueryVariables>;
export const ConsoleReturnWindowLevelDocument = {"__meta__":{"hash":"sha256:382f0d8bdbebe7efae27501e7da04bb7128d8fbd166e9654ff2dbe8f16dda4da"}} as unknown as TypedDocumentString<ConsoleReturnWindowLevelQuery, ConsoleReturnWindowLevelQueryVariables>;
export const ConsoleSetCategoryReturnPolicyDocument = {"__meta__":{"hash":"sha256:ef9f147f4fe3cac519e89b35bae2e192ddfb3cc259316d78a6279c1c2b8d564f"}} as unknown as TypedDocumentString<ConsoleSetCategoryReturnPolicyMutation, ConsoleSetCategoryReturnPolicyMutationVariables>;
export const ConsolePlatformApplicationsDocument = {"__meta__":{"hash":"sha256:290b9ce564e1d00355896b85b38d4017475993b3fa79608eac599126eeef65b1"}} as unknown as TypedDocumentString<ConsolePlatformApplicationsQuery, ConsolePlatformApplicationsQueryVariables>;
export const ConsolePlatformApproveApplicationDocument = {"__meta__":{"hash":"sha256:6a8619cef0a89abbbfd058d9c1c756e327c108cd97d1a400fcdc32955ac664e1"}} as unknown as TypedDocumentString<ConsolePlatformApproveApplicationMutation, ConsolePlatformApproveApplicationMutationVariables>;
export const ConsolePlatformRejectApplicationDocument = {"__meta__":{"hash":"sha256:590850d82fbf3cea2c6f032c3d5dbf410550fdf5abae966a592c37661618d7a5"}} as unknown as TypedDocumentString<ConsolePlatformRejectApplicationMutation, ConsolePlatformRejectApplicationMutationVariables>;
export const ConsolePlatformBrandProposalsDocument = {"__meta__":{"hash":"sha256:27ce4acf6cca6e6bc60621c80cce0b0f5c974a780b2575a1f08cdb1754b5f6d0"}} as unknown as TypedDocumentString<ConsolePlatformBrandProposalsQuery, ConsolePlatformBrandProposalsQueryVariables>;
export const ConsolePlatformApproveBrandProposalDocument = {"__meta__":{"hash":"sha256:790730e8775615e77ea297be3eecc5752b4b8e7bd5f380cec967659b28a7f65d"}} as unknown as TypedDocumentString<ConsolePlatformApproveBrandProposalMutation, ConsolePlatformApproveBrandProposalMutationVariables>;
export const ConsolePlatformRejectBrandProposalDocument = {"__meta__":{"hash":"sha256:2590f49201236c13e46ed06db213cb4bb8d389fc7c58fadb660913db8d97143a"}} as unknown as TypedDocumentString<ConsolePlatformRejectBrandProposalMutation, ConsolePlatformRejectBrandProposalMutationVariables>;
export const ConsolePlatformSuppliersDocument = {"__meta__":{"hash":"sha256:f2ea236d49b4ff092d3cf1765600c19f0b3b57b5ae73ea9bbc028f9ab9bdacfc"}} as unknown as TypedDocumentString<ConsolePlatformSuppliersQuery, ConsolePlatformSuppliersQueryVariables>;
export const ConsolePlatformBrandsDocument = {"__meta__":{"hash":"sha256:6fe00dad0aae1a93fd3471bc72db4b10ea70f3ca70c0dfa17f4821033679cd18"}} as unknown as TypedDocumentString<ConsolePlatformBrandsQuery, ConsolePlatformBrandsQueryVariables>;
export const ConsolePlatformAuthorizedBrandsDocument = {"__meta__":{"hash":"sha256:4b56719ddf1f46ec80639f9ea3969033d7d95555325b942e6235d7326d0644b8"}} as unknown as TypedDocumentString<ConsolePlatformAuthorizedBrandsQuery, ConsolePlatformAuthorizedBrandsQueryVariables>;
export const ConsolePlatformAuthorizeBrandsDocument = {"__meta__":{"hash":"sha256:b0c174276adfbb3547a3476740558b32fc884ed30c07dd31f9c9264e81fec0b5"}} as unknown as TypedDocumentString<ConsolePlatformAuthorizeBrandsMutation, ConsolePlatformAuthorizeBrandsMutationVariables>;
export const ConsolePlatformCreateBrandDocument = {"__meta__":{"hash":"sha256:ddea0225d367a1a10e37f877e4f84711faa0f5051c67f170b14b1fcbfd4967f9"}} as unknown as TypedDocumentString<ConsolePlatformCreateBrandMutation, ConsolePlatformCreateBrandMutationVariables>;
export const ConsoleAdvanceBanksDocument = {"__meta__":{"hash":"sha256:f3a8f972f13e5ad5ef11a07c15446a38b3d030a89f0b48d242258ac95d6d2b3b"}} as unknown as TypedDocumentString<ConsoleAdvanceBanksQuery, ConsoleAdvanceBanksQueryVariables>;
export const ConsoleAdvanceExposureDocument = {"__meta__":{"hash":"sha256:69dcc4f18059b5ce60ce358eeedf146a12ba781709f61611f007cc9825031f3f"}} as unknown as TypedDocumentString<ConsoleAdvanceExposureQuery, ConsoleAdvanceExposureQueryVariables>;
export const ConsoleSetAdvanceTermsDocument = {"__meta__":{"hash":"sha256:fc57e4dcaab5c3d52d451ffecb463406673c7e452fbd3f4af680bcd05c184db5"}} as unknown as TypedDocumentString<ConsoleSetAdvanceTermsMutation, ConsoleSetAdvanceTermsMutationVariables>;
export const ConsoleReleaseHeldPayoutsDocument = {"__meta__":{"hash":"sha256:64e04910faab0ed1597b7ca01df41c4b14953c5c4d6d4303db07422517aeabe9"}} as unknown as TypedDocumentString<ConsoleReleaseHeldPayoutsMutation, ConsoleReleaseHeldPayoutsMutationVariables>;
export const ConsoleSettlementAgeingDocument = {"__meta__":{"hash":"sha256:5aa1797163ddb6915e186d210c5f35f5d226c30c29dbdbc0c967e1e0f5df2d75"}} as unknown as TypedDocumentString<ConsoleSettlementAgeingQuery, ConsoleSettlementAgeingQueryVariables>;
export const ConsoleCommissionSuppliersDocument = {"__meta__":{"hash":"sha256:bb309530d34528ea1b572950168a8ea1d0b9dac8d72227afa34efc2caa16ad44"}} as unknown as TypedDocumentString<ConsoleCommissionSuppliersQuery, ConsoleCommissionSuppliersQueryVariables>;
export const ConsoleCommissionRatesDocument = {"__meta__":{"hash":"sha256:1fdc8afe0695075f851b4d490de796012b1cd302b20b8d179ef2f5755d70106d"}} as unknown as TypedDocumentString<ConsoleCommissionRatesQuery, ConsoleCommissionRatesQueryVariables>;
export const ConsoleCommissionCategoriesDocument = {"__meta__":{"hash":"sha256:c9fc93ad484913b8bea773e3f8a21f5a642f583a9ac3daa5fe75d0d748d6b920"}} as unknown as TypedDocumentString<ConsoleCommissionCategoriesQuery, ConsoleCommissionCategoriesQueryVariables>;
export const ConsoleSetCommissionRateDocument = {"__meta__":{"hash":"sha256:bf1181a7609c50ec2a3e5fb4351504813a16616059b9e03944ea1f6fa2518d7a"}} as unknown as TypedDocumentString<ConsoleSetCommissionRateMutation, ConsoleSetCommissionRateMutationVariables>;
export const ConsoleEndCommissionRateDocument = {"__meta__":{"hash":"sha256:1d69635a14ccde5d0cceeedc5c5544444b4df688c150aa6a91583da0c13d7d7d"}} as unknown as TypedDocumentString<ConsoleEndCommissionRateMutation, ConsoleEndCommissionRateMutationVariables>;
export const ConsoleExportSettlementDocument = {"__meta__":{"hash":"sha256:c6745b649240d4e16d30817b5f82def96dda672392f025f735384efc43ab6f35"}} as unknown as TypedDocumentString<ConsoleExportSettlementQuery, ConsoleExportSettlementQueryVariables>;
export const ConsoleInvoiceStatementsDocument = {"__meta__":{"hash":"sha256:4dd1c71a46bd246e4d35848062956590d528d0b73694e6807bdf7fba13e93e40"}} as unknown as TypedDocumentString<ConsoleInvoiceStatementsQuery, ConsoleInvoiceStatementsQueryVariables>;
export const ConsoleStatementInvoicesDocument = {"__meta__":{"hash":"sha256:c1888c05800c03c6cebf366764a08b7d04f8bddbe1c5f39cdeccc36d5ef7b77c"}} as unknown as TypedDocumentString<ConsoleStatementInvoicesQuery, ConsoleStatementInvoicesQueryVariables>;
export const ConsoleRecordStatementInvoiceDocument = {"__meta__":{"hash":"sha256:7652491dbf1e3004d6c9d70209e45db189cc6bd7f8d542eef282428b0596977c"}} as unknown as TypedDocumentString<ConsoleRecordStatementInvoiceMutation, ConsoleRecordStatementInvoiceMutationVariables>;
export const ConsoleVoidStatementInvoiceDocument = {"__meta__":{"hash":"sha256:021c5005d153e77ed3ee2b84c8c00d51a256eab40476e969f8126f2b4010001a"}} as unknown as TypedDocumentString<ConsoleVoidStatementInvoiceMutation, ConsoleVoidStatementInvoiceMutationVariables>;
export const ConsoleCheckStatementInvoicesDocument = {"__meta__":{"hash":"sha256:5baea5dfa30b225944c57bc8404bb63c2377dd959dbd4b31ec34a2e879997d07"}} as unknown as TypedDocumentString<ConsoleCheckStatementInvoicesMutation, ConsoleCheckStatementInvoicesMutationVariables>;
export const ConsoleFlaggedInvoiceStatementsDocument = {"__meta__":{"hash":"sha256:cca55d2791c9c8ed854e4ca1d2a17f62e157ffff9c1669e9cec0fb1cdd559f21"}} as unknown as TypedDocumentString<ConsoleFlaggedInvoiceStatementsQuery, ConsoleFlaggedInvoiceStatementsQueryVariables>;
export const ConsoleReimbursableStatementsDocument = {"__meta__":{"hash":"sha256:63ad326966b08c61680320b608919000bfbe2843f2cf5dfa9a5724c7c36d6a54"}} as unknown as TypedDocumentString<ConsoleReimbursableStatementsQuery, ConsoleReimbursableStatementsQueryVariables>;
export const ConsoleReconciliationStatementsDocument = {"__meta__":{"hash":"sha256:e8719edceb2fa9d0c0192c965a4cbe9a1e28103683e0bcdfc1ff05af5b1ead3c"}} as unknown as TypedDocumentString<ConsoleReconciliationStatementsQuery, ConsoleReconciliationStatementsQueryVariables>;
export const ConsoleStatementReconciliationsDocument = {"__meta__":{"hash":"sha256:43097bfaf037433faaee28b74b0b2c1a50bc90ba4e753e4b828301aec195af03"}} as unknown as TypedDocumentString<ConsoleStatementReconciliationsQuery, ConsoleStatementReconciliationsQueryVariables>;
export const ConsoleStatementReconciliationDocument = {"__meta__":{"hash":"sha256:2186672631595e441554ed704cfdea4b67ca55866b181acb60985eb9cd0586a3"}} as unknown as TypedDocumentString<ConsoleStatementReconciliationQuery, ConsoleStatementReconciliationQueryVariables>;
export const ConsoleReconcileSupplierBillDocument = {"__meta__":{"hash":"sha256:f425eac9bac462dfaa1dc0e9896e15846e4e55ce62a2a8c552c8587d3752644a"}} as unknown as TypedDocumentString<ConsoleReconcileSupplierBillMutation, ConsoleReconcileSupplierBillMutationVariables>;
export const ConsoleSettlementStatementDocument = {"__meta__":{"hash":"sha256:4346b7ac2bb4f08056d14119b58f08162913fc195fd9807874e047ab907f6c0c"}} as unknown as TypedDocumentString<ConsoleSettlementStatementQuery, ConsoleSettlementStatementQueryVariables>;
export const ConsoleStatementLinesDocument = {"__meta__":{"hash":"sha256:13483400220e42a649ede99817cac0f3927ba4efc32872b3d6d6b0282eb667af"}} as unknown as TypedDocumentString<ConsoleStatementLinesQuery, ConsoleStatementLinesQueryVariables>;
export const ConsoleIssueStatementDocument = {"__meta__":{"hash":"sha256:92b2504da361c82fd6f80885b24585cf5786f085c61a21616b9772f87ec112c9"}} as unknown as TypedDocumentString<ConsoleIssueStatementMutation, ConsoleIssueStatementMutationVariables>;
export const ConsoleReissueStatementDocument = {"__meta__":{"hash":"sha256:5c0c793f44a4d589faadac9ff56a387ac29b1b66f48b67700cbaa883330e1ad0"}} as unknown as TypedDocumentString<ConsoleReissueStatementMutation, ConsoleReissueStatementMutationVariables>;
export const ConsoleConfirmStatementDocument = {"__meta__":{"hash":"sha256:7f21ed5e80d8dae864fcf94ba4ccddca1957bcebdd10b6e03791896460bdb268"}} as unknown as TypedDocumentString<ConsoleConfirmStatementMutation, ConsoleConfirmStatementMutationVariables>;
export const ConsoleDisputeStatementLinesDocument = {"__meta__":{"hash":"sha256:758b8e13bb6d2f4dae12a6b92a73858a0d6c11969a46da7c3df68293388a7f02"}} as unknown as TypedDocumentString<ConsoleDisputeStatementLinesMutation, ConsoleDisputeStatementLinesMutationVariables>;
export const ConsoleAdjustStatementDocument = {"__meta__":{"hash":"sha256:25b0f73f8f495a9a09577afbc71feb6529bf8b460adb493e14c43ddb27a47521"}} as unknown as TypedDocumentString<ConsoleAdjustStatementMutation, ConsoleAdjustStatementMutationVariables>;
export const ConsoleRejectStatementDisputeDocument = {"__meta__":{"hash":"sha256:662bee11cf5b11d4e8df86ae7cba8755618e277a0cf8ed2c528a7f6066eefbe2"}} as unknown as TypedDocumentString<ConsoleRejectStatementDisputeMutation, ConsoleRejectStatementDisputeMutationVariables>;
export const ConsoleRecordStatementPaymentDocument = {"__meta__":{"hash":"sha256:4e7f08f9e5fdfb8f478a1ee644ed43e874491769e72edd6c5691f2cbc39e0bba"}} as unknown as TypedDocumentString<ConsoleRecordStatementPaymentMutation, ConsoleRecordStatementPaymentMutationVariables>;
export const ConsoleSettlementStatementsDocument = {"__meta__":{"hash":"sha256:bb764b89d9a81cf73c5b15ddd5bc9fd8558526ee65ffe84dd2a16b6a107138b3"}} as unknown as TypedDocumentString<ConsoleSettlementStatementsQuery, ConsoleSettlementStatementsQueryVariables>;
export const ConsoleIssueStatementsDocument = {"__meta__":{"hash":"sha256:9010dc2ca80455942af89fff1a5660132c4c325cf41fa4597875401fe0c124e6"}} as unknown as TypedDocumentString<ConsoleIssueStatementsMutation, ConsoleIssueStatementsMutationVariables>;
export const ConsoleCreateCardKindDocument = {"__meta__":{"hash":"sha256:121692fad09ac8d5b5a6b1805e92f63439c7ffc6428e321de7b5b995da68ab23"}} as unknown as TypedDocumentString<ConsoleCreateCardKindMutation, ConsoleCreateCardKindMutationVariables>;
export const ConsoleUpdateCardKindDocument = {"__meta__":{"hash":"sha256:9df5d92254f9d9c79f335ca63189cff9d85ae5eeec8b8972f548b1c69447c773"}} as unknown as TypedDocumentString<ConsoleUpdateCardKindMutation, ConsoleUpdateCardKindMutationVariables>;
export const ConsoleCardPoolsDocument = {"__meta__":{"hash":"sha256:2f088bdb53919ccdd2a3424b1f281db33bd42e09e665bef313cec9bffa434369"}} as unknown as TypedDocumentString<ConsoleCardPoolsQuery, ConsoleCardPoolsQueryVariables>;
export const ConsoleUploadCodesDocument = {"__meta__":{"hash":"sha256:b51e411704aa9977b0e3c23a044b8dcb2e48e097051dc9664c17fcb2e0ac7dca"}} as unknown as TypedDocumentString<ConsoleUploadCodesMutation, ConsoleUploadCodesMutationVariables>;
export const ConsoleSetLowPoolThresholdDocument = {"__meta__":{"hash":"sha256:1e28c7da13ec06bbe3eb6e5ab19b8c313e56d45dd13261a8f4e4fc2ae7dbd5a2"}} as unknown as TypedDocumentString<ConsoleSetLowPoolThresholdMutation, ConsoleSetLowPoolThresholdMutationVariables>;
export const ConsoleProductCategoriesDocument = {"__meta__":{"hash":"sha256:555a1e34e6898b6d2d288d2a633d42d5416f1212b512f52bd44e070c4625943e"}} as unknown as TypedDocumentString<ConsoleProductCategoriesQuery, ConsoleProductCategoriesQueryVariables>;
export const ConsoleSupplierOrdersToFillDocument = {"__meta__":{"hash":"sha256:c0ec870cffa3758ec1c72258427a0bfac10189156c4b3f4e8f809c8cd6d2bd82"}} as unknown as TypedDocumentString<ConsoleSupplierOrdersToFillQuery, ConsoleSupplierOrdersToFillQueryVariables>;
export const ConsoleCancelSupplierOrderLinesDocument = {"__meta__":{"hash":"sha256:a1d7685adbb2fceb234dbbfcb95b605065d837a7cfe954436ac650d60c2a81e6"}} as unknown as TypedDocumentString<ConsoleCancelSupplierOrderLinesMutation, ConsoleCancelSupplierOrderLinesMutationVariables>;
export const ConsoleStartSkuImportDocument = {"__meta__":{"hash":"sha256:a10ee134dd06f09e36c68959c0c06bd484bcd2195a78282b3d07a562ca8cccd2"}} as unknown as TypedDocumentString<ConsoleStartSkuImportMutation, ConsoleStartSkuImportMutationVariables>;
export const ConsoleSkuImportDocument = {"__meta__":{"hash":"sha256:59033e25c1dcdb948d3bdc77c6ad623281941b9d7f5bddb9157b4dee5e97e9b2"}} as unknown as TypedDocumentString<ConsoleSkuImportQuery, ConsoleSkuImportQueryVariables>;
export const ConsoleSupplierProductsDocument = {"__meta__":{"hash":"sha256:3da24ed3d39d08b3d962e875d5f18c7fa42a173abfd33e1950670bdf0e3dfeac"}} as unknown as TypedDocumentString<ConsoleSupplierProductsQuery, ConsoleSupplierProductsQueryVariables>;
export const ConsoleProductSkusDocument = {"__meta__":{"hash":"sha256:bbe21f92988f8bbc6be36c7cd6a27ce756c7df65d0fba210f1917ac6946d904c"}} as unknown as TypedDocumentString<ConsoleProductSkusQuery, ConsoleProductSkusQueryVariables>;
export const ConsoleSaveProductDocument = {"__meta__":{"hash":"sha256:725ca77e691b134f9abb4288ec5f5646cd0c276c55a7e9ba5ff58f20754ad75b"}} as unknown as TypedDocumentString<ConsoleSaveProductMutation, ConsoleSaveProductMutationVariables>;
export const ConsoleSupplierSkusDocument = {"__meta__":{"hash":"sha256:80be2bd948c32ec307ec39ccf15ca95ed00e1c814db85206c88e0e8c85081fe1"}} as unknown as TypedDocumentString<ConsoleSupplierSkusQuery, ConsoleSupplierSkusQueryVariables>;
export const ConsoleUpdateSkuDocument = {"__meta__":{"hash":"sha256:dce8af83409d19f4e29aaadd2ecc20c61852c421a96d948a9d129d512937d9a5"}} as unknown as TypedDocumentString<ConsoleUpdateSkuMutation, ConsoleUpdateSkuMutationVariables>;
export const ConsoleCreateSkuDocument = {"__meta__":{"hash":"sha256:70ad155e7e2fb053fd62d14c4bcad4c2b9be98481c04dd1be9f10e389be9cb36"}} as unknown as TypedDocumentString<ConsoleCreateSkuMutation, ConsoleCreateSkuMutationVariables>;
export const ConsoleUpdateProductDocument = {"__meta__":{"hash":"sha256:4da3e3c20cbfecca8ff995df362cb5869d3cfb874e065d1a9d60334fb4bf8f17"}} as unknown as TypedDocumentString<ConsoleUpdateProductMutation, ConsoleUpdateProductMutationVariables>;
export const ConsoleCreateProductDocument = {"__meta__":{"hash":"sha256:d4e44fa4498c490e39d24f1e44ec177b2c57006313cc1de2addf9a6ae801752b"}} as unknown as TypedDocumentString<ConsoleCreateProductMutation, ConsoleCreateProductMutationVariables>;
export const ConsoleAuthorizedBrandsDocument = {"__meta__":{"hash":"sha256:6dfdab51821b1ba4070d22cfeee3f94dc0d04fcb8cab0ac19847b1d7bef32135"}} as unknown as TypedDocumentString<ConsoleAuthorizedBrandsQuery, ConsoleAuthorizedBrandsQueryVariables>;
export const ConsoleSupplierScorecardDocument = {"__meta__":{"hash":"sha256:c222a58fd0fa81b05b7ece81cf5a1cad7e2a9719f644bd77892d4fba2794163f"}} as unknown as TypedDocumentString<ConsoleSupplierScorecardQuery, ConsoleSupplierScorecardQueryVariables>;
export const ConsoleScorecardSuppliersDocument = {"__meta__":{"hash":"sha256:5ac72dbe55d1653369413c7097dce4d96a410a8ab5decb524c3000ef3b35023d"}} as unknown as TypedDocumentString<ConsoleScorecardSuppliersQuery, ConsoleScorecardSuppliersQueryVariables>;
export const ConsoleShippingOrdersDocument = {"__meta__":{"hash":"sha256:ab2c5770d98ce0b971ffcaa1a0d8ab448379514c843cf719c792cef199fe5a8e"}} as unknown as TypedDocumentString<ConsoleShippingOrdersQuery, ConsoleShippingOrdersQueryVariables>;
export const ConsoleSupplierPickListDocument = {"__meta__":{"hash":"sha256:bb1cd751487243dabff7143cf78039d1e603db34e6a4c8cf3eec4effe6f39afc"}} as unknown as TypedDocumentString<ConsoleSupplierPickListQuery, ConsoleSupplierPickListQueryVariables>;
export const ConsoleShippingCarriersDocument = {"__meta__":{"hash":"sha256:1caf6f750136c8fc0e1d042ff759fc6b3a7e881b0fb380680bba14863da5cce2"}} as unknown as TypedDocumentString<ConsoleShippingCarriersQuery, ConsoleShippingCarriersQueryVariables>;
export const ConsoleShipSupplierOrderDocument = {"__meta__":{"hash":"sha256:8b5a608d82ead0129215e0d2f598aaac804735c8f5d25742fd96da72d47747db"}} as unknown as TypedDocumentString<ConsoleShipSupplierOrderMutation, ConsoleShipSupplierOrderMutationVariables>;
export const ConsolePackingSlipDocument = {"__meta__":{"hash":"sha256:5c43aff145b8db17aa7eb27cd278633f1191a8f49b076d73109f027e12b2e492"}} as unknown as TypedDocumentString<ConsolePackingSlipQuery, ConsolePackingSlipQueryVariables>;
export const ConsoleStockSkusDocument = {"__meta__":{"hash":"sha256:633fcbc90a417c965ad6538557b2ded11d5849a6c4e7dc0475e798bd93169493"}} as unknown as TypedDocumentString<ConsoleStockSkusQuery, ConsoleStockSkusQueryVariables>;
export const ConsoleLowStockSkusDocument = {"__meta__":{"hash":"sha256:c91265b90dcaacd2c5e3fa719c05a1ec93780b8b7f030ff39500150cc14a445a"}} as unknown as TypedDocumentString<ConsoleLowStockSkusQuery, ConsoleLowStockSkusQueryVariables>;
export const ConsoleStockAdjustmentsDocument = {"__meta__":{"hash":"sha256:e933f0beb3270e87ee3c2edb6a426bf721796f04f686f252292e8a5dfbbbd8e9"}} as unknown as TypedDocumentString<ConsoleStockAdjustmentsQuery, ConsoleStockAdjustmentsQueryVariables>;
export const ConsoleAdjustStockDocument = {"__meta__":{"hash":"sha256:ad6a930fd07e531d2556aadb62f871091b3c03ed04740fa28f1b9eada8232904"}} as unknown as TypedDocumentString<ConsoleAdjustStockMutation, ConsoleAdjustStockMutationVariables>;
export const ConsoleSegmentsDocument = {"__meta__":{"hash":"sha256:100f9fecbec2ecfdc590347815acc31b2366723518cbb7bd94b796a53fa538a1"}} as unknown as TypedDocumentString<ConsoleSegmentsQuery, ConsoleSegmentsQueryVariables>;
export const ConsoleCreateSegmentDocument = {"__meta__":{"hash":"sha256:71ab26ca9a3a0ed1ab3e95459c81f52a7ec6b5eae530417a8f88931677288c0c"}} as unknown as TypedDocumentString<ConsoleCreateSegmentMutation, ConsoleCreateSegmentMutationVariables>;
export const ConsoleUpdateSegmentDocument = {"__meta__":{"hash":"sha256:2f3771cba7ef8bcf5ae0942df0e903f109ab881dd62d6a46056d0814d29026d3"}} as unknown as TypedDocumentString<ConsoleUpdateSegmentMutation, ConsoleUpdateSegmentMutationVariables>;
export const ConsoleTierEvaluationSettingsDocument = {"__meta__":{"hash":"sha256:7544bf0425afe14590433efeb1e6e8d10ad27723c31cc81d38b5b2b4861aec52"}} as unknown as TypedDocumentString<ConsoleTierEvaluationSettingsQuery, ConsoleTierEvaluationSettingsQueryVariables>;
export const ConsoleSetTierEvaluationSettingsDocument = {"__meta__":{"hash":"sha256:7ff3867503d80ff95a687acbf01e1170399158aea99d154627cef71e443f7495"}} as unknown as TypedDocumentString<ConsoleSetTierEvaluationSettingsMutation, ConsoleSetTierEvaluationSettingsMutationVariables>;
export const ConsoleTiersDocument = {"__meta__":{"hash":"sha256:217eb30fabdbce08eb953a89c578fa45a409a9e2ef43c2c5ee0f70bc8b3c3479"}} as unknown as TypedDocumentString<ConsoleTiersQuery, ConsoleTiersQueryVariables>;
export const ConsoleCreateTierDocument = {"__meta__":{"hash":"sha256:b608931a79ccd80b28a689284074d9aa42ab9cdb6fe2ff4d4da0f90dcdafa197"}} as unknown as TypedDocumentString<ConsoleCreateTierMutation, ConsoleCreateTierMutationVariables>;
export const ConsoleUpdateTierDocument = {"__meta__":{"hash":"sha256:45f67c46c9bdc802b18c3f9f24a0f6c850b31f6cb8643ee615c97c46cedcb01a"}} as unknown as TypedDocumentString<ConsoleUpdateTierMutation, ConsoleUpdateTierMutationVariables>;
export const ConsoleDeleteTierDocument = {"__meta__":{"hash":"sha256:5b8d108a7bc8f6227b8644f4e4c446fd7bc6e211a97d21a2d1dd9be9aea3f8f2"}} as unknown as TypedDocumentString<ConsoleDeleteTierMutation, ConsoleDeleteTierMutationVariables>;
export const ConsoleCreateWebhookEndpointDocument = {"__meta__":{"hash":"sha256:860becab0cd7206d3e92786a4ab975cfb2342e8bd8ae910db2439e3221f66f8e"}} as unknown as TypedDocumentString<ConsoleCreateWebhookEndpointMutation, ConsoleCreateWebhookEndpointMutationVariables>;