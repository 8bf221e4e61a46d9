import { byId } from '../../core/loaders';
import type { SubgraphContext } from '../../core/subgraph';
import { Bank } from './entities/bank';
import { Customer } from './entities/customer';
import { Listing } from './entities/listing';
import { Mall } from './entities/mall';

export function tenantsLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  return {
    bank: loaders.one('Bank', byId(em, Bank)),
    mall: loaders.one('Mall', byId(em, Mall)),
    listing: loaders.one('Listing', byId(em, Listing)),
    customer: loaders.one('Customer', byId(em, Customer)),
  };
}
