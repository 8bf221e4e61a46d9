/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
};

/** A bank tenant running one or more malls. */
export type Bank = {
  /** Short unique code, e.g. "HZBANK". */
  code: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Largest share of a cash price points may cover, in basis points (7000 = 70%). */
  maxPointsShareBp: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** How many points are worth 1 CNY. */
  pointsPerYuan: Scalars['Int']['output'];
};

/** A brand; many suppliers may sell the same brand. */
export type Brand = {
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Brand name as shown to customers. */
  name: Scalars['String']['output'];
};

/** A delivery company. */
export type Carrier = {
  /** Carrier code, e.g. "SF" or "ZTO". */
  code: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

/** A new partner-app credential for a bank. */
export type CreatePartnerAppInput = {
  /** The bank the app acts for (your own bank). */
  bankId: Scalars['ID']['input'];
  /** A name operators recognise, e.g. "Mobile banking app". */
  name: Scalars['String']['input'];
};

/** The new credential. The secret is shown only here, once. */
export type CreatePartnerAppPayload = {
  /** Send as client_id to POST /oauth/token. */
  clientId: Scalars['String']['output'];
  /** Send as client_secret; store it safely, it cannot be shown again. */
  clientSecret: Scalars['String']['output'];
  partnerAppId: Scalars['ID']['output'];
};

/** A bank's customer (the bank's own reference, no more personal data than segments need). */
export type Customer = {
  createdAt: Scalars['DateTime']['output'];
  /** The bank's own customer reference. */
  externalRef: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The customer's orders, newest first. */
  orders: OrderConnection;
  /** Points on both tracks. */
  points: CustomerPoints;
};


/** A bank's customer (the bank's own reference, no more personal data than segments need). */
export type CustomerOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A customer's points on both tracks. */
export type CustomerPoints = {
  /** Points held by checkouts awaiting payment. */
  held: Scalars['Int']['output'];
  /** Redeemable points (产品积分) available to spend. */
  redeemable: Scalars['Int']['output'];
  /** Tier points (定级积分); they decide the tier and are never spent. */
  tierPoints: Scalars['Int']['output'];
};

/** A bank's offer of one pool SKU in one mall, with its price. */
export type Listing = {
  createdAt: Scalars['DateTime']['output'];
  /** Higher shows first. */
  featuredRank: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  mall: Mall;
  /** Cash part of the price, in fen. */
  priceFen: Scalars['Int']['output'];
  priceMode: PriceMode;
  /** Points part of the price. */
  pricePoints: Scalars['Int']['output'];
  /** The pool SKU on offer. */
  sku: Sku;
  status: ListingStatus;
};

export type ListingConnection = {
  /** The items of this page. */
  edges: Array<ListingEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
};

/** One Listing in a page. */
export type ListingEdge = {
  /** Opaque position of this edge. */
  cursor: Scalars['String']['output'];
  /** The Listing. */
  node: Listing;
};

export type ListingStatus =
  | 'ACTIVE'
  | 'PAUSED';

/** A bank's storefront, e.g. its credit-card mall. */
export type Mall = {
  bank: Bank;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Listings of this mall, featured first. */
  listings: ListingConnection;
  name: Scalars['String']['output'];
};


/** A bank's storefront, e.g. its credit-card mall. */
export type MallListingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  /** Register a partner app (bank admins). */
  createPartnerApp: CreatePartnerAppPayload;
};


export type MutationCreatePartnerAppArgs = {
  input: CreatePartnerAppInput;
};

/** A customer's order. */
export type Order = {
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  status: OrderStatus;
  /** Cash paid, in fen. */
  totalFen: Scalars['Int']['output'];
  /** Points paid. */
  totalPoints: Scalars['Int']['output'];
};

export type OrderConnection = {
  /** The items of this page. */
  edges: Array<OrderEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
};

/** One Order in a page. */
export type OrderEdge = {
  /** Opaque position of this edge. */
  cursor: Scalars['String']['output'];
  /** The Order. */
  node: Order;
};

export type OrderStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'PAID'
  | 'PENDING_PAYMENT';

/** Relay page information. */
export type PageInfo = {
  /** Cursor of the last edge; pass as `after` for the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether this page was reached with a cursor. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** Internal: who a partner-app credential belongs to. */
export type PartnerAppAuthentication = {
  bankId: Scalars['ID']['output'];
  partnerAppId: Scalars['ID']['output'];
};

/** How a listing is paid for. */
export type PriceMode =
  | 'CASH'
  | 'POINTS'
  | 'POINTS_PLUS_CASH';

/** A product (SPU); its SKUs are the purchasable variants. */
export type Product = {
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Image URLs, first is the cover. */
  images: Array<Scalars['String']['output']>;
  title: Scalars['String']['output'];
};

export type Query = {
  /** Carriers suppliers can ship with (a short, fixed list). */
  carriers: Array<Carrier>;
  /** A customer of your bank; customers omit the id to get themselves. */
  customer: Customer;
  /** A mall of your bank (platform admins: any mall). */
  mall: Mall;
  /** Your own points (customers only). */
  myPoints: Maybe<CustomerPoints>;
  /** One SKU of the shared pool. */
  sku: Sku;
  /** A supplier by id. */
  supplier: Supplier;
};


export type QueryCustomerArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryMallArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySkuArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySupplierArgs = {
  id: Scalars['ID']['input'];
};

/** A purchasable variant of a product, in the shared pool. */
export type Sku = {
  /** EAN/UPC barcode. */
  barcode: Maybe<Scalars['String']['output']>;
  brand: Brand;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: SkuKind;
  /** Suggested retail price in fen. */
  listPriceFen: Scalars['Int']['output'];
  /** The product this SKU is a variant of. */
  product: Product;
  status: SkuStatus;
  stock: Stock;
  supplier: Supplier;
  /** What a bank pays the supplier per unit, in fen. Null for customers and partner apps. */
  supplierPriceFen: Maybe<Scalars['Int']['output']>;
  /** Product title plus the spec values. */
  title: Scalars['String']['output'];
  /** Shipping weight in grams (0 for virtual cards). */
  weightGrams: Scalars['Int']['output'];
};

/** Physical goods ship; virtual cards are issued as codes. */
export type SkuKind =
  | 'PHYSICAL'
  | 'VIRTUAL';

/** Whether banks may sell the SKU. */
export type SkuStatus =
  | 'ACTIVE'
  | 'INACTIVE';

/** Stock of one SKU. */
export type Stock = {
  /** Units that can be sold now. */
  available: Scalars['Int']['output'];
  /** At or below this many available units the SKU counts as low stock. */
  lowStockThreshold: Scalars['Int']['output'];
  /** Units held by orders awaiting payment or commit. */
  reserved: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** A company that publishes goods into the shared pool and ships them. */
export type Supplier = {
  /** Short unique code, e.g. "JD-GOODS". */
  code: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
};

export type OrderStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'PAID'
  | 'PENDING_PAYMENT';

/** How a listing is paid for. */
export type PriceMode =
  | 'CASH'
  | 'POINTS'
  | 'POINTS_PLUS_CASH';

export type MyAccountQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type MyAccountQuery = { customer: { id: string, externalRef: string, points: { redeemable: number, held: number, tierPoints: number }, orders: { edges: Array<{ node: { id: string, status: OrderStatus, totalPoints: number, totalFen: number, createdAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type MallListingsQueryVariables = Exact<{
  mallId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MallListingsQuery = { mall: { id: string, name: string, listings: { edges: Array<{ cursor: string, node: { id: string, priceMode: PriceMode, pricePoints: number, priceFen: number, sku: { id: string, title: string, brand: { name: string }, stock: { available: number }, supplier: { name: string } } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };
