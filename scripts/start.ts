/**
 * `npm start`: zero-setup run. Migrates and seeds each subgraph's database (embedded SQLite under
 * data/ unless PERKMALL_DATABASE_URL is set), starts six subgraphs and the gateway, and prints how
 * to use them. Ctrl-C stops everything.
 */
import 'reflect-metadata';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT_DIR, dataDir, keysDir } from '../core/config';
import { generateKeyFiles, type KeyName } from '../core/identity';
import {
  BANKS,
  CARRIERS,
  DEMO_PARTNER_ENDPOINT,
  DEMO_STAFF,
  SUPPLIERS,
  customerRef,
  demoCarrierSecret,
  demoPartnerApp,
} from './seed/demo-plan';
import { TotpSecrets } from '../subgraphs/staff/services/totp';
import { CARRIER_SIGNATURE_HEADER } from '../gateway/carrier-ingress';
import { migrateAndSeedAll } from './seed';
import { startStack } from './stack';
import { mintDevToken } from './token';
import { ensureConsoleBuilt } from './console';

/**
 * The supplier simulator (scripts/supplier-simulator.ts): the demo supplier's partner API, a process
 * of its own, with its results kept in data/ across restarts. Not supervised: a demo that stops it
 * shows a partner being down (start it again with the command printed below).
 */
function startSupplierSimulator(): ChildProcess {
  const url = new URL(DEMO_PARTNER_ENDPOINT.baseUrl);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'scripts', 'supplier-simulator.ts')], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      SUPPLIER_SIM_PORT: url.port,
      SUPPLIER_SIM_SECRET: DEMO_PARTNER_ENDPOINT.secret,
      SUPPLIER_SIM_STATE_FILE: path.join(dataDir(), 'supplier-simulator.json'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.once('exit', (code, signal) => {
    if (code)
      console.warn(`The supplier simulator exited (${code ?? signal}); is port ${url.port} taken? (SUPPLIER_SIM_PORT)`);
  });
  return child;
}

async function main(): Promise<void> {
  // Quiet unless asked: the migrator's progress lines would bury the instructions printed below.
  const quiet = process.env.PERKMALL_LOG_LEVEL === undefined;
  if (quiet) process.env.PERKMALL_LOG_LEVEL = 'warn';
  // Dev keys are generated once, before the processes start, so they all agree.
  for (const name of ['auth', 'gateway', 'service'] as KeyName[]) generateKeyFiles(keysDir(), name);
  // The gateway serves the console's built files: rebuilt only when a source is newer (~3 s).
  ensureConsoleBuilt({ quiet: true });
  process.stdout.write('Migrating and seeding demo data… ');
  await migrateAndSeedAll();
  console.log('done.');
  const stack = await startStack({
    env: {
      ...(quiet ? { PERKMALL_LOG_LEVEL: 'warn' } : {}),
      // Migrated just above: the processes (and a supervised restart after a crash) skip the check
      // and never load the migrator, which is a good part of a restart's time.
      PERKMALL_MIGRATE_ON_START: process.env.PERKMALL_MIGRATE_ON_START ?? '0',
    },
    stdio: 'inherit',
    supervise: true,
  });
  const simulator = startSupplierSimulator();

  const tokens = {
    platformAdmin: await mintDevToken({ role: 'PLATFORM_ADMIN', sub: 'dev:platform-admin' }),
    bankAdmin: await mintDevToken({ role: 'BANK_ADMIN', sub: 'dev:bank-admin-1', bankId: '1' }),
    supplierAdmin: await mintDevToken({ role: 'SUPPLIER_ADMIN', sub: 'dev:supplier-admin-1', supplierId: '1' }),
    customer: await mintDevToken({
      role: 'CUSTOMER',
      sub: 'customer:1',
      bankId: '1',
      customerId: '1',
      partnerAppId: '1',
    }),
  };
  const app = demoPartnerApp(1);
  console.log(`
Perkmall is running.

  Gateway:  ${stack.gatewayUrl}
  Health:   ${stack.urls.gateway}/health
  Console:  ${stack.urls.gateway}/console/   (operator console; sign in with a demo staff account below)

Demo tokens (8 h; mint more with \`npm run token -- --role BANK_ADMIN --bank 1\`):
  PLATFORM_ADMIN            ${tokens.platformAdmin}
  BANK_ADMIN (bank 1)       ${tokens.bankAdmin}
  SUPPLIER_ADMIN (supp. 1)  ${tokens.supplierAdmin}
  CUSTOMER (bank 1, #1)     ${tokens.customer}

Try it (a query across tenants and catalog):
  curl -s ${stack.gatewayUrl} -H 'content-type: application/json' \\
    -H 'authorization: Bearer ${tokens.bankAdmin}' \\
    -d '{"query":"{ mall(id: 1) { name listings(first: 3) { edges { node { pricePoints sku { title brand { name } stock { available } supplier { name } } } } } } }"}'

Staff sign-in, in the console or with curl (demo accounts; admins also give the current code of their TOTP
secret, from an authenticator app or \`oathtool --totp -b <secret>\`):
${DEMO_STAFF.map(
  (m) =>
    `  ${m.role.padEnd(15)} login_name=${m.loginName}  password=${m.password}` +
    (m.totpSecret
      ? `\n${' '.repeat(18)}TOTP secret ${m.totpSecret}  ${TotpSecrets.uri(m.loginName, m.totpSecret)}`
      : ''),
).join('\n')}
  curl -s ${stack.urls.gateway}/auth/staff/sign-in -d login_name=${DEMO_STAFF[2].loginName} -d password=${DEMO_STAFF[2].password}
  (then call /graphql with the access_token; POST /auth/staff/refresh -d refresh_token=… for new tokens)

Partner app of ${BANKS[0]!.name} (dev credentials):
  client_id=${app.clientId}  client_secret=${app.clientSecret}
  curl -s ${stack.urls.gateway}/oauth/token -d grant_type=client_credentials -d client_id=${app.clientId} -d client_secret=${app.clientSecret}
  then a customer token: -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange -d subject_token=<token> -d customer_ref=${customerRef(1, 1)}
  (or authenticate the client with HTTP Basic: curl -u ${app.clientId}:${app.clientSecret} -d grant_type=client_credentials …)

Carrier tracking callbacks (the gateway passes them to logistics unchanged):
  POST ${stack.urls.gateway}/carriers/<CODE>/events
  header ${CARRIER_SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the raw body with the carrier's secret>
  demo carriers' secrets: ${CARRIERS.map((c) => `${c.code}=${demoCarrierSecret(c.code)}`).join('  ')}
  body='{"events":[{"eventId":"sf-1","trackingNumber":"<from shipSupplierOrder>","status":"PICKED_UP","occurredAt":"2026-11-20T08:00:00Z"}]}'
  curl -s ${stack.urls.gateway}/carriers/SF/events -H 'content-type: application/json' \
    -H "${CARRIER_SIGNATURE_HEADER}: sha256=$(printf %s "$body" | openssl dgst -sha256 -hmac ${demoCarrierSecret('SF')} -r | cut -d' ' -f1)" -d "$body"

Supplier simulator (the partner API of supplier ${DEMO_PARTNER_ENDPOINT.supplierId}, ${SUPPLIERS[DEMO_PARTNER_ENDPOINT.supplierId - 1]!.name}; docs/partner-delivery-protocol.md):
  ${DEMO_PARTNER_ENDPOINT.baseUrl}   shared secret ${DEMO_PARTNER_ENDPOINT.secret}
  script it: curl -s ${DEMO_PARTNER_ENDPOINT.baseUrl}/control/behaviour -d '{"match":{"productCode":"IQIYI-VIP-1M"},"behaviour":"late","delayMs":2000}'
  see what it received: curl -s ${DEMO_PARTNER_ENDPOINT.baseUrl}/control/requests
  its callbacks arrive at ${stack.urls.gateway}/partners/${DEMO_PARTNER_ENDPOINT.supplierId}/callbacks

A process that exits on its own is restarted (the log says which and why).
Press Ctrl-C to stop.`);

  const shutdown = () => {
    console.log('\nStopping…');
    simulator.kill('SIGTERM');
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
