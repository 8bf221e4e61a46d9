/**
 * What one SQL statement costs over TCP on 127.0.0.1 against the server's Unix socket
 * (`?socketPath=` on PERKMALL_DATABASE_URL, core/db.ts), for the client (this process, mysql2 as
 * the subgraphs use it) and for MariaDB. Each round runs the same statement STATEMENTS times from a
 * pool of 8 connections, 8 in flight, over one transport and then the other (the order alternating
 * round by round); CPU is user + system time from /proc.
 *   npm run bench -- db-transport        (about a minute)
 * PERKMALL_BENCH_ROUNDS (default 4 per transport), PERKMALL_BENCH_STATEMENTS (default 20,000).
 */
import os from 'node:os';
import mysql from 'mysql2/promise';
import { TEST_DATABASE_URL, ensureMariaDb } from '../test/mariadb';
import { recordResult } from './results';
import { cpuSeconds, mariadbProcess } from './support/system';

export const onlyWhenNamed = true;

const ROUNDS = Number(process.env.PERKMALL_BENCH_ROUNDS ?? 4);
const STATEMENTS = Number(process.env.PERKMALL_BENCH_STATEMENTS ?? 20_000);

interface Tally {
  statements: number;
  seconds: number;
  clientCpu: number;
  serverCpu: number;
}

async function round(uri: string, server: number): Promise<Tally> {
  const pool = mysql.createPool({ uri, connectionLimit: 8 });
  try {
    for (let i = 0; i < 500; i++) await pool.query('SELECT 1'); // connections open, JIT warm
    const started = process.hrtime.bigint();
    const client0 = process.cpuUsage();
    const server0 = cpuSeconds(server);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        // A statement with parameters and a row back, as the subgraphs' small reads are.
        while (next++ < STATEMENTS) await pool.query('SELECT ? AS id, ? AS state', [next, 'HELD']);
      }),
    );
    const client = process.cpuUsage(client0);
    return {
      statements: STATEMENTS,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      clientCpu: (client.user + client.system) / 1e6,
      serverCpu: cpuSeconds(server) - server0,
    };
  } finally {
    await pool.end();
  }
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  const server = mariadbProcess();
  if (server == null) throw new Error('db-transport needs to read the MariaDB process from /proc.');
  const probe = await mysql.createConnection({ uri: TEST_DATABASE_URL });
  const [rows] = await probe.query<mysql.RowDataPacket[]>('SELECT @@socket AS socket');
  await probe.end();
  const socket = String(rows[0]!.socket);
  const transports = {
    TCP: TEST_DATABASE_URL,
    'Unix socket': `mysql://root@localhost/?socketPath=${encodeURIComponent(socket)}`,
  };
  const loadStart = os.loadavg()[0]!;
  const runs = new Map<string, Tally[]>();
  const perRound: string[] = [];
  for (let r = 0; r < 2 * ROUNDS; r++) {
    const order = r % 2 === 0 ? (['TCP', 'Unix socket'] as const) : (['Unix socket', 'TCP'] as const);
    const cells: string[] = [];
    for (const name of order) {
      const t = await round(transports[name], server);
      runs.set(name, [...(runs.get(name) ?? []), t]);
      cells.push(
        `${name} ${((t.clientCpu * 1e6) / t.statements).toFixed(1)} / ${((t.serverCpu * 1e6) / t.statements).toFixed(1)}`,
      );
    }
    perRound.push(`| ${r + 1} | ${cells.join(' | ')} | ${os.loadavg()[0]!.toFixed(2)} |`);
  }
  // Each transport's rounds added up, field by field.
  const totals = new Map(
    [...runs].map(([name, tallies]) => {
      const sum = (field: keyof Tally) => tallies.reduce((n, t) => n + t[field], 0);
      const total: Tally = {
        statements: sum('statements'),
        seconds: sum('seconds'),
        clientCpu: sum('clientCpu'),
        serverCpu: sum('serverCpu'),
      };
      return [name, total];
    }),
  );
  const us = (seconds: number, n: number) => ((seconds * 1e6) / n).toFixed(1);
  const row = (name: string) => {
    const t = totals.get(name)!;
    return `| ${name} | ${t.statements} | ${Math.round(t.statements / t.seconds)} | ${us(t.clientCpu, t.statements)} | ${us(t.serverCpu, t.statements)} |`;
  };
  const tcp = totals.get('TCP')!;
  const unix = totals.get('Unix socket')!;
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  recordResult(
    'db-transport',
    'One SQL statement over TCP (127.0.0.1) and over the Unix socket (mysql2 → MariaDB, A/B in one run)',
    [
      `\`SELECT ? AS id, ? AS state\` from a pool of 8 connections, 8 in flight, ${STATEMENTS.toLocaleString('en-US')} statements per round, ${ROUNDS} rounds per transport, the order alternating. CPU is user + system time from /proc: the client is this process (mysql2), the server MariaDB's whole process (shared with anything else the machine runs). Load average (1 min) ${loadStart.toFixed(2)} at the start on ${os.cpus().length} cores.`,
      '',
      '| transport | statements | statements/s | client CPU µs/statement | MariaDB CPU µs/statement |',
      '|---|---|---|---|---|',
      row('TCP'),
      row('Unix socket'),
      '',
      `- **Unix socket / TCP**: client CPU ${ratio(unix.clientCpu, tcp.clientCpu)}×, MariaDB CPU ${ratio(unix.serverCpu, tcp.serverCpu)}×, statements/s ${ratio(unix.statements / unix.seconds, tcp.statements / tcp.seconds)}×.`,
      '',
      'Round by round (client / MariaDB CPU µs per statement, in the order run):',
      '',
      '| round | first | second | load (1 min) |',
      '|---|---|---|---|',
      ...perRound,
    ].join('\n'),
  );
}
