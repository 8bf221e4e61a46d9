import type { SqlEntityManager } from '@mikro-orm/knex';
import { Carrier } from '../entities/carrier';

export class CarrierService {
  constructor(private readonly em: SqlEntityManager) {}

  /** The carriers suppliers may ship with: a short, fixed list (their callback secrets never leave this subgraph). */
  list(): Promise<Carrier[]> {
    return this.em.find(Carrier, {}, { orderBy: { code: 'ASC' }, limit: 100 });
  }
}
