/**
 * Bulk work against the API with progress and nothing silently dropped: createListings in calls of
 * at most 500 (all or none per call: a refused call is split in halves until each refused row stands
 * alone with its own reason), updateListing a few at a time with each row's outcome.
 */
import { ApiError, request } from '../../api';
import type { ListingRowInput, UpdateListingInput } from '../../gql/graphql';
import { CurationCreateListingsDocument, CurationListedDocument, CurationUpdateListingDocument } from './operations';

export const MAX_PER_CALL = 500;
/** "Select all matching" adds at most this many SKUs in one go. */
export const MAX_ALL_MATCHING = 5000;

/** A price the API found below the supplier price (its PriceWarningType). */
export interface PriceWarningType {
  skuId: string;
  listingId?: string | null;
  supplierPriceFen: number;
  message: string;
}

export interface Refusal {
  skuId?: string;
  listingId?: string;
  title: string;
  reason: string;
  code?: string;
}

export interface Progress {
  done: number;
  total: number;
}

export interface CreateOutcome {
  created: { skuId: string; listingId: string }[];
  refused: Refusal[];
  warnings: PriceWarningType[];
}

const reasonOf = (e: unknown) => (e instanceof ApiError ? e.message : String(e));
const codeOf = (e: unknown) => (e instanceof ApiError ? e.code : undefined);

/** The SKUs among `skuIds` the mall already lists, asked 100 at a time. */
export async function alreadyListed(mallId: string, skuIds: string[]): Promise<Set<string>> {
  const listed = new Set<string>();
  for (let i = 0; i < skuIds.length; i += 100) {
    const data = await request(CurationListedDocument, { mallId, skuIds: skuIds.slice(i, i + 100) });
    for (const e of data.mall.listings.edges) listed.add(e.node.sku.id);
  }
  return listed;
}

export async function createInBatches(
  mallId: string,
  rows: (ListingRowInput & { title: string })[],
  onProgress: (p: Progress) => void,
): Promise<CreateOutcome> {
  const outcome: CreateOutcome = { created: [], refused: [], warnings: [] };
  let done = 0;
  const total = rows.length;
  onProgress({ done, total });
  const send = async (batch: typeof rows): Promise<void> => {
    try {
      const data = await request(CurationCreateListingsDocument, {
        input: { mallId, listings: batch.map(({ title: _title, ...row }) => row) },
      });
      for (const l of data.createListings.listings) outcome.created.push({ skuId: l.sku.id, listingId: l.id });
      outcome.warnings.push(...data.createListings.warnings);
      done += batch.length;
      onProgress({ done, total });
    } catch (e) {
      if (batch.length === 1 || codeOf(e) === 'UNAUTHENTICATED') {
        for (const row of batch)
          outcome.refused.push({ skuId: row.skuId, title: row.title, reason: reasonOf(e), code: codeOf(e) });
        done += batch.length;
        onProgress({ done, total });
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await send(batch.slice(0, half));
      await send(batch.slice(half));
    }
  };
  for (let i = 0; i < rows.length; i += MAX_PER_CALL) await send(rows.slice(i, i + MAX_PER_CALL));
  return outcome;
}

export interface UpdateOutcome {
  updated: string[];
  refused: Refusal[];
  warnings: PriceWarningType[];
}

/** updateListing for each change, `parallel` at a time; each row's error is kept with its listing. */
export async function updateInBatches(
  changes: (UpdateListingInput & { title: string })[],
  onProgress: (p: Progress) => void,
  parallel = 4,
): Promise<UpdateOutcome> {
  const outcome: UpdateOutcome = { updated: [], refused: [], warnings: [] };
  let done = 0;
  let next = 0;
  onProgress({ done, total: changes.length });
  const worker = async () => {
    while (next < changes.length) {
      const { title, ...input } = changes[next++]!;
      try {
        const data = await request(CurationUpdateListingDocument, { input });
        outcome.updated.push(data.updateListing.listing.id);
        outcome.warnings.push(...data.updateListing.warnings);
      } catch (e) {
        outcome.refused.push({ listingId: input.listingId, title, reason: reasonOf(e), code: codeOf(e) });
      }
      onProgress({ done: ++done, total: changes.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, changes.length) }, worker));
  return outcome;
}

/** The API refused a below-cost price because the bank wants a second person (maker-checker). */
export const needsApproval = (r: { code?: string; reason: string }) =>
  r.code === 'FORBIDDEN' && r.reason.includes('requestApproval');
