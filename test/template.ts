/**
 * A migrated and seeded template of every subgraph's database, made once per `npm test` run, that
 * each test file's system copies instead of migrating and seeding its own (test/harness.ts).
 *
 * Why: migrating six empty databases and seeding them took 10–35 s per test file (the more, the
 * busier the machine), most of the suite's time; copying the template's tables takes a second or
 * two. The seed seals secrets (TOTP secrets, card codes, carrier secrets) with master keys from the
 * keys dir, so the template's keys go with it: each test file gets a copy of them.
 *
 * The template is found through PERKMALL_TEST_TEMPLATE (JSON: prefix and keys dir), which
 * scripts/test.ts sets for the test runner; a test file run without it migrates and seeds as before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import mysql from 'mysql2/promise';
import { ROOT_DIR, SUBGRAPH_NAMES } from '../core/config';
import { TEST_DATABASE_URL, dropSchemas } from './mariadb';

export interface TestTemplate {
  prefix: string;
  keysDir: string;
}

const TEMPLATE_ENV = 'PERKMALL_TEST_TEMPLATE';
const PREFIX_ROOT = 'perkmall_tpl_';
/** A template left by a run that was killed is dropped by a later run once it is this old. */
const STALE_AFTER_MINUTES = 180;

export function templateFromEnv(): TestTemplate | null {
  const raw = process.env[TEMPLATE_ENV];
  return raw ? (JSON.parse(raw) as TestTemplate) : null;
}

export function templateEnv(t: TestTemplate): Record<string, string> {
  return { [TEMPLATE_ENV]: JSON.stringify(t) };
}

/**
 * Makes the template in a child process (which opens, migrates and seeds every subgraph's database
 * with the template's prefix and keys dir in its environment) and answers where it is. The prefix
 * carries the minute it was made, so stale templates of killed runs can be told apart from those
 * of runs still going (helpers and CI may run `npm test` side by side).
 */
export async function buildTemplate(): Promise<TestTemplate> {
  await dropStaleTemplates();
  const minute = Math.floor(Date.now() / 60_000);
  const template: TestTemplate = {
    prefix: `${PREFIX_ROOT}${minute}_${randomBytes(3).toString('hex')}_`,
    keysDir: fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-template-keys-')),
  };
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'test', 'template-build.ts')], {
    cwd: ROOT_DIR,
    stdio: 'inherit',
    env: {
      ...process.env,
      PERKMALL_DATABASE_URL: TEST_DATABASE_URL,
      PERKMALL_DB_PREFIX: template.prefix,
      PERKMALL_KEYS_DIR: template.keysDir,
      PERKMALL_LOG_LEVEL: process.env.PERKMALL_LOG_LEVEL ?? 'error',
    },
  });
  if (r.status !== 0) {
    await dropTemplate(template);
    throw new Error('Could not make the test databases’ template (see above).');
  }
  return template;
}

export async function dropTemplate(t: TestTemplate): Promise<void> {
  await dropSchemas(t.prefix);
  fs.rmSync(t.keysDir, { recursive: true, force: true });
}

async function dropStaleTemplates(): Promise<void> {
  const conn = await mysql.createConnection({ uri: TEST_DATABASE_URL });
  try {
    const [rows] = await conn.query(
      'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?',
      [`${PREFIX_ROOT}%`],
    );
    const now = Math.floor(Date.now() / 60_000);
    for (const { name } of rows as { name: string }[]) {
      const minute = Number(name.slice(PREFIX_ROOT.length).split('_')[0]);
      if (!(now - minute < STALE_AFTER_MINUTES)) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  } finally {
    await conn.end();
  }
}

/** The template's keys, copied into a test system's own keys dir. */
export function copyTemplateKeys(t: TestTemplate, keysDir: string): void {
  fs.cpSync(t.keysDir, keysDir, { recursive: true });
}

/**
 * Copies every subgraph's template database to `prefix`: each table as the template's own CREATE
 * statement (foreign keys included, which CREATE TABLE … LIKE would drop) and its rows, with foreign
 * key checks off so tables can come in any order. One connection per subgraph, side by side.
 */
export async function cloneTemplate(t: TestTemplate, prefix: string): Promise<void> {
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const from = `${t.prefix}${name}`;
      const to = `${prefix}${name}`;
      const conn = await mysql.createConnection({ uri: TEST_DATABASE_URL });
      try {
        await conn.query('SET SESSION foreign_key_checks = 0');
        await conn.query(`CREATE DATABASE \`${to}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
        await conn.query(`USE \`${to}\``);
        const [tables] = await conn.query(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
          [from],
        );
        for (const { name: table } of tables as { name: string }[]) {
          const [[created]] = (await conn.query(`SHOW CREATE TABLE \`${from}\`.\`${table}\``)) as unknown as [
            Record<string, string>[],
          ];
          await conn.query(created!['Create Table']!);
          await conn.query(`INSERT INTO \`${to}\`.\`${table}\` SELECT * FROM \`${from}\`.\`${table}\``);
        }
      } finally {
        await conn.end();
      }
    }),
  );
}
