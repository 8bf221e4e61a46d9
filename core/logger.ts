import { logLevel, type LogLevel } from './config';
import { requestContext } from './request-context';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * Structured JSON logs, one object per line. The request id of the current request (from the
 * gateway's `x-request-id`) is added automatically so one query can be followed across processes.
 */
export class Logger {
  constructor(
    readonly service: string,
    private readonly minLevel: LogLevel = logLevel(),
  ) {}

  private write(level: Level, msg: string, fields?: Record<string, unknown>): void {
    if (LEVELS[level] < LEVELS[this.minLevel] || logLevel() === 'silent') return;
    const line = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      requestId: requestContext.getStore()?.requestId,
      msg,
      ...fields,
    };
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${JSON.stringify(line)}\n`);
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
