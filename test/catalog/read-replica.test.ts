/**
 * PERKMALL_CATALOG_READ_REPLICA_URL: pool browsing reads from the replica, everything that must be
 * fresh (each SKU's own fetch, its stock, the checkout saga's reservation) from the primary. The
 * "replica" is a second MariaDB schema holding a copy of the catalog whose rows then go stale.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { startTestSystem, type TestSystem } from '../harness';
import { TEST_DATABASE_URL } from '../mariadb';
import { asService, ok, platformAdmin } from './helpers';

const BROWSE = `query($first: Int, $filter: SkuPoolFilter) {
  poolSkus(first: $first, filter: $filter) { edges { node { id title stock { available } } } }
}`;
const ONE_SKU = `query($id: ID!) { sku(id: $id) { id title stock { available } } }`;
/** Physical SKUs: their stock is the `stock` row (a card SKU's is its code pool). */
const PHYSICAL = { kind: 'PHYSICAL' };
const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { orderId changed } }`;

interface BrowseAnswer {
  poolSkus: { edges: { node: { id: string; title: string; stock: { available: number } | null } }[] };
}

describe('catalog read replica: browsing from the replica, fresh reads and writes on the primary', () => {
  const replica = `perkmall_r${randomBytes(4).toString('hex')}_catalog`;
  let sys: TestSystem;
  let db: mysql.Connection;
  let primary: string;

  const primaryRow = async (id: string) => {
    const [rows] = await db.query<mysql.RowDataPacket[]>(
      `SELECT s.title, st.available FROM \`${primary}\`.sku s JOIN \`${primary}\`.stock st ON st.sku_id = s.id WHERE s.id = ?`,
      [Number(id)],
    );
    return rows[0] as { title: string; available: number };
  };
  const replicaAvailable = async (id: string) => {
    const [rows] = await db.query<mysql.RowDataPacket[]>(
      `SELECT available FROM \`${replica}\`.stock WHERE sku_id = ?`,
      [Number(id)],
    );
    return Number(rows[0]!.available);
  };

  before(async () => {
    db = await mysql.createConnection({ uri: TEST_DATABASE_URL });
    // The catalog connects to its replica when it starts: the schema exists, filled once the primary is.
    await db.query(`CREATE DATABASE \`${replica}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    sys = await startTestSystem({ env: { PERKMALL_CATALOG_READ_REPLICA_URL: `${TEST_DATABASE_URL}/${replica}` } });
    primary = `${sys.prefix}catalog`;
    const [tables] = await db.query<mysql.RowDataPacket[]>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'`,
      [primary],
    );
    for (const { t } of tables as { t: string }[]) {
      await db.query(`CREATE TABLE \`${replica}\`.\`${t}\` LIKE \`${primary}\`.\`${t}\``);
      await db.query(`INSERT INTO \`${replica}\`.\`${t}\` SELECT * FROM \`${primary}\`.\`${t}\``);
    }
    // The replica lags: its titles and stock are not the primary's any more.
    await db.query(`UPDATE \`${replica}\`.sku SET title = CONCAT('STALE ', title)`);
    await db.query(`UPDATE \`${replica}\`.stock SET available = available + 1000`);
  });
  after(async () => {
    await sys?.stop();
    await db?.query(`DROP DATABASE IF EXISTS \`${replica}\``);
    await db?.end();
  });

  it("poolSkus answers the replica's rows; each SKU's stock on the page is the primary's", async () => {
    const page = ok(await sys.gql(platformAdmin, BROWSE, { first: 10, filter: PHYSICAL })) as BrowseAnswer;
    assert.equal(page.poolSkus.edges.length, 10);
    for (const { node } of page.poolSkus.edges) {
      assert.match(node.title, /^STALE /, `SKU ${node.id} listed from the replica`);
      const fresh = await primaryRow(node.id);
      assert.doesNotMatch(fresh.title, /^STALE /);
      // Stock is a field of its own, loaded by the primary's DataLoader: never the replica's +1000.
      if (node.stock) assert.equal(node.stock.available, fresh.available, `SKU ${node.id} stock from the primary`);
    }
    // A filter the replica alone satisfies finds rows only there (the primary has no STALE titles).
    const stale = ok(await sys.gql(platformAdmin, BROWSE, { first: 5, filter: { text: 'STALE' } })) as BrowseAnswer;
    assert.equal(stale.poolSkus.edges.length, 5);
  });

  it('a SKU fetched by id, and its stock, come from the primary', async () => {
    const page = ok(await sys.gql(platformAdmin, BROWSE, { first: 1, filter: PHYSICAL })) as BrowseAnswer;
    const id = page.poolSkus.edges[0]!.node.id;
    const answer = ok(await sys.gql(platformAdmin, ONE_SKU, { id })) as {
      sku: { title: string; stock: { available: number } | null };
    };
    const fresh = await primaryRow(id);
    assert.equal(answer.sku.title, fresh.title);
    assert.doesNotMatch(answer.sku.title, /^STALE /);
    if (answer.sku.stock) assert.equal(answer.sku.stock.available, fresh.available);
  });

  it("the checkout saga's reservation reads and changes the primary's stock, never the replica's", async () => {
    const page = ok(await sys.gql(platformAdmin, BROWSE, { first: 20, filter: PHYSICAL })) as BrowseAnswer;
    const node = page.poolSkus.edges.map((e) => e.node).find((n) => n.stock && n.stock.available >= 2);
    assert.ok(node, 'a listed SKU with stock to reserve');
    const before = await primaryRow(node.id);
    const replicaBefore = await replicaAvailable(node.id);
    assert.equal(replicaBefore, before.available + 1000);
    // More than the primary holds but less than the stale replica shows: refused, as the primary decides.
    const tooMany = await asService(sys, RESERVE, {
      input: { orderId: 'replica-too-many', lines: [{ skuId: node.id, quantity: before.available + 1 }] },
    });
    assert.equal(tooMany.errors?.[0]?.extensions?.code, 'CONFLICT');
    ok(
      await asService(sys, RESERVE, {
        input: { orderId: 'replica-two', lines: [{ skuId: node.id, quantity: 2 }] },
      }),
    );
    assert.equal((await primaryRow(node.id)).available, before.available - 2);
    assert.equal(await replicaAvailable(node.id), replicaBefore, 'nothing is written to the replica');
  });
});
