/**
 * The warm spare `npm start` keeps beside its processes (scripts/stack.ts): a node process that has
 * already loaded the packages the components' bundles require at their top (graphql, Apollo,
 * MikroORM and knex, type-graphql, pino …: about half of a component's startup CPU) and waits.
 *
 * When a component crashes the supervisor sends it `{ become: <bundle>, env }` over IPC: it takes
 * the component's environment, drops the IPC channel and runs the bundle as its main module, whose
 * requires then find those packages loaded. The restart costs the component's own setup only
 * (orders ~0.8 s instead of ~2 s on the 2-core machine), so it stays within its 5 s on a busy
 * machine too. Usage: node [flags] scripts/warm-spare.cjs <bundles directory>
 */
'use strict';
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS entry point */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const bundles = process.argv[2];
/** esbuild's form of a top-level import in a CommonJS bundle; lazy requires sit inside functions. */
const TOP_LEVEL_REQUIRE = /^var \w+ = (?:__toESM\()?require\("([^".][^"]*)"\)/gm;

function preload() {
  const packages = new Set();
  for (const file of fs.readdirSync(bundles)) {
    if (!file.endsWith('.cjs')) continue;
    for (const m of fs.readFileSync(path.join(bundles, file), 'utf8').matchAll(TOP_LEVEL_REQUIRE))
      if (!m[1].startsWith('node:')) packages.add(m[1]);
  }
  // Resolved from the bundles' directory, as their own requires are: the same entries of require's cache.
  const requireFromBundles = Module.createRequire(path.join(bundles, 'index.cjs'));
  for (const name of packages) {
    try {
      requireFromBundles(name);
    } catch {
      // The component will load (and report) it itself.
    }
  }
}

process.on('message', (message) => {
  if (!message || typeof message.become !== 'string' || typeof message.env !== 'object') return;
  for (const key of Object.keys(process.env)) if (!(key in message.env)) delete process.env[key];
  Object.assign(process.env, message.env);
  process.removeAllListeners('message');
  // From here on an ordinary component process: no channel to the supervisor keeps it alive.
  process.disconnect();
  process.argv[1] = message.become;
  // What `ps` (and /proc/<pid>/cmdline) shows: the bundle it runs now.
  process.title = `node ${message.become} (from the warm spare)`;
  Module.runMain();
});

preload();
process.title = 'perkmall warm spare (ready)';
process.send({ ready: true });
