import type { SubgraphDefinition } from '../../core/subgraph';
import { Bank } from './entities/bank';
import { Customer } from './entities/customer';
import { Listing } from './entities/listing';
import { Mall } from './entities/mall';
import { PartnerApp } from './entities/partner-app';
import { tenantsLoaders } from './loaders';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { CustomerResolver } from './resolvers/customer.resolver';
import { PartnerAppResolver } from './resolvers/partner-app.resolver';
import { ListingResolver, MallResolver } from './resolvers/mall.resolver';
import { assertCanSeeCustomer, assertSameBank } from './services/access';

export const tenantsSubgraph: SubgraphDefinition = {
  name: 'tenants',
  storage: {
    name: 'tenants',
    entities: [Bank, Mall, Listing, Customer, PartnerApp],
    migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  },
  resolvers: [MallResolver, ListingResolver, CustomerResolver, PartnerAppResolver],
  referenceResolvers: {
    // References apply the same visibility rules as direct queries: another bank's object is null.
    Mall: async (ref, ctx) => {
      const mall = await tenantsLoaders(ctx).mall.load(ref.id);
      if (!mall) return null;
      try { assertSameBank(ctx.principal, mall.bank.id, 'Mall', mall.id); } catch { return null; }
      return mall;
    },
    Listing: async (ref, ctx) => {
      const listing = await tenantsLoaders(ctx).listing.load(ref.id);
      if (!listing) return null;
      try { assertSameBank(ctx.principal, listing.bankId, 'Listing', listing.id); } catch { return null; }
      return listing;
    },
    Customer: async (ref, ctx) => {
      const customer = await tenantsLoaders(ctx).customer.load(ref.id);
      if (!customer) return null;
      try { assertCanSeeCustomer(ctx.principal, customer); } catch { return null; }
      return customer;
    },
    Bank: (ref, ctx) => tenantsLoaders(ctx).bank.load(ref.id),
  },
};
