import type { SqlEntityManager } from '@mikro-orm/knex';
import { intFromEnv } from '../../../core/config';
import { PLATFORM_ROLES, requireRoleAndPermission, type Principal } from '../../../core/identity';
import os from 'node:os';
import type { MikroORM } from '@mikro-orm/core';
import type { BackgroundTask } from '../../../core/background';
import { insertIgnoringDuplicates, isMySql, selectRows } from '../../../core/sql';
import { PoolHealthSnapshot } from '../entities/pool-health';

export interface PoolHealth {
  skusOnSale: number;
  outOfStock: number;
  cardPoolsRunningDry: number;
  cardPoolsEmpty: number;
  computedAt: Date;
}

/**
 * The shared pool's health for the platform (SEE_REPORTS; banks and suppliers are FORBIDDEN), read
 * from a snapshot row (`pool_health_snapshot`, one row): one primary-key read per call, whatever the
 * pool's size. The five counts behind it —
 * - on sale: ACTIVE SKUs, counted over the table (the one scan: an index on `status` alone would
 *   change how MariaDB plans the pool search's pages — it took sku_newest for a supplier filter);
 * - out of stock: ACTIVE SKUs that cannot be sold now — goods whose `stock.available` is 0 (the
 *   `stock_available` index: only the out-of-stock rows, each joined to its SKU by primary key) and
 *   card SKUs whose pool's `available_codes` counter is 0 (empty kinds, then their SKUs by the
 *   `virtual_card_kind_id` index);
 * - card pools running dry: kinds at or below their low-pool threshold (a scan of `virtual_card_kind`,
 *   one row per card kind: thousands, not millions), and those empty —
 * cost about a second at 2M SKUs, so a background task (`poolHealthTask`) recounts them every
 * PERKMALL_POOL_HEALTH_CACHE_MS (default 30 s) and the answer carries `computedAt` (its age). With
 * several catalog replicas one of them counts per period: a replica first takes the lease by a
 * conditional UPDATE (the snapshot is stale and nobody's lease is running), and only the one whose
 * UPDATE changed the row counts. Before the first count (a new install) the first caller counts; with
 * PERKMALL_POOL_HEALTH_CACHE_MS=0 every call counts (tests that need exact figures at once).
 * The list of dry pools is `virtualCardKinds(depletingOnly: true)`, keyset paged.
 */
const CACHE_MS = intFromEnv('PERKMALL_POOL_HEALTH_CACHE_MS', 30_000);
/** How long a replica may take to count before another may take over (a crashed counter). */
const LEASE_MS = 120_000;
const SNAPSHOT_ID = 1;
const OWNER = `${os.hostname()}:${process.pid}`.slice(0, 64);

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
    if (CACHE_MS > 0) {
      const snapshot = await this.em.findOne(PoolHealthSnapshot, { id: SNAPSHOT_ID }, { disableIdentityMap: true });
      if (snapshot?.computedAt) return figuresOf(snapshot);
    }
    // Not counted yet (or asked to count every time): count now, and keep it for the others.
    const fresh = await countPoolHealth(this.em);
    await storePoolHealth(this.em, fresh);
    return fresh;
  }
}

/**
 * One background pass: recount when the snapshot is older than the period and this replica wins
 * the lease (a conditional UPDATE: at most one replica's changes the row). Returns whether it counted.
 */
export async function refreshPoolHealth(em: SqlEntityManager, now = new Date()): Promise<boolean> {
  await insertIgnoringDuplicates(em, 'pool_health_snapshot', [{ id: SNAPSHOT_ID }], ['id']);
  const staleBefore = new Date(now.getTime() - CACHE_MS * 0.9);
  const won = await em.nativeUpdate(
    PoolHealthSnapshot,
    {
      id: SNAPSHOT_ID,
      $and: [
        { $or: [{ computedAt: null }, { computedAt: { $lt: staleBefore } }] },
        { $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
      ],
    },
    { leaseOwner: OWNER, leaseUntil: new Date(now.getTime() + LEASE_MS) },
  );
  if (won !== 1) return false;
  await storePoolHealth(em, await countPoolHealth(em), OWNER);
  return true;
}

/** Writes the figures and ends the lease (only the lease holder's, when counted under one). */
async function storePoolHealth(em: SqlEntityManager, h: PoolHealth, owner?: string): Promise<void> {
  await insertIgnoringDuplicates(em, 'pool_health_snapshot', [{ id: SNAPSHOT_ID }], ['id']);
  await em.nativeUpdate(PoolHealthSnapshot, owner ? { id: SNAPSHOT_ID, leaseOwner: owner } : { id: SNAPSHOT_ID }, {
    skusOnSale: h.skusOnSale,
    outOfStock: h.outOfStock,
    cardPoolsRunningDry: h.cardPoolsRunningDry,
    cardPoolsEmpty: h.cardPoolsEmpty,
    computedAt: h.computedAt,
    ...(owner ? { leaseOwner: null, leaseUntil: null } : {}),
  });
}

/** The five counts (one statement; about a second at 2M SKUs). */
async function countPoolHealth(em: SqlEntityManager): Promise<PoolHealth> {
  // MariaDB: the join order and index named (its planner may otherwise start from sku); SQLite plans these alone.
  const my = isMySql(em);
  const join = my ? 'STRAIGHT_JOIN' : 'JOIN';
  const [row] = await selectRows<{
    on_sale: string;
    goods_out: string;
    cards_out: string;
    dry: string;
    empty: string;
  }>(
    em,
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
    // Whole seconds, as the datetime column keeps it: the first answer equals the stored one.
    computedAt: new Date(Math.floor(Date.now() / 1000) * 1000),
  };
}

function figuresOf(s: PoolHealthSnapshot): PoolHealth {
  return {
    skusOnSale: s.skusOnSale,
    outOfStock: s.outOfStock,
    cardPoolsRunningDry: s.cardPoolsRunningDry,
    cardPoolsEmpty: s.cardPoolsEmpty,
    computedAt: s.computedAt!,
  };
}

/** The recount every period (every replica runs it; the lease lets one of them count). */
export function poolHealthTask(orm: MikroORM): BackgroundTask {
  return {
    name: 'pool-health',
    intervalMs: Math.max(CACHE_MS, 1000),
    async run() {
      if (CACHE_MS === 0) return;
      const em = orm.em.fork() as SqlEntityManager;
      await refreshPoolHealth(em);
    },
  };
}
