import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, type FieldProblem } from '../../../core/errors';
import { requireRoleAndPermission, type Principal } from '../../../core/identity';
import { Bank } from '../entities/bank';
import { CurationRun } from '../entities/curation-run';
import { Listing, ListingStatus, PriceMode } from '../entities/listing';
import { CatalogClient, CURATION_PAGE, type CurationSku, type SkuPoolFilterInput } from './catalog-client';
import { approvalGate } from './approvals';
import { belowCostWarning, ListingService, type PriceWarning } from './listing.service';
import { isBelowCost, priceFromRule, priceProblem, priceValue, type PricingRule } from './pricing';
import { addSkuTerms, listingFactsOf } from './sku-search-facts';
import { CURATION, CURATOR_ROLES } from './access';

export const MAX_CURATION = 10_000;
const INSERT_CHUNK = 1000;
const MAX_WARNINGS_SHOWN = 100;

export interface CurateRequest {
  mallId: string;
  filter: SkuPoolFilterInput;
  rule: PricingRule;
  status?: ListingStatus | null;
  featuredRank?: number | null;
  idempotencyKey?: string | null;
}

export interface CurateResult {
  mallId: number;
  matched: number;
  created: number;
  alreadyPresent: number;
  belowCostCount: number;
  warnings: PriceWarning[];
  replayed: boolean;
}

/** Validates a pricing rule; problems name the input fields. */
export function ruleProblems(rule: PricingRule): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(rule.markupBp) || rule.markupBp < 1 || rule.markupBp > 100_000) {
    problems.push({ field: 'pricing.markupBp', message: 'must be 1 to 100000 basis points (10000 = supplier price).' });
  }
  if (
    rule.pointsShareBp != null &&
    (!Number.isInteger(rule.pointsShareBp) || rule.pointsShareBp < 1 || rule.pointsShareBp > 10_000)
  ) {
    problems.push({ field: 'pricing.pointsShareBp', message: 'must be 1 to 10000 basis points.' });
  }
  if (rule.pointsShareBp != null && rule.mode !== PriceMode.POINTS_PLUS_CASH) {
    problems.push({ field: 'pricing.pointsShareBp', message: 'only applies to POINTS_PLUS_CASH.' });
  }
  return problems;
}

/**
 * Bulk curation: every pool SKU matching a filter, priced by a rule, added to a mall. Reads the pool
 * from the catalog in pages of 5,000 (id keyset), then writes in one transaction with multi-row
 * inserts that skip (mall, sku) pairs already listed — so a retry, with or without the idempotency
 * key, never duplicates, and a failure leaves nothing half-written.
 */
export class CurationService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly catalog = new CatalogClient(),
  ) {}

  async curate(req: CurateRequest): Promise<CurateResult> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CURATION);
    const mall = await new ListingService(this.em, this.principal, this.catalog).mallForCurator(req.mallId);
    const bank = await this.em.findOneOrFail(Bank, mall.bank.id);
    const problems = ruleProblems(req.rule);
    if (
      req.featuredRank != null &&
      (!Number.isInteger(req.featuredRank) || req.featuredRank < 0 || req.featuredRank > 1000)
    ) {
      problems.push({ field: 'featuredRank', message: 'must be 0 to 1000.' });
    }
    const key = req.idempotencyKey?.trim() || null;
    if (key !== null && key.length > 100)
      problems.push({ field: 'idempotencyKey', message: 'at most 100 characters.' });
    if (problems.length) throw badInput('The curation request is not valid.', problems);

    const requestHash = createHash('sha256')
      .update(JSON.stringify([mall.id, req.filter, req.rule, req.status ?? null, req.featuredRank ?? null]))
      .digest('hex');
    if (key !== null) {
      const replay = await this.replay(bank.id, key, requestHash);
      if (replay) return replay;
    }

    const skus = await this.matchingSkus(req.filter);
    const rows: { sku: CurationSku; price: ReturnType<typeof priceFromRule> }[] = [];
    for (const sku of skus) {
      const price = priceFromRule(sku.supplierPriceFen, req.rule, bank);
      const problem = priceProblem(price, bank);
      if (problem) {
        throw badInput(`The pricing rule gives SKU ${sku.id} an invalid price: ${problem}`, [
          { field: 'pricing', message: `SKU ${sku.id}: ${problem}` },
        ]);
      }
      rows.push({ sku, price });
    }

    const now = new Date();
    try {
      return await this.em.transactional(async (em) => {
        const sqlEm = em as SqlEntityManager;
        let created = 0;
        const warnings: PriceWarning[] = [];
        let belowCostCount = 0;
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          const chunk = rows.slice(i, i + INSERT_CHUNK);
          const skuIds = chunk.map((r) => Number(r.sku.id));
          const present = new Set(
            (await em.find(Listing, { mall: mall.id, skuId: { $in: skuIds } }, { fields: ['skuId'] })).map(
              (l) => l.skuId,
            ),
          );
          const fresh = chunk.filter((r) => !present.has(Number(r.sku.id)));
          if (fresh.length) {
            // The one dialect branch lives in MikroORM: INSERT IGNORE on MySQL/MariaDB, ON CONFLICT DO NOTHING
            // on SQLite. A concurrent run may have inserted some of `fresh` since the read above; the
            // unique (mall, sku) index makes those rows no-ops, and affected rows count only real inserts.
            const res = await sqlEm
              .createQueryBuilder(Listing)
              .insert(
                fresh.map((r) => ({
                  mall: mall.id,
                  bankId: bank.id,
                  skuId: Number(r.sku.id),
                  priceMode: r.price.priceMode,
                  pricePoints: r.price.points,
                  priceFen: r.price.fen,
                  featuredRank: req.featuredRank ?? 0,
                  status: req.status ?? ListingStatus.ACTIVE,
                  tierRestricted: false,
                  segmentRestricted: false,
                  ...listingFactsOf(r.sku),
                  priceValue: priceValue(r.price, bank),
                  createdAt: now,
                  updatedAt: now,
                })),
              )
              .onConflict(['mall', 'skuId'])
              .ignore()
              .execute('run');
            created += res.affectedRows;
            await addSkuTerms(
              sqlEm,
              fresh.map((r) => r.sku),
            );
          }
          for (const r of fresh) {
            if (!isBelowCost(r.price, r.sku.supplierPriceFen, bank)) continue;
            belowCostCount += 1;
            if (warnings.length < MAX_WARNINGS_SHOWN)
              warnings.push(
                belowCostWarning(null, Number(r.sku.id), r.sku.supplierPriceFen, r.price, bank.pointsPerYuan),
              );
          }
        }
        // A run that would list below cost waits for a second person like a single listing does.
        if (belowCostCount) await approvalGate(this.principal).listingBelowCost(bank.id);
        const result: CurateResult = {
          mallId: mall.id,
          matched: rows.length,
          created,
          alreadyPresent: rows.length - created,
          belowCostCount,
          warnings,
          replayed: false,
        };
        if (key !== null) {
          em.create(CurationRun, {
            bankId: bank.id,
            mallId: mall.id,
            idempotencyKey: key,
            requestHash,
            result: { ...result },
            createdAt: now,
          });
          await em.flush();
        }
        return result;
      });
    } catch (e) {
      // A concurrent run with the same key committed first: its outcome is the answer.
      if (key !== null && e instanceof UniqueConstraintViolationException) {
        const replay = await this.replay(bank.id, key, requestHash);
        if (replay) return replay;
      }
      throw e;
    }
  }

  private async replay(bankId: number, key: string, requestHash: string): Promise<CurateResult | null> {
    const run = await this.em.fork().findOne(CurationRun, { bankId, idempotencyKey: key });
    if (!run) return null;
    if (run.requestHash !== requestHash)
      throw conflict(`Idempotency key "${key}" was already used for a different curation request.`);
    return { ...(run.result as unknown as CurateResult), replayed: true };
  }

  /** Pages through the pool (5,000 per call); more than 10,000 matches is the caller's to narrow. */
  private async matchingSkus(filter: SkuPoolFilterInput): Promise<CurationSku[]> {
    const out: CurationSku[] = [];
    let afterId: string | null = null;
    for (;;) {
      const page = await this.catalog.curationPage(filter, afterId, CURATION_PAGE);
      out.push(...page);
      if (out.length > MAX_CURATION) {
        throw badInput(
          `The filter matches more than ${MAX_CURATION} SKUs; narrow it (brand, category, price band) and curate in parts.`,
          [{ field: 'filter', message: `more than ${MAX_CURATION} matches` }],
        );
      }
      if (page.length < CURATION_PAGE) return out;
      afterId = page[page.length - 1]!.id;
    }
  }
}
