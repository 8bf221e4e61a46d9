import { byId, groupedBy, numericIds } from '../../core/loaders';
import type { SubgraphContext } from '../../core/subgraph';
import { SsoConnection, SsoGroupMapping } from './entities/sso-connection';

/** Per-request DataLoaders of the SSO connections (beside loaders.ts, which the other staff tables use). */
export type SsoLoaders = ReturnType<typeof ssoLoaders>;

export function ssoLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(ssoLoaders, () => {
    const { em, loaders } = ctx;
    return {
      ssoConnection: loaders.one('SsoConnection', byId(em, SsoConnection)),
      /** A bank's connection, by bank id (a bank has at most one). */
      ssoConnectionByBank: loaders.one('SsoConnectionByBank', async (keys) => {
        const rows = await em.find(SsoConnection, { bankId: { $in: numericIds(keys) } });
        return new Map(rows.map((r) => [String(r.bankId), r]));
      }),
      groupMappingsByConnection: loaders.many(
        'SsoGroupMappingsByConnection',
        groupedBy(em, SsoGroupMapping, 'ssoConnectionId', { orderBy: { id: 'ASC' } }),
      ),
    };
  });
}
