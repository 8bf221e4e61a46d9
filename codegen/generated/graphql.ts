/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type OrderStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'PAID'
  | 'PENDING_PAYMENT';

/** How a listing is paid for: points only, cash only (fen), or points plus cash. */
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
