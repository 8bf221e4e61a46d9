import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { TEST_DATABASE_URL, dropSchemas, ensureMariaDb } from '../mariadb';
import { generateKeyFiles } from '../../core/identity';
import { openDatabase } from '../../core/db';
import { plainRows, plainRowsWith } from '../../core/loaders';
import { SUBGRAPHS } from '../../subgraphs';
import { seedSubgraph } from '../../scripts/seed/index';
import { Sku } from '../../subgraphs/catalog/entities/sku';
import { Stock } from '../../subgraphs/catalog/entities/stock';
import { Brand } from '../../subgraphs/catalog/entities/brand';
import { Supplier } from '../../subgraphs/catalog/entities/supplier';
import { stockOf, stockView } from '../../subgraphs/catalog/services/stock.service';

/**
 * Queries read a SKU with its stock, brand and supplier in one statement (core/loaders.ts
 * `plainRowsWith`, catalog's `sku` loader). Each part must hold exactly what reading that entity on
 * its own holds (`plainRows`), the stock what `stockOf` answers (a card SKU's available is its
 * pool's), a filter must hold, and the rows must be instances of their entities (type-graphql then
 * passes them to field resolvers as they are).
 */
describe('rows read with their joined rows hold what separate reads hold', () => {
  const prefix = `perkmall_t${randomBytes(4).toString('hex')}_`;
  let orm: MikroORM;

  before(async () => {
    await ensureMariaDb();
    const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-keys-'));
    for (const name of ['auth', 'gateway', 'service'] as const) generateKeyFiles(keys, name);
    Object.assign(process.env, {
      PERKMALL_DATABASE_URL: TEST_DATABASE_URL,
      PERKMALL_DB_PREFIX: prefix,
      PERKMALL_KEYS_DIR: keys,
    });
    orm = await openDatabase(SUBGRAPHS.catalog.storage);
    await seedSubgraph('catalog', orm);
  });
  after(async () => {
    await orm?.close(true);
    await dropSchemas(prefix);
  });

  it('a SKU with its stock, brand and supplier, physical and card SKUs alike', async () => {
    const em = orm.em.fork() as SqlEntityManager;
    const skus = await plainRows(em, Sku, {}, { orderBy: { id: 'ASC' }, limit: 300 });
    assert.ok(skus.some((s) => s.virtualCardKindId) && skus.some((s) => !s.virtualCardKindId), 'both kinds seeded');
    const ids = [...skus.map((s) => s.id), 999_999_999];
    const joined = await plainRowsWith(em, Sku, {
      ids,
      joins: [
        { entity: Stock, from: 'id', to: 'skuId', formulas: ['poolAvailable'] },
        { entity: Brand, from: 'brandId' },
        { entity: Supplier, from: 'supplierId' },
      ],
    });
    assert.equal(joined.length, skus.length, 'an id that does not exist reads nothing');
    const stocks = await stockOf(
      em,
      skus.map((s) => s.id),
    );
    const brands = new Map((await plainRows(em, Brand, {})).map((b) => [b.id, b]));
    const suppliers = new Map((await plainRows(em, Supplier, {})).map((s) => [s.id, s]));
    const same = (actual: unknown, expected: unknown, what: string) =>
      assert.ok(
        isDeepStrictEqual({ ...(actual as object) }, { ...(expected as object) }),
        `${what}: ${JSON.stringify(actual)} should be ${JSON.stringify(expected)}`,
      );
    const bySku = new Map(joined.map((j) => [j.row.id, j]));
    for (const sku of skus) {
      const { row, joined: parts } = bySku.get(sku.id)!;
      const [stock, brand, supplier] = parts as [Stock | null, Brand | null, Supplier | null];
      assert.ok(row instanceof Sku && (!brand || brand instanceof Brand), 'rows are entity instances');
      same(row, sku, `Sku ${sku.id}`);
      same(brand, brands.get(sku.brandId), `Brand of SKU ${sku.id}`);
      same(supplier, suppliers.get(sku.supplierId), `Supplier of SKU ${sku.id}`);
      const expected = stocks.get(sku.id);
      if (expected) same(stockView(stock!), expected, `Stock of SKU ${sku.id}`);
      else assert.equal(stock, null, `SKU ${sku.id} has no stock row`);
    }
  });

  it('every catalog table read by id holds what the query builder reads', async () => {
    const em = orm.em.fork() as SqlEntityManager;
    let compared = 0;
    for (const meta of Object.values(orm.getMetadata().getAll())) {
      if (meta.virtual || meta.embeddable || meta.abstract || !meta.class) continue;
      if (meta.primaryKeys.length !== 1 || meta.primaryKeys[0] !== 'id') continue;
      const rows = await plainRows(em, meta.class, {}, { orderBy: { id: 'ASC' }, limit: 200 });
      const read = await plainRowsWith(em, meta.class, {
        ids: rows.map((r) => (r as { id: number }).id),
        orderBy: { id: 'ASC' },
      });
      assert.equal(read.length, rows.length, meta.className);
      read.forEach(({ row }, i) => {
        assert.ok(row instanceof meta.class, `${meta.className} rows are entity instances`);
        assert.ok(
          isDeepStrictEqual({ ...row }, { ...rows[i] }),
          `${meta.className}: ${JSON.stringify(row)} should be ${JSON.stringify(rows[i])}`,
        );
        compared++;
      });
    }
    assert.ok(compared > 100, `compared only ${compared} rows`);
  });

  it('a filter on the main rows holds', async () => {
    const em = orm.em.fork() as SqlEntityManager;
    const skus = await plainRows(em, Sku, {}, { orderBy: { id: 'ASC' }, limit: 300 });
    const supplierId = skus[0]!.supplierId;
    const joined = await plainRowsWith(em, Sku, {
      ids: skus.map((s) => s.id),
      where: { supplierId },
      joins: [{ entity: Brand, from: 'brandId' }],
    });
    assert.deepEqual(
      joined.map((j) => j.row.id).sort((a, b) => a - b),
      skus.filter((s) => s.supplierId === supplierId).map((s) => s.id),
    );
  });
});
