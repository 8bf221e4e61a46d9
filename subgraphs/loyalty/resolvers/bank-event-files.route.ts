import type http from 'node:http';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError } from '../../../core/errors';
import { HttpError, readRawBody, sendJson, type RouteHandler } from '../../../core/http';
import type { Logger } from '../../../core/logger';
import { authenticateSubgraphRequest, trustedIssuers } from '../../../core/subgraph';
import { selectRows } from '../../../core/sql';
import { BankEventFiles, MAX_CHUNK_BYTES, OffsetMismatch } from '../services/bank-event-files.service';

const PATH = /^\/bank-event-files\/(\d{1,12})(\/errors\.csv)?$/;
/** The committed offset, on every answer about an upload (as in the tus protocol). */
export const UPLOAD_OFFSET_HEADER = 'upload-offset';

const STATUS_OF: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/** The body as bytes, refusing (413) beyond `limit` without buffering the rest. */
async function readChunk(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const bytes = Number.isFinite(declared) && declared > limit ? null : await readRawBody(req, limit);
  if (!bytes) throw new HttpError(413, `A chunk may be at most ${limit} bytes.`, 'PAYLOAD_TOO_LARGE');
  return bytes;
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The bytes of bank event files, forwarded by the gateway with the caller's identity token:
 *   PUT  /bank-event-files/<id>?offset=<n>   a chunk (≤ 8 MiB) at the committed offset → 200 with the new offset;
 *                                            409 with the committed offset when <n> is not it
 *   HEAD /bank-event-files/<id>              the committed offset in `upload-offset`
 *   GET  /bank-event-files/<id>              {id, offset, sizeBytes, status}
 *   GET  /bank-event-files/<id>/errors.csv   the refused rows as CSV (row_number,column,message)
 */
export function bankEventFileRoutes(orm: MikroORM, _log: Logger): Record<string, RouteHandler> {
  const trusted = trustedIssuers();
  const handler: RouteHandler = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = PATH.exec(url.pathname);
    if (!match) throw new HttpError(404, `No route ${url.pathname}.`, 'NOT_FOUND');
    const id = Number(match[1]);
    const em = orm.em.fork() as SqlEntityManager;
    try {
      const principal = await authenticateSubgraphRequest(req, 'loyalty', trusted);
      const files = new BankEventFiles(em, principal);
      if (match[2]) {
        if (req.method !== 'GET') throw new HttpError(405, 'Use GET.', 'METHOD_NOT_ALLOWED');
        await files.get(id);
        res.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="bank-event-file-${id}-errors.csv"`,
        });
        res.write('\uFEFFrow_number,column,message\n');
        try {
          let after = 0;
          for (;;) {
            const rows = await selectRows<{ row_number: number; column: string; message: string }>(
              em,
              'SELECT `row_number`, `column`, `message` FROM bank_event_file_error WHERE file_id = ? AND `row_number` > ? ORDER BY `row_number` LIMIT 1000',
              [id, after],
            );
            if (!rows.length) break;
            const text = rows.map((r) => `${r.row_number},${csvCell(r.column)},${csvCell(r.message)}\n`).join('');
            if (!res.write(text)) await new Promise((r) => res.once('drain', r));
            after = Number(rows[rows.length - 1]!.row_number);
          }
          res.end();
        } catch (e) {
          // The status is sent: cut the connection so the client sees an incomplete download, not a short file.
          res.destroy(e instanceof Error ? e : new Error(String(e)));
          throw e;
        }
        return;
      }
      if (req.method === 'PUT') {
        const offset = Number(url.searchParams.get('offset'));
        if (!url.searchParams.has('offset') || !Number.isSafeInteger(offset) || offset < 0)
          throw new HttpError(400, 'offset=<bytes already uploaded> is required.', 'BAD_USER_INPUT');
        const bytes = await readChunk(req, MAX_CHUNK_BYTES);
        const state = await files.append(id, offset, bytes);
        sendJson(res, 200, state, { [UPLOAD_OFFSET_HEADER]: String(state.offset) });
        return;
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        const state = files.state(await files.get(id));
        if (req.method === 'HEAD') {
          res.writeHead(200, {
            [UPLOAD_OFFSET_HEADER]: String(state.offset),
            'upload-length': String(state.sizeBytes),
          });
          res.end();
        } else sendJson(res, 200, state, { [UPLOAD_OFFSET_HEADER]: String(state.offset) });
        return;
      }
      throw new HttpError(405, 'Use PUT (a chunk), HEAD or GET (the committed offset).', 'METHOD_NOT_ALLOWED');
    } catch (e) {
      if (e instanceof OffsetMismatch) {
        const committed =
          e.committed >= 0
            ? e.committed
            : (await new BankEventFiles(em, await authenticateSubgraphRequest(req, 'loyalty', trusted)).get(id))
                .receivedBytes;
        sendJson(
          res,
          409,
          { error: 'CONFLICT', message: e.message, offset: committed },
          { [UPLOAD_OFFSET_HEADER]: String(committed) },
        );
        return;
      }
      if (e instanceof AppError) {
        const code = String(e.extensions.code);
        sendJson(res, STATUS_OF[code] ?? 400, { error: code, message: e.message });
        return;
      }
      throw e;
    }
  };
  handler.streamsBody = true;
  return { '/bank-event-files/*': handler };
}
