import type { SqlEntityManager } from '@mikro-orm/knex';
import { intFromEnv } from '../../../core/config';
import { PLATFORM_ROLES, requireRoleAndPermission, type Principal } from '../../../core/identity';
import { isMySql, selectRows } from '../../../core/sql';

export interface PoolHealth {
  skusOnSale: number;
  outOfStock: number;
  cardPoolsRunningDry: number;
  cardPoolsEmpty: number;
  computedAt: Date;
}

/**
 * The shared pool's health for the platform (SEE_REPORTS; banks and suppliers are FORBIDDEN), in one
 * statement of five counts, one of them a scan of the `sku` table:
 * - on sale: ACTIVE SKUs, counted over the table (the one scan: an index on `status` alone would
 *   change how MariaDB plans the pool search's pages — it took sku_newest for a supplier filter);
 * - out of stock: ACTIVE SKUs that cannot be sold now — goods whose `stock.available` is 0 (the
 *   `stock_available` index: only the out-of-stock rows, each joined to its SKU by primary key) and
 *   card SKUs whose pool's `available_codes` counter is 0 (empty kinds, then their SKUs by the
 *   `virtual_card_kind_id` index);
 * - card pools running dry: kinds at or below their low-pool threshold (a scan of `virtual_card_kind`,
 *   one row per card kind: thousands, not millions), and those empty.
 * The list of dry pools is `virtualCardKinds(depletingOnly: true)`, keyset paged.
 *
 * Bounded, not free: at 2M SKUs the on-sale count still reads ~2M index entries and the out-of-stock
 * goods one primary-key lookup per SKU at 0 (about a second together on a busy machine, measured on
 * a 2M-row scratch copy). So the answer is shared by every caller of this process for
 * PERKMALL_POOL_HEALTH_CACHE_MS (default 30 s; 0: read every time), one read at a time: a dashboard
 * open on many screens costs one read per 30 s, and `computedAt` says how fresh the figures are.
 */
const CACHE_MS = intFromEnv('PERKMALL_POOL_HEALTH_CACHE_MS', 30_000);
let cached: { at: number; value: Promise<PoolHealth> } | null = null;

export class PoolHealthService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async health(): Promise<PoolHealth> {
    requireRoleAndPermission(
      this.principal,
      PLATFORM_ROLES,
      { platform: 'SEE_REPORTS' },
      'The pool’s health across every supplier is the platform’s; suppliers read their own low-stock lists',
    );
    if (CACHE_MS === 0) return this.read();
    if (!cached || Date.now() - cached.at >= CACHE_MS) {
      const value = this.read();
      cached = { at: Date.now(), value };
      // A failed read is not kept: the next caller tries again.
      value.catch(() => {
        if (cached?.value === value) cached = null;
      });
    }
    return cached.value;
  }

  private async read(): Promise<PoolHealth> {
    // MariaDB: the join order and index named (its planner may otherwise start from sku); SQLite plans these alone.
    const my = isMySql(this.em);
    const join = my ? 'STRAIGHT_JOIN' : 'JOIN';
    const [row] = await selectRows<{
      on_sale: string;
      goods_out: string;
      cards_out: string;
      dry: string;
      empty: string;
    }>(
      this.em,
      `SELECT
         (SELECT COUNT(*) FROM sku WHERE status = 'ACTIVE') AS on_sale,
         (SELECT COUNT(*) FROM stock st ${join} sku s ON s.id = st.sku_id
            WHERE st.available = 0 AND s.status = 'ACTIVE' AND s.virtual_card_kind_id IS NULL) AS goods_out,
         (SELECT COUNT(*) FROM virtual_card_kind k ${join} sku s ON s.virtual_card_kind_id = k.id
            WHERE k.available_codes = 0 AND s.status = 'ACTIVE') AS cards_out,
         (SELECT COUNT(*) FROM virtual_card_kind WHERE available_codes <= low_pool_threshold) AS dry,
         (SELECT COUNT(*) FROM virtual_card_kind WHERE available_codes = 0) AS empty`,
    );
    return {
      skusOnSale: Number(row?.on_sale ?? 0),
      outOfStock: Number(row?.goods_out ?? 0) + Number(row?.cards_out ?? 0),
      cardPoolsRunningDry: Number(row?.dry ?? 0),
      cardPoolsEmpty: Number(row?.empty ?? 0),
      computedAt: new Date(),
    };
  }
}
