import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { BackgroundTask } from '../../../core/background';
import { notifyBank } from '../../../core/bank-notifications';
import { positiveIntFromEnv } from '../../../core/config';
import { badInput, conflict, type FieldProblem } from '../../../core/errors';
import { BANK_ROLES, requireRole, type Principal } from '../../../core/identity';
import { numericIds } from '../../../core/loaders';
import type { Logger } from '../../../core/logger';
import { enqueueEvent } from '../../../core/outbox';
import { DeliveryMode } from '../../../core/perk-delivery';
import { SealedBox, deriveKey, loadMasterKey } from '../../../core/sealed-box';
import { affectedRows, inTransaction, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { assertVisible } from '../../../core/tenancy';
import { PerkDelivery, PerkDeliveryState } from '../entities/perk-delivery';
import {
  partnerAdapterFor,
  type ApiDeliveryMode,
  type IssuedVoucher,
  type PartnerDeliveryAdapter,
  type PerkIssueOutcome,
} from './partner-delivery/adapter';
import { PartnerEndpointService, partnerCallbackUrl } from './partner-endpoint.service';
import { PERK_UNIT_SETTLED } from '../events';

/** The delivery job's timings, from the environment (tests make them seconds). */
export interface PerkDeliverySettings {
  /** How often the job looks for due units. */
  intervalMs: number;
  /** First retry after an unknown outcome; doubles per attempt up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A PENDING unit (accepted, result to come by callback) is queried after this. */
  pendingQueryMs: number;
  /** After this an unknown outcome is only queried, never re-sent; the partner never saw it → FAILED. */
  deadlineMs: number;
  /** How long one process holds a claimed unit before another may take it (a crash's claim expires). */
  claimMs: number;
}

export function perkDeliverySettings(): PerkDeliverySettings {
  return {
    intervalMs: positiveIntFromEnv('PERKMALL_PERK_DELIVERY_INTERVAL_MS', 1000),
    retryBaseMs: positiveIntFromEnv('PERKMALL_PERK_DELIVERY_RETRY_BASE_MS', 2000),
    retryMaxMs: positiveIntFromEnv('PERKMALL_PERK_DELIVERY_RETRY_MAX_MS', 5 * 60_000),
    pendingQueryMs: positiveIntFromEnv('PERKMALL_PERK_DELIVERY_PENDING_QUERY_MS', 30_000),
    deadlineMs: positiveIntFromEnv('PERKMALL_PERK_DELIVERY_DEADLINE_SECONDS', 24 * 3600) * 1000,
    claimMs: positiveIntFromEnv('PERKMALL_PERK_DELIVERY_CLAIM_MS', 60_000),
  };
}

/** Seals partner-issued vouchers at rest (customers see theirs; nobody else does). */
let voucherBox: SealedBox | undefined;
function vouchers(): SealedBox {
  voucherBox ??= new SealedBox(
    deriveKey(loadMasterKey('PERKMALL_PARTNER_SECRET_KEY', 'partner-secret.key'), 'perkmall/partner/voucher'),
  );
  return voucherBox;
}

export function openVoucher(d: Pick<PerkDelivery, 'idempotencyKey' | 'voucherSealed'>): IssuedVoucher | null {
  if (!d.voucherSealed) return null;
  try {
    return JSON.parse(vouchers().open(d.voucherSealed, `perk:${d.idempotencyKey}`)) as IssuedVoucher;
  } catch {
    return null;
  }
}

/** What orders sends when a line delivered unit by unit was paid (`orders.perk-delivery-requested`). */
export interface OpenPerkDeliveries {
  orderId: string | number;
  orderLineId: string | number;
  supplierOrderId: string | number;
  supplierId: string | number;
  bankId: string | number;
  customerId: string | number;
  skuId: string | number;
  title: string;
  mode: DeliveryMode;
  partnerProductCode?: string | null;
  recipientAccount?: string | null;
  quantity: number;
}

const MAX_UNITS = 999;

export const perkKey = (orderLineId: number, unitIndex: number) => `pm-${orderLineId}-${unitIndex}`;

/**
 * Settles a unit once: PROCESSING → DELIVERED/FAILED by a conditional UPDATE, and in the same
 * transaction the event orders settles it by (and the bank's notification). A repeated answer or
 * callback moves nothing and so announces nothing. Returns whether this call settled it.
 */
export async function settlePerkUnit(
  em: SqlEntityManager,
  id: number,
  outcome:
    | { kind: 'DELIVERED'; partnerRef?: string | null; voucher?: IssuedVoucher | null }
    | { kind: 'FAILED'; reason: string },
): Promise<boolean> {
  return inTransaction(em, async (tx) => {
    const d = await tx.findOne(PerkDelivery, id, { refresh: true });
    if (!d || d.state !== PerkDeliveryState.PROCESSING) return false;
    const now = new Date();
    const platform = tx.getPlatform();
    const delivered = outcome.kind === 'DELIVERED';
    const voucher =
      delivered && outcome.voucher && (outcome.voucher.code || outcome.voucher.link) ? outcome.voucher : null;
    const expires = voucher?.expiresAt ? new Date(voucher.expiresAt) : null;
    const moved = await affectedRows(
      tx,
      `UPDATE perk_delivery SET state = ?, settled_at = ?, next_attempt_at = NULL, claimed_until = NULL,
         partner_ref = COALESCE(?, partner_ref), voucher_sealed = ?, voucher_expires_at = ?, failure_reason = ?
       WHERE id = ? AND state = ?`,
      [
        delivered ? PerkDeliveryState.DELIVERED : PerkDeliveryState.FAILED,
        platform.processDateProperty(now),
        delivered ? ((outcome.partnerRef ?? null)?.slice(0, 128) ?? null) : null,
        voucher ? vouchers().seal(JSON.stringify(voucher), `perk:${d.idempotencyKey}`) : null,
        expires && !Number.isNaN(expires.getTime()) ? platform.processDateProperty(expires) : null,
        delivered ? null : outcome.reason.slice(0, 300),
        d.id,
        PerkDeliveryState.PROCESSING,
      ],
    );
    if (moved !== 1) return false;
    enqueueEvent(
      tx,
      PERK_UNIT_SETTLED,
      {
        orderLineId: d.orderLineId,
        unitIndex: d.unitIndex,
        outcome: delivered ? 'DELIVERED' : 'FAILED',
        at: now.toISOString(),
        reason: delivered ? null : outcome.reason.slice(0, 300),
      },
      `perk-settled:${d.idempotencyKey}`,
    );
    if (delivered)
      notifyBank(tx, {
        type: 'PERK_ISSUED',
        bankId: d.bankId,
        key: `perk-issued:${d.idempotencyKey}`,
        occurredAt: now,
        data: {
          perkDeliveryId: String(d.id),
          orderId: String(d.orderId),
          orderLineId: String(d.orderLineId),
          unitIndex: d.unitIndex,
          customerId: String(d.customerId),
          skuId: String(d.skuId),
          title: d.title,
          mode: d.mode,
          partnerRef: outcome.partnerRef ?? null,
        },
      });
    await tx.flush();
    return true;
  });
}

/**
 * The durable per-unit delivery of perks (issue 18): opens one unit per order line unit, runs the
 * job that issues them through the supplier's partner adapter, takes callbacks and the bank's
 * acknowledgements of financial perks.
 */
export class PerkDeliveryService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly settings: PerkDeliverySettings = perkDeliverySettings(),
  ) {}

  /** Internal (orders): opens the units of a paid line; idempotent on each unit's key. */
  async open(input: OpenPerkDeliveries): Promise<number> {
    requireRole(this.principal, 'SERVICE');
    const problems: FieldProblem[] = [];
    const id = (v: unknown, field: string) => {
      const n = numericIds([String(v)])[0];
      if (!n) problems.push({ field, message: 'must be a positive integer id' });
      return n ?? 0;
    };
    const row = {
      order_id: id(input.orderId, 'orderId'),
      order_line_id: id(input.orderLineId, 'orderLineId'),
      supplier_order_id: id(input.supplierOrderId, 'supplierOrderId'),
      supplier_id: id(input.supplierId, 'supplierId'),
      bank_id: id(input.bankId, 'bankId'),
      customer_id: id(input.customerId, 'customerId'),
      sku_id: id(input.skuId, 'skuId'),
    };
    if (!Number.isSafeInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_UNITS)
      problems.push({ field: 'quantity', message: `1 to ${MAX_UNITS}` });
    const api = input.mode === DeliveryMode.DIRECT_TOPUP || input.mode === DeliveryMode.PARTNER_ISSUED;
    if (!api && input.mode !== DeliveryMode.BANK_SYSTEM)
      problems.push({ field: 'mode', message: 'DIRECT_TOPUP, PARTNER_ISSUED or BANK_SYSTEM' });
    if (api && !input.partnerProductCode) problems.push({ field: 'partnerProductCode', message: 'is required' });
    if (input.mode === DeliveryMode.DIRECT_TOPUP && !input.recipientAccount)
      problems.push({ field: 'recipientAccount', message: 'is required for DIRECT_TOPUP' });
    if (problems.length)
      throw badInput(`Invalid perk delivery: ${problems[0]!.field} ${problems[0]!.message}.`, problems);
    const now = new Date();
    const platform = this.em.getPlatform();
    const rows = Array.from({ length: input.quantity }, (_, unitIndex) => ({
      idempotency_key: perkKey(row.order_line_id, unitIndex),
      ...row,
      unit_index: unitIndex,
      title: input.title.slice(0, 200),
      mode: input.mode,
      partner_product_code: input.partnerProductCode ?? null,
      recipient_account: input.recipientAccount ?? null,
      state: PerkDeliveryState.PROCESSING,
      attempts: 0,
      // API units are due at once; a financial perk waits for the bank's acknowledgement.
      next_attempt_at: api ? platform.processDateProperty(now) : null,
      deadline_at: platform.processDateProperty(new Date(now.getTime() + this.settings.deadlineMs)),
      created_at: platform.processDateProperty(now),
    }));
    return inTransaction(this.em, async (tx) => {
      const inserted = await insertIgnoringDuplicates(tx, 'perk_delivery', rows, ['idempotency_key']);
      if (inserted > 0 && input.mode === DeliveryMode.BANK_SYSTEM) {
        // The delivery of a financial-attribute perk is an event to the bank's own systems, which
        // acknowledge each unit with acknowledgeFinancialPerk.
        const units = await tx.find(
          PerkDelivery,
          { orderLineId: row.order_line_id },
          { orderBy: { unitIndex: 'ASC' } },
        );
        for (const u of units)
          notifyBank(tx, {
            type: 'FINANCIAL_PERK_REQUESTED',
            bankId: u.bankId,
            key: `financial-perk:${u.idempotencyKey}`,
            occurredAt: now,
            data: {
              perkDeliveryId: String(u.id),
              idempotencyKey: u.idempotencyKey,
              orderId: String(u.orderId),
              orderLineId: String(u.orderLineId),
              unitIndex: u.unitIndex,
              customerId: String(u.customerId),
              skuId: String(u.skuId),
              title: u.title,
            },
          });
        await tx.flush();
      }
      return inserted;
    });
  }

  /**
   * The bank's systems report a financial perk unit DELIVERED or FAILED: bank staff of that bank or
   * its partner app (its own systems); another bank's unit is NOT_FOUND. Repeating the same outcome
   * is a quiet retry; another outcome after settling is CONFLICT.
   */
  async acknowledgeFinancialPerk(
    perkDeliveryId: string,
    outcome: 'DELIVERED' | 'FAILED',
    reference: string,
  ): Promise<PerkDelivery> {
    requireRole(this.principal, ...BANK_ROLES, 'PARTNER_APP');
    const ref = reference.trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(ref))
      throw badInput('reference is your system’s reference: 1–128 letters, digits, _ . : or -.', [
        { field: 'reference', message: '1–128 letters, digits, _ . : -' },
      ]);
    const id = numericIds([perkDeliveryId])[0];
    const found = id ? await this.em.fork().findOne(PerkDelivery, id) : null;
    // Bank staff and partner apps see their own bank's units only (a customer's is theirs alone).
    const d = assertVisible(this.principal, found, 'Perk delivery', perkDeliveryId);
    if (d.mode !== DeliveryMode.BANK_SYSTEM)
      throw conflict(`Perk delivery ${perkDeliveryId} is delivered by the supplier's partner, not by the bank.`);
    const settled = await settlePerkUnit(
      this.em.fork(),
      d.id,
      outcome === 'DELIVERED'
        ? { kind: 'DELIVERED', partnerRef: ref }
        : { kind: 'FAILED', reason: `the bank could not deliver it (reference ${ref})` },
    );
    const now = await this.em.fork().findOneOrFail(PerkDelivery, d.id);
    if (!settled && now.state !== outcome) throw conflict(`Perk delivery ${perkDeliveryId} was already ${now.state}.`);
    return now;
  }
}

/**
 * A verified callback from a supplier's partner API: a definite result settles the unit (once; a
 * repeat or a late duplicate changes nothing); PENDING/UNKNOWN leave it to the job.
 */
export async function onPartnerCallback(
  em: SqlEntityManager,
  supplierId: number,
  idempotencyKey: string,
  outcome: PerkIssueOutcome,
): Promise<{ applied: boolean }> {
  const d = await em.fork().findOne(PerkDelivery, { idempotencyKey, supplierId });
  if (!d) return { applied: false };
  if (outcome.kind === 'DELIVERED')
    return {
      applied: await settlePerkUnit(em.fork(), d.id, {
        kind: 'DELIVERED',
        partnerRef: outcome.partnerRef,
        voucher: outcome.voucher,
      }),
    };
  if (outcome.kind === 'FAILED')
    return { applied: await settlePerkUnit(em.fork(), d.id, { kind: 'FAILED', reason: outcome.reason }) };
  return { applied: false };
}

/**
 * The delivery job: claims due API units one at a time (a conditional UPDATE of `claimed_until`, so
 * two processes never work one unit) and moves each a step:
 * - never sent: mark sent, then issue; sent before (an answer may have been lost): query first, and
 *   re-send only when the partner says it never saw the key (NOT_FOUND) and the deadline has not passed;
 * - DELIVERED / FAILED → settled (once); PENDING → wait for the callback, query after a delay;
 *   UNKNOWN (timeout, down, 5xx) → again after an exponential backoff;
 * - after the deadline an unknown outcome is only queried: NOT_FOUND then → FAILED (refunded).
 */
export class PerkDeliveryJob {
  private readonly owner = randomUUID();

  constructor(
    private readonly orm: MikroORM,
    private readonly log: Logger,
    private readonly settings: PerkDeliverySettings = perkDeliverySettings(),
  ) {}

  async runOnce(batchSize = 50): Promise<number> {
    const em = this.orm.em.fork() as SqlEntityManager;
    const now = new Date();
    const due = await selectRows<{ id: number }>(
      em,
      'SELECT id FROM perk_delivery WHERE state = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at, id LIMIT ?',
      [PerkDeliveryState.PROCESSING, now, now, batchSize],
    );
    let worked = 0;
    // A few units at a time: one slow partner does not hold up the batch.
    const queue = due.map((r) => Number(r.id));
    const workers = Array.from({ length: Math.min(8, queue.length) }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        if (await this.work(id)) worked += 1;
      }
    });
    await Promise.all(workers);
    return worked;
  }

  private async work(id: number): Promise<boolean> {
    const em = this.orm.em.fork() as SqlEntityManager;
    const claimed = await affectedRows(
      em,
      'UPDATE perk_delivery SET claimed_until = ? WHERE id = ? AND state = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)',
      [new Date(Date.now() + this.settings.claimMs), id, PerkDeliveryState.PROCESSING, new Date(), new Date()],
    );
    if (claimed !== 1) return false; // another process has it, or it was settled meanwhile
    const d = await em.findOneOrFail(PerkDelivery, id, { refresh: true });
    const pastDeadline = Date.now() >= d.deadlineAt.getTime();
    try {
      const config = await new PartnerEndpointService(em).configFor(d.supplierId);
      if (!config) {
        if (pastDeadline && !d.sentAt) {
          await settlePerkUnit(em.fork(), d.id, {
            kind: 'FAILED',
            reason: 'the supplier has no partner endpoint configured; nothing was sent',
          });
          return true;
        }
        return this.later(em, d, `supplier ${d.supplierId} has no enabled partner endpoint`);
      }
      const adapter = partnerAdapterFor(config);
      let outcome: PerkIssueOutcome | { kind: 'NOT_FOUND' };
      if (d.sentAt) {
        outcome = await adapter.query(d.idempotencyKey);
        if (outcome.kind === 'NOT_FOUND') {
          if (pastDeadline) {
            await settlePerkUnit(em.fork(), d.id, {
              kind: 'FAILED',
              reason: 'the partner never received the request before the delivery deadline',
            });
            return true;
          }
          outcome = await this.issue(em, d, adapter);
        }
      } else {
        if (pastDeadline) {
          await settlePerkUnit(em.fork(), d.id, {
            kind: 'FAILED',
            reason: 'the delivery deadline passed before the request could be sent',
          });
          return true;
        }
        outcome = await this.issue(em, d, adapter);
      }
      return this.apply(em, d, outcome);
    } catch (e) {
      return this.later(em, d, e instanceof Error ? e.message : String(e));
    }
  }

  /** Marks the unit sent (committed before the request leaves), then sends it. */
  private async issue(
    em: SqlEntityManager,
    d: PerkDelivery,
    adapter: PartnerDeliveryAdapter,
  ): Promise<PerkIssueOutcome> {
    await affectedRows(em, 'UPDATE perk_delivery SET sent_at = COALESCE(sent_at, ?) WHERE id = ?', [new Date(), d.id]);
    d.sentAt ??= new Date();
    return adapter.issue({
      idempotencyKey: d.idempotencyKey,
      productCode: d.partnerProductCode ?? '',
      mode: d.mode as ApiDeliveryMode,
      account: d.recipientAccount ?? null,
      orderRef: String(d.orderId),
      callbackUrl: partnerCallbackUrl(d.supplierId),
    });
  }

  private async apply(em: SqlEntityManager, d: PerkDelivery, outcome: PerkIssueOutcome | { kind: 'NOT_FOUND' }) {
    switch (outcome.kind) {
      case 'DELIVERED':
        await settlePerkUnit(em.fork(), d.id, {
          kind: 'DELIVERED',
          partnerRef: outcome.partnerRef,
          voucher: outcome.voucher,
        });
        return true;
      case 'FAILED':
        await settlePerkUnit(em.fork(), d.id, { kind: 'FAILED', reason: outcome.reason || 'refused by the partner' });
        return true;
      case 'PENDING':
        // Accepted: the result comes by callback; if it does not, the unit is queried after a while.
        await affectedRows(
          em,
          'UPDATE perk_delivery SET attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL, partner_ref = COALESCE(?, partner_ref), last_error = NULL WHERE id = ? AND state = ?',
          [
            new Date(Date.now() + this.settings.pendingQueryMs),
            outcome.partnerRef ?? null,
            d.id,
            PerkDeliveryState.PROCESSING,
          ],
        );
        return true;
      case 'NOT_FOUND':
        return this.later(em, d, 'the partner does not know the request yet');
      default:
        return this.later(em, d, outcome.error);
    }
  }

  /** Unknown outcome: try again after an exponential backoff (the next attempt queries first). */
  private async later(em: SqlEntityManager, d: PerkDelivery, error: string): Promise<boolean> {
    const attempts = d.attempts + 1;
    const backoff = Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** Math.min(attempts - 1, 20));
    await affectedRows(
      em,
      'UPDATE perk_delivery SET attempts = ?, next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ? AND state = ?',
      [attempts, new Date(Date.now() + backoff), error.slice(0, 500), d.id, PerkDeliveryState.PROCESSING],
    );
    this.log.warn('perk delivery outcome unknown; will query, then retry', {
      idempotencyKey: d.idempotencyKey,
      attempts,
      backoffMs: backoff,
      error: error.slice(0, 200),
      owner: this.owner,
    });
    return true;
  }

  task(): BackgroundTask {
    return {
      name: 'perk-delivery',
      intervalMs: this.settings.intervalMs,
      run: async () => void (await this.runOnce()),
    };
  }
}
