import type { SubgraphContext } from '../../core/subgraph';
import { numericIds, pagesPerParent } from '../../core/loaders';
import type { Connection, SortKey } from '../../core/pagination';
import { PointsAccount } from './entities/points-account';
import { PointsLot } from './entities/points-lot';
import { BankEventFileError } from './entities/bank-event-file';
import { PointsLedgerEntry, type LedgerEntryType } from './entities/ledger-entry';
import { PointsQueryService, type PointsStatement } from './services/points-query.service';
import { TenantsClient } from './services/tenants-client';

/** How far ahead `expiringSoon` may look; one query fetches that window for every account in a request. */
export const EXPIRY_LOOKAHEAD_DAYS = 90;

const NEWEST_FIRST: SortKey[] = [{ field: 'id', direction: 'DESC' }];

export function loyaltyLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(loyaltyLoaders, () => buildLoyaltyLoaders(ctx));
}

function buildLoyaltyLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  const query = new PointsQueryService(em, ctx.principal);
  return {
    /** A page of ledger entries per account, newest first: one statement per distinct page arguments and type filter. */
    history: (types: LedgerEntryType[] | null) =>
      loaders.one<Connection<PointsLedgerEntry>>(
        `LedgerHistory:${[...(types ?? [])].sort().join(',')}`,
        pagesPerParent(em, PointsLedgerEntry, {
          parentField: 'accountId',
          order: NEWEST_FIRST,
          cursorOf: (e) => [e.id],
          where: types?.length ? { type: { $in: types } } : undefined,
        }),
      ),
    /** A page of a bank event file's refused rows per file, by row number: one statement per distinct page arguments. */
    errorsOfFile: loaders.one<Connection<BankEventFileError>>(
      'BankEventFileErrors',
      pagesPerParent(em, BankEventFileError, {
        parentField: 'fileId',
        order: [{ field: 'rowNumber', direction: 'ASC' }],
        cursorOf: (e) => [e.rowNumber],
      }),
    ),
    /** A page of open lots (points left) per account, newest first: one statement per distinct page arguments. */
    openLots: loaders.one<Connection<PointsLot>>(
      'OpenLots',
      pagesPerParent(em, PointsLot, {
        parentField: 'accountId',
        order: NEWEST_FIRST,
        cursorOf: (l) => [l.id],
        where: { remaining: { $gt: 0 } },
      }),
    ),
    /** A statement per account for one period. */
    statement: (from: Date, to: Date) =>
      loaders.one<PointsStatement>(`PointsStatement:${from.toISOString()}:${to.toISOString()}`, async (keys) => {
        const statements = await query.statements(numericIds(keys), from, to);
        return new Map([...statements].map(([id, st]) => [String(id), st]));
      }),
    /** The bank of customers loyalty has no account for (asked of tenants, one call per request). */
    bankOfCustomer: loaders.one<number>('BankOfCustomer', async (keys) => {
      const banks = await new TenantsClient().banksOf(numericIds(keys));
      return new Map([...banks].map(([customerId, bankId]) => [String(customerId), bankId]));
    }),
    accountByCustomer: loaders.one('PointsAccountByCustomer', async (keys) => {
      const rows = await em.find(PointsAccount, { customerId: { $in: numericIds(keys) } });
      return new Map(rows.map((a) => [String(a.customerId), a]));
    }),
    expiringLotsByAccount: loaders.many('ExpiringLotsByAccount', async (keys) => {
      const horizon = new Date(Date.now() + EXPIRY_LOOKAHEAD_DAYS * 86_400_000);
      const rows = await em.find(
        PointsLot,
        { accountId: { $in: numericIds(keys) }, remaining: { $gt: 0 }, expiresAt: { $ne: null, $lte: horizon } },
        { orderBy: { expiresAt: 'ASC', id: 'ASC' } },
      );
      const out = new Map<string, PointsLot[]>();
      for (const lot of rows) out.set(String(lot.accountId), [...(out.get(String(lot.accountId)) ?? []), lot]);
      return out;
    }),
  };
}
