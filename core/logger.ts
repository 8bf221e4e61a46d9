import pino from 'pino';
import { logLevel, type LogLevel } from './config';
import { requestContext } from './request-context';
import { activeSpanIds } from './telemetry';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * One pino logger per process, writing JSON lines synchronously (nothing is lost when a process
 * exits right after logging): debug and info to stdout, warn and error to stderr (what `npm start`
 * and the test stacks expect). Every line carries the request id and, when there is one, the trace
 * and span ids of the current request (core/telemetry.ts), so a line can be found from a trace and
 * a trace from a line. Levels are written as words (`"level":"error"`), as before pino.
 */
let root: pino.Logger | undefined;

function rootLogger(): pino.Logger {
  root ??= pino(
    {
      level: 'debug',
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const state = requestContext.getStore();
        const ids = activeSpanIds();
        if (ids) return { requestId: state?.requestId, traceId: ids.traceId, spanId: ids.spanId };
        // Tracing off: the caller's W3C trace id still links the lines (core/http.ts keeps it).
        return state ? { requestId: state.requestId, traceId: state.traceId } : {};
      },
    },
    pino.multistream(
      [
        { level: 'debug', stream: pino.destination({ fd: 1, sync: true }) },
        { level: 'warn', stream: pino.destination({ fd: 2, sync: true }) },
      ],
      { dedupe: true },
    ),
  );
  return root;
}

/**
 * The project's logger: `log.info(msg, fields)`, one JSON object per line with `time`, `level`,
 * `service`, `requestId`, `traceId`, `spanId`, `msg` and the fields. Built on pino; the interface is
 * the one every call site already uses.
 */
export class Logger {
  private readonly pino: pino.Logger;

  constructor(
    readonly service: string,
    private readonly minLevel: LogLevel = logLevel(),
  ) {
    this.pino = rootLogger().child({ service });
  }

  private write(level: Level, msg: string, fields?: Record<string, unknown>): void {
    if (LEVELS[level] < LEVELS[this.minLevel] || logLevel() === 'silent') return;
    if (fields) this.pino[level](fields, msg);
    else this.pino[level](msg);
  }

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.write('error', msg, fields);
  }
}
