/**
 * Announcing when a SKU's availability flips: banks' malls copy "in stock" onto each listing for
 * their search (tenants `refreshSkuAvailability`). Only a change that crosses zero — the last unit
 * taken, the first unit back; for a card SKU its pool's last or first code — writes the event, in
 * the transaction of that change, and bumps the row's `availability_version`, which tenants keeps
 * with its copy so a late or repeated read never overwrites a newer one. Every other stock move is
 * the statement it was: the usual UPDATE carries `available > n` (not `>= n`), and only when it
 * misses is the crossing one tried.
 */
import type { SqlEntityManager } from '@mikro-orm/knex';
import { enqueueEvent } from '../../../core/outbox';
import { affectedRows as run, selectRows } from '../../../core/sql';
import { SKU_AVAILABILITY_CHANGED } from '../events';

/** In the caller's transaction, with the change that crossed zero. */
export function announceAvailability(em: SqlEntityManager, skuIds: number[]): void {
  // tenants' refreshSkuAvailability takes at most 1,000 SKUs a call.
  for (let i = 0; i < skuIds.length; i += 1000)
    enqueueEvent(em, SKU_AVAILABILITY_CHANGED, { skuIds: skuIds.slice(i, i + 1000).map(String) });
}

/** The version a SKU's "in stock" fact has now, in SQL for a SKU aliased `s` (its stock row's, or its card pool's). */
export const AVAILABILITY_VERSION_SQL = `(case when s.virtual_card_kind_id is null then coalesce((select st.availability_version from stock st where st.sku_id = s.id), 0) else coalesce((select k.availability_version from virtual_card_kind k where k.id = s.virtual_card_kind_id), 0) end)`;

/**
 * Takes `n` units of a goods SKU off sale (`hold`: into `reserved`, as a checkout does); false when
 * it has fewer. Announces when they were the last ones.
 */
export async function takeStock(em: SqlEntityManager, skuId: number, n: number, hold: boolean): Promise<boolean> {
  const set = `available = available - ?${hold ? ', reserved = reserved + ?' : ''}`;
  const amounts = hold ? [n, n] : [n];
  if ((await run(em, `UPDATE stock SET ${set} WHERE sku_id = ? AND available > ?`, [...amounts, skuId, n])) === 1)
    return true;
  const last = await run(
    em,
    `UPDATE stock SET ${set}, availability_version = availability_version + 1 WHERE sku_id = ? AND available = ?`,
    [...amounts, skuId, n],
  );
  if (last !== 1) return false;
  announceAvailability(em, [skuId]);
  return true;
}

/**
 * Puts `n` units of a goods SKU back on sale (`fromReserved`: out of `reserved`, which must hold
 * them — a released checkout); false when the row does not qualify. Announces when the SKU had none.
 */
export async function putBackStock(
  em: SqlEntityManager,
  skuId: number,
  n: number,
  fromReserved: boolean,
): Promise<boolean> {
  const set = `available = available + ?, updated_at = ?${fromReserved ? ', reserved = reserved - ?' : ''}`;
  const params = fromReserved ? [n, new Date(), n] : [n, new Date()];
  const guard = fromReserved ? ' AND reserved >= ?' : '';
  const guardParams = fromReserved ? [n] : [];
  if (
    (await run(em, `UPDATE stock SET ${set} WHERE sku_id = ?${guard} AND available > 0`, [
      ...params,
      skuId,
      ...guardParams,
    ])) === 1
  )
    return true;
  const first = await run(
    em,
    `UPDATE stock SET ${set}, availability_version = availability_version + 1 WHERE sku_id = ?${guard} AND available <= 0`,
    [...params, skuId, ...guardParams],
  );
  if (first !== 1) return false;
  announceAvailability(em, [skuId]);
  return true;
}

/** A manual adjustment moved `available` from `before` to `after` (the row is locked): announces a crossing. */
export async function adjustedStock(em: SqlEntityManager, skuId: number, before: number, after: number): Promise<void> {
  if (before > 0 === after > 0) return;
  await run(em, 'UPDATE stock SET availability_version = availability_version + 1 WHERE sku_id = ?', [skuId]);
  announceAvailability(em, [skuId]);
}

/**
 * A card pool's counter crossed zero (its kind's row is locked by the statement that moved it, which
 * also bumped the version): announces every SKU of the kind.
 */
export async function announcePool(em: SqlEntityManager, kindId: number): Promise<void> {
  const skus = await selectRows<{ id: number }>(em, 'SELECT id FROM sku WHERE virtual_card_kind_id = ? ORDER BY id', [
    kindId,
  ]);
  if (skus.length)
    announceAvailability(
      em,
      skus.map((s) => Number(s.id)),
    );
}
