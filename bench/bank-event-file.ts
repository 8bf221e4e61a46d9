/**
 * A bank event file of 1,000,000 rows (card spend and MONTHLY deposits over bank 1's 20 demo
 * customers) uploaded through the gateway in 8 MiB chunks and processed by loyalty's worker.
 * Records upload time, processing throughput (events/s), the loyalty process's RSS sampled every
 * 500 ms while it works (streamed: it should stay flat, independent of the file's size), the load
 * average, and in the same run the physical limit: a raw multi-row INSERT of 1,000,000 rows of the
 * same shape into a scratch table (500 per statement, one connection). Writes bench/RESULTS.md.
 *   npm run bench -- bank-event-file                         (several minutes)
 *   PERKMALL_BENCH_ROWS=200000 npm run bench -- bank-event-file
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import mysql from 'mysql2/promise';
import { startTestSystem, type TestSystem } from '../test/harness';
import { ensureMariaDb, TEST_DATABASE_URL } from '../test/mariadb';
import { customerRef } from '../scripts/seed/demo-plan';
import { bankAdmin, partnerApp } from '../test/principals';
import { recordResult } from './results';

export const onlyWhenNamed = true;

const ROWS = Number(process.env.PERKMALL_BENCH_ROWS ?? 1_000_000);
const CHUNK = 8 * 1024 * 1024;
const HEADER = 'event_id,customer_ref,product,amount_fen,merchant_category,occurred_at,type,reverses_event_id';

/** This system's loyalty process (found by the schema prefix in its environment). */
function loyaltyPid(prefix: string): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const env = fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (!env.includes(`PERKMALL_DB_PREFIX=${prefix}`)) continue;
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (/services\/loyalty\.cjs|subgraphs\/loyalty\//.test(cmdline)) return Number(entry);
    } catch {
      // gone, or not ours
    }
  }
  return undefined;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Writes the file line by line (never whole in memory); returns its size and SHA-256. */
async function writeFile(file: string): Promise<{ size: number; sha256: string }> {
  const out = fs.createWriteStream(file);
  const hash = createHash('sha256');
  let size = 0;
  const base = Date.now() - 2 * 86_400_000;
  const write = (s: string) =>
    new Promise<void>((resolve) => {
      hash.update(s);
      size += Buffer.byteLength(s);
      if (out.write(s)) resolve();
      else out.once('drain', resolve);
    });
  await write(`${HEADER}\n`);
  let buf = '';
  for (let i = 0; i < ROWS; i++) {
    const product = i % 10 === 0 ? 'BENCH_ROSE' : 'BENCH_CARD';
    const at = new Date(base + (i % 86_400) * 1000).toISOString();
    buf += `bench-${i},${customerRef(1, (i % 20) + 1)},${product},${1000 + ((i * 7919) % 500_000)},,${at},EARN,\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((resolve) => out.end(resolve));
  return { size, sha256: hash.digest('hex') };
}

async function gql(sys: TestSystem, as: Parameters<TestSystem['gql']>[0], q: string, v: Record<string, unknown> = {}) {
  const r = await sys.gql(as, q, v);
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data!;
}

/** The database's own pace for rows of this shape: multi-row INSERTs of 500, one connection. */
async function rawInsertRate(rows: number): Promise<number> {
  const conn = await mysql.createConnection({ uri: TEST_DATABASE_URL });
  const db = `perkmall_bench_raw_${process.pid}`;
  await conn.query(`CREATE DATABASE ${db}`);
  try {
    await conn.query(`CREATE TABLE ${db}.ev (id int unsigned not null auto_increment primary key, bank_id int not null,
      customer_id int not null, product varchar(64) not null, amount_fen bigint not null, occurred_at datetime not null,
      idempotency_key varchar(128) not null, points_awarded bigint not null, unique key k (bank_id, idempotency_key)) engine=InnoDB`);
    const started = Date.now();
    for (let i = 0; i < rows; i += 500) {
      const values = [];
      for (let j = i; j < Math.min(i + 500, rows); j++)
        values.push([1, (j % 20) + 1, 'BENCH_CARD', 1000 + j, new Date(), `raw-${j}`, 10]);
      await conn.query(
        `INSERT INTO ${db}.ev (bank_id, customer_id, product, amount_fen, occurred_at, idempotency_key, points_awarded) VALUES ?`,
        [values],
      );
    }
    return rows / ((Date.now() - started) / 1000);
  } finally {
    await conn.query(`DROP DATABASE ${db}`);
    await conn.end();
  }
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-bench-file-'));
  const file = path.join(dir, 'events.csv');
  const { size, sha256 } = await writeFile(file);
  const sys = await startTestSystem();
  try {
    for (const [product, extra] of [
      ['BENCH_CARD', { kind: 'CARD_SPEND', pointsPerYuan: 1 }],
      ['BENCH_ROSE', { kind: 'PRODUCT_RATE', rateBasisPoints: 200, payout: 'MONTHLY', installments: 12 }],
    ] as const)
      await gql(sys, bankAdmin(1), `mutation($input: CreateEarnRuleInput!) { createEarnRule(input: $input) { id } }`, {
        input: { bankId: '1', name: product, track: 'REDEEMABLE', product, ...extra },
      });
    const pid = loyaltyPid(sys.prefix);
    assert.ok(pid, 'loyalty process not found');
    const loyalty = { pid };
    const load0 = os.loadavg()[0]!;
    const rss: { t: number; mb: number }[] = [];
    const t0 = Date.now();
    const sampler = setInterval(() => rss.push({ t: Date.now() - t0, mb: rssMb(loyalty.pid) }), 500);
    const rssIdle = rssMb(loyalty.pid);

    const origin = new URL(sys.stack.gatewayUrl).origin;
    const token = await sys.token(partnerApp(1));
    const created = (await gql(
      sys,
      partnerApp(1),
      `mutation($input: CreateBankEventFileInput!) { createBankEventFile(input: $input) { id } }`,
      {
        input: { fileName: 'bench.csv', sizeBytes: size, sha256 },
      },
    )) as { createBankEventFile: { id: string } };
    const id = created.createBankEventFile.id;
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(CHUNK);
    for (let offset = 0; offset < size;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, offset);
      const r = await fetch(`${origin}/bank-event-files/${id}?offset=${offset}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}` },
        body: buf.subarray(0, n),
      });
      assert.equal(r.status, 200, await r.text());
      offset += n;
    }
    fs.closeSync(fd);
    const uploaded = Date.now();
    let report: Record<string, number | string | null> = {};
    for (;;) {
      report = (
        (await gql(
          sys,
          partnerApp(1),
          `query($id: ID!) { bankEventFile(id: $id) { status rowsProcessed rowsAccepted rowsRejected pointsAwarded } }`,
          {
            id,
          },
        )) as { bankEventFile: Record<string, number | string | null> }
      ).bankEventFile;
      if (report.status === 'DONE' || report.status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const processed = Date.now();
    clearInterval(sampler);
    const load1 = os.loadavg()[0]!;
    assert.equal(report.status, 'DONE');
    assert.equal(report.rowsAccepted, ROWS);

    const raw = await rawInsertRate(ROWS);
    const during = rss.filter((s) => s.t >= uploaded - t0).map((s) => s.mb);
    const quart = (q: number) => [...during].sort((a, b) => a - b)[Math.floor((during.length - 1) * q)] ?? 0;
    const firstTenth = during.slice(0, Math.max(1, Math.floor(during.length / 10)));
    const lastTenth = during.slice(-Math.max(1, Math.floor(during.length / 10)));
    const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const uploadS = (uploaded - t0) / 1000;
    const processS = (processed - uploaded) / 1000;
    const rate = ROWS / processS;
    recordResult(
      'bank-event-file',
      `Bank event file: ${ROWS.toLocaleString('en-US')} rows uploaded in 8 MiB chunks and processed (MariaDB, one loyalty process)`,
      [
        `${(size / 1e6).toFixed(1)} MB CSV, ${ROWS.toLocaleString('en-US')} EARN rows (90 % card spend, 10 % MONTHLY deposits in 12 installments) over 20 customers. Load average (1 min) at the start: ${load0.toFixed(2)}, at the end: ${load1.toFixed(2)} on ${os.cpus().length} cores (shared with other work).`,
        '',
        '| measure | value |',
        '|---|---|',
        `| upload (${Math.ceil(size / CHUNK)} chunks through the gateway) | ${uploadS.toFixed(1)} s (${(size / 1e6 / uploadS).toFixed(1)} MB/s) |`,
        `| processing (checksum pass + rows, 500 per transaction) | ${processS.toFixed(1)} s |`,
        `| **throughput** | **${Math.round(rate).toLocaleString('en-US')} events/s** |`,
        `| physical limit: raw multi-row INSERT of ${ROWS.toLocaleString('en-US')} rows of the event's shape, same run | ${Math.round(raw).toLocaleString('en-US')} rows/s (the worker writes ~3 rows per event — event, ledger entry, lot — plus installments; ${((rate / raw) * 100).toFixed(0)} % of the single-table rate) |`,
        `| loyalty RSS idle before the upload | ${rssIdle.toFixed(0)} MB |`,
        `| loyalty RSS while processing (${during.length} samples): min / median / max | ${quart(0).toFixed(0)} / ${quart(0.5).toFixed(0)} / ${quart(1).toFixed(0)} MB |`,
        `| loyalty RSS, first tenth vs last tenth of processing (mean) | ${avg(firstTenth).toFixed(0)} → ${avg(lastTenth).toFixed(0)} MB |`,
        '',
        `The worker holds one stored part (2 MiB) and one batch of 500 rows at a time; compare the RSS while processing with the file's size (${(size / 1e6).toFixed(0)} MB) and between runs of different sizes (PERKMALL_BENCH_ROWS).`,
      ].join('\n'),
    );
  } finally {
    await sys.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
