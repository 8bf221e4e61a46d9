/**
 * A cache of `require` resolutions for the components' processes, preloaded with `--require` where
 * PERKMALL_RESOLVE_CACHE is set to a file (the tests: test/harness.ts).
 *
 * Why: each of a test system's seven processes requires some 2,300 modules of the packages its
 * bundle leaves in node_modules, and Node resolves every one by stat-ing candidate paths and reading
 * package.json files up the tree: about a fifth of a process's startup CPU (CPU profile of orders),
 * repeated identically by every process of every test file. Resolutions answered from the file are
 * the ones an earlier process made for the same (request, requiring directory); the file's name
 * carries what they depend on (the lockfile and the bundles, scripts/services-build.ts), so a changed
 * install or build starts a new one. A cached path that no longer exists is resolved afresh.
 */
'use strict';
/* global require, process, setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const file = process.env.PERKMALL_RESOLVE_CACHE;
/** How long after start the resolutions this process added are merged into the file. */
const WRITE_AFTER_MS = 5000;

if (file) {
  let cache = {};
  try {
    cache = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // none yet (or half-written by a killed process): start empty
  }
  let added = 0;
  const originalResolve = Module._resolveFilename;
  Module._resolveFilename = function resolveWithCache(request, parent, isMain, options) {
    // Built-ins, relative requests of the bundle itself and calls with options go the usual way.
    if (options || isMain || !parent || !parent.filename || request.startsWith('node:') || Module.isBuiltin(request))
      return originalResolve.call(this, request, parent, isMain, options);
    const key = `${path.dirname(parent.filename)}\0${request}`;
    const hit = cache[key];
    if (hit !== undefined && fs.existsSync(hit)) return hit;
    const resolved = originalResolve.call(this, request, parent, isMain, options);
    cache[key] = resolved;
    if (added++ === 0) {
      setTimeout(() => {
        try {
          let merged = cache;
          try {
            merged = { ...JSON.parse(fs.readFileSync(file, 'utf8')), ...cache };
          } catch {
            // nothing to merge with
          }
          const tmp = `${file}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, JSON.stringify(merged));
          // Atomic: processes starting side by side never read half a file.
          fs.renameSync(tmp, file);
        } catch {
          // a cache is an optimisation only
        }
      }, WRITE_AFTER_MS).unref();
    }
    return resolved;
  };
}
