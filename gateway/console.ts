/**
 * Serves the operator console's built files (console/dist, `npm run console:build`) at /console.
 * Hashed assets (/console/assets/*) are immutable and cached for a year; every other path under
 * /console is the single-page app's index.html (its router picks the page), never cached, so a new
 * build is picked up at the next load.
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { ROOT_DIR } from '../core/config';
import { HttpError, type RouteHandler } from '../core/http';

export const CONSOLE_DIST = path.join(ROOT_DIR, 'console', 'dist');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * What a browser may run on a console page: only our own scripts; styles inline too (Ant Design
 * writes its CSS-in-JS into <style> elements); connections only back to this gateway.
 */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'",
};

function send(res: http.ServerResponse, req: http.IncomingMessage, file: string, headers: Record<string, string>) {
  const body = fs.readFileSync(file);
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': String(body.length),
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function consoleRoute(dist = CONSOLE_DIST): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Use GET.');
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (pathname === '/console') {
      res.writeHead(308, { location: '/console/' }).end();
      return;
    }
    const index = path.join(dist, 'index.html');
    if (!fs.existsSync(index))
      throw new HttpError(
        503,
        'The console is not built: run `npm run console:build` (npm start builds it).',
        'CONSOLE_NOT_BUILT',
      );
    const relative = pathname.slice('/console/'.length);
    const file = path.resolve(dist, relative);
    // Nothing outside dist, whatever the path says (`..`, encoded or not).
    if (!file.startsWith(dist + path.sep) && file !== dist) throw new HttpError(404, `No file ${pathname}.`);
    if (relative.startsWith('assets/')) {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile())
        throw new HttpError(404, `No file ${pathname} (an asset of another build?): reload the console.`);
      return send(res, req, file, { 'cache-control': 'public, max-age=31536000, immutable' });
    }
    if (relative && fs.existsSync(file) && fs.statSync(file).isFile())
      return send(res, req, file, { 'cache-control': 'no-cache' });
    return send(res, req, index, { 'cache-control': 'no-cache' });
  };
}
