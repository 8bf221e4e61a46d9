/** The curation page's operations (typed by `npm run codegen`). */
import { graphql } from '../../gql';

export const CurationBankDocument = graphql(`
  query ConsoleCurationBank {
    bank {
      id
      name
      pointsPerYuan
      maxPointsShareBp
      malls {
        id
        name
      }
      tiers {
        id
        name
        rank
      }
      segments(first: 100) {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  }
`);

export const CurationCategoriesDocument = graphql(`
  query ConsoleCurationCategories($parentId: ID) {
    categories(parentId: $parentId) {
      id
      name
    }
  }
`);

export const CurationBrandsDocument = graphql(`
  query ConsoleCurationBrands($first: Int, $after: String) {
    brands(first: $first, after: $after) {
      edges {
        node {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CurationSuppliersDocument = graphql(`
  query ConsoleCurationSuppliers($first: Int, $after: String) {
    suppliers(first: $first, after: $after) {
      edges {
        node {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CurationPoolDocument = graphql(`
  query ConsoleCurationPool($filter: SkuPoolFilter, $sort: PoolSort, $first: Int, $after: String) {
    poolSkus(filter: $filter, sort: $sort, first: $first, after: $after) {
      edges {
        node {
          id
          title
          code
          kind
          supplierPriceFen
          listPriceFen
          brand {
            id
            name
          }
          category {
            id
            name
          }
          supplier {
            id
            name
          }
          stock {
            available
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Every SKU matching a filter, 100 at a time, for "select all matching". */
export const CurationPoolIdsDocument = graphql(`
  query ConsoleCurationPoolIds($filter: SkuPoolFilter, $after: String) {
    poolSkus(filter: $filter, first: 100, after: $after) {
      edges {
        node {
          id
          title
          supplierPriceFen
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CurationSkuDocument = graphql(`
  query ConsoleCurationSku($id: ID!) {
    sku(id: $id) {
      id
      title
      code
      barcode
      kind
      supplierPriceFen
      listPriceFen
      weightGrams
      specs {
        name
        value
      }
      brand {
        id
        name
      }
      category {
        id
        name
      }
      supplier {
        id
        name
        code
      }
      stock {
        available
        reserved
        lowStock
      }
      product {
        id
        title
        description
        images
        attributes {
          name
          value
        }
      }
    }
  }
`);

/** Which of up to 100 SKUs the mall already lists. */
export const CurationListedDocument = graphql(`
  query ConsoleCurationListed($mallId: ID!, $skuIds: [ID!]!) {
    mall(id: $mallId) {
      id
      listings(first: 100, filter: { skuIds: $skuIds }) {
        edges {
          node {
            id
            sku {
              id
            }
          }
        }
      }
    }
  }
`);

export const CurationListingsDocument = graphql(`
  query ConsoleCurationListings($mallId: ID!, $filter: ListingFilter, $first: Int, $after: String) {
    mall(id: $mallId) {
      id
      listings(filter: $filter, first: $first, after: $after) {
        edges {
          node {
            id
            status
            priceMode
            pricePoints
            priceFen
            featuredRank
            startsAt
            endsAt
            skuOnSale
            priceGuard {
              state
              supplierPriceFen
              at
            }
            sku {
              id
              title
              supplierPriceFen
            }
            visibleTiers {
              id
              name
            }
            targetSegments {
              id
              name
            }
            tierPrices {
              tierId
              priceMode
              pricePoints
              priceFen
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const CurationCreateListingDocument = graphql(`
  mutation ConsoleCurationCreateListing($input: CreateListingInput!) {
    createListing(input: $input) {
      listing {
        id
        status
        priceMode
        pricePoints
        priceFen
      }
      warnings {
        skuId
        listingId
        supplierPriceFen
        message
      }
    }
  }
`);

export const CurationCreateListingsDocument = graphql(`
  mutation ConsoleCurationCreateListings($input: CreateListingsInput!) {
    createListings(input: $input) {
      listings {
        id
        sku {
          id
        }
      }
      warnings {
        skuId
        listingId
        supplierPriceFen
        message
      }
    }
  }
`);

export const CurationUpdateListingDocument = graphql(`
  mutation ConsoleCurationUpdateListing($input: UpdateListingInput!) {
    updateListing(input: $input) {
      listing {
        id
        status
        priceMode
        pricePoints
        priceFen
      }
      warnings {
        skuId
        listingId
        supplierPriceFen
        message
      }
    }
  }
`);

export const CurationRequestApprovalDocument = graphql(`
  mutation ConsoleCurationRequestApproval($input: RequestApprovalInput!) {
    requestApproval(input: $input) {
      id
      status
    }
  }
`);

export const CurationSetTierPricesDocument = graphql(`
  mutation ConsoleCurationSetTierPrices($input: SetListingTierPricesInput!) {
    setListingTierPrices(input: $input) {
      listing {
        id
      }
      tierPrices {
        tierId
        priceMode
        pricePoints
        priceFen
      }
      warnings {
        message
      }
    }
  }
`);
