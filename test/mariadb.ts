/**
 * Finds the MariaDB/MySQL server the suite runs against, or installs and starts one from Debian's
 * packages when none answers (CI machines may lack it). Fails with a clear message otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import mysql from 'mysql2/promise';

export const TEST_DATABASE_URL = process.env.PERKMALL_TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';

async function answers(url: string): Promise<boolean> {
  try {
    const conn = await mysql.createConnection({ uri: url, connectTimeout: 3000 });
    await conn.query('select 1');
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

async function waitFor(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await answers(url)) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

export async function ensureMariaDb(): Promise<void> {
  if (await answers(TEST_DATABASE_URL)) return;
  if (process.env.PERKMALL_TEST_DATABASE_URL) {
    throw new Error(`No database answers at PERKMALL_TEST_DATABASE_URL=${TEST_DATABASE_URL}.`);
  }
  console.log('No MariaDB on 127.0.0.1:3306; installing mariadb-server from Debian packages…');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const exec = (args: string[]) =>
    sudo.length ? run(sudo[0]!, [...sudo.slice(1), ...args]) : run(args[0]!, args.slice(1));
  try {
    if (!hasBinary('mariadbd')) {
      exec(['apt-get', 'update', '-q']);
      exec(['apt-get', 'install', '-y', '-q', 'mariadb-server']);
    }
    exec(['mkdir', '-p', '/run/mysqld']);
    exec(['chown', 'mysql:mysql', '/run/mysqld']);
    exec([
      'start-stop-daemon',
      '--start',
      '--oknodo',
      '--background',
      '--exec',
      '/usr/sbin/mariadbd',
      '--',
      '--user=mysql',
    ]);
  } catch (e) {
    throw new Error(
      `MariaDB is not running and could not be installed (${e instanceof Error ? e.message : e}). ` +
        'Start MariaDB/MySQL on 127.0.0.1:3306 (root, empty password) or set PERKMALL_TEST_DATABASE_URL.',
      { cause: e },
    );
  }
  if (await waitFor(TEST_DATABASE_URL, 20_000)) return;
  // Debian's root signs in over the socket only; give root@127.0.0.1 an empty password, as the suite expects.
  try {
    exec([
      'mariadb',
      '-uroot',
      '-e',
      "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;",
    ]);
  } catch {
    // reported below
  }
  if (!(await waitFor(TEST_DATABASE_URL, 40_000))) {
    throw new Error(
      'MariaDB was installed but does not accept root@127.0.0.1 without a password; set PERKMALL_TEST_DATABASE_URL.',
    );
  }
}

function hasBinary(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name} || test -x /usr/sbin/${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Drops every schema a test run created (by prefix). */
export async function dropSchemas(prefix: string): Promise<void> {
  const conn = await mysql.createConnection({ uri: TEST_DATABASE_URL });
  try {
    const [rows] = await conn.query(
      'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?',
      [`${prefix}%`],
    );
    for (const { name } of rows as { name: string }[]) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}
