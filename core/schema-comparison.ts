/**
 * The drivers the migration generator (scripts/migration-create.ts) and the migration test use to
 * compare a database that has every committed migration applied with the entities. They read the
 * database's schema the way MikroORM 6.6's stock helpers should, so an unchanged main diffs as
 * empty. Only the comparison uses them: `openDatabase` (the running system) keeps the stock drivers,
 * and the DDL these drivers write for a real change is the stock DDL.
 *
 * What MariaDB reports differently from the MySQL that MikroORM's MySQL helper expects:
 * - COLUMN_DEFAULT is an SQL expression since MariaDB 10.2.7: a string default comes back quoted
 *   (`'PENDING'`, quotes doubled inside) and "no default" on a nullable column as the word `NULL`.
 *   MySQL reports the bare value and SQL NULL, and MikroORM quotes what it reads once more, so every
 *   enum/string default and every nullable varchar looked changed.
 * - JSON is an alias: MariaDB stores a `json` column as LONGTEXT with a column CHECK
 *   `json_valid(\`col\`)` named after the column. MikroORM saw a longtext column plus an unknown
 *   check, and proposed dropping the check and modifying the column back to `json`.
 *
 * What MikroORM 6.6.16's SQLite helper gets wrong or reports differently:
 * - enum items: the check `col in ('A', 'B', 'C')` is split only at its last comma, so an enum of
 *   three or more values read as two and every such table was rebuilt.
 * - foreign keys are keyed by column name instead of constraint name, so the comparator never matched
 *   them and every table with a foreign key was rebuilt with the very same key.
 * - `bigint` and `integer` are one storage class in SQLite (INTEGER affinity, 64-bit signed), and the
 *   BIGINT change for MariaDB deliberately left the SQLite tables as they were declared; a column
 *   declared `integer` there already holds every value a `bigint` entity column writes.
 */
import type { Configuration, Dictionary, Transaction, Type } from '@mikro-orm/core';
import {
  MySqlDriver,
  MySqlPlatform,
  MySqlSchemaHelper,
  type AbstractSqlConnection,
  type AbstractSqlPlatform,
  type CheckDef,
  type Column,
} from '@mikro-orm/mysql';
import { LibSqlDriver, LibSqlPlatform, LibSqlSchemaHelper } from '@mikro-orm/libsql';
import type { Dialect } from './db';

type Table = Parameters<MySqlSchemaHelper['getAllColumns']>[1][number];

/** `json_valid(\`payload\`)`, the check MariaDB adds to a JSON column, named after the column. */
function jsonCheckColumn(check: CheckDef): string | null {
  const match = typeof check.expression === 'string' ? /^json_valid\(`([^`]+)`\)$/i.exec(check.expression) : null;
  return match && match[1] === check.name ? match[1] : null;
}

class MariaDbSchemaHelper extends MySqlSchemaHelper {
  override async getAllColumns(
    connection: AbstractSqlConnection,
    tables: Table[],
    ctx?: Transaction,
  ): Promise<Dictionary<Column[]>> {
    const columns = await super.getAllColumns(connection, tables, ctx);
    const checks = await super.getAllChecks(connection, tables, ctx);
    const json = this.platform.getMappedType('json');
    for (const [table, tableColumns] of Object.entries(columns)) {
      const jsonColumns = new Set((checks[table] ?? []).map(jsonCheckColumn));
      for (const column of tableColumns) {
        if (column.type === 'longtext' && jsonColumns.has(column.name)) {
          Object.assign(column, { type: 'json', mappedType: json, length: undefined });
        }
      }
    }
    return columns;
  }

  override async getAllChecks(
    connection: AbstractSqlConnection,
    tables: Table[],
    ctx?: Transaction,
  ): Promise<Dictionary<CheckDef[]>> {
    const checks = await super.getAllChecks(connection, tables, ctx);
    // The JSON alias's own check is part of the column type (see getAllColumns), not a declared check.
    return Object.fromEntries(
      Object.entries(checks).map(([table, list]) => [table, list.filter((check) => !jsonCheckColumn(check))]),
    );
  }

  /** Called with the default as MariaDB reports it, before MikroORM quotes it for the comparison. */
  protected override wrap(val: string | null | undefined, type: Type<unknown>): string | null | undefined {
    if (val === 'NULL') return null;
    const literal = typeof val === 'string' ? /^'(.*)'$/s.exec(val) : null;
    if (literal) return super.wrap(literal[1].replace(/''/g, "'").replace(/\\\\/g, '\\'), type);
    return super.wrap(val, type);
  }
}

class MariaDbPlatform extends MySqlPlatform {
  protected override readonly schemaHelper: MySqlSchemaHelper = new MariaDbSchemaHelper(this);
}

class SqliteSchemaHelper extends LibSqlSchemaHelper {
  override async getEnumDefinitions(
    connection: AbstractSqlConnection,
    _checks: CheckDef[],
    tableName: string,
    _schemaName: string,
    ctx?: Transaction,
  ): Promise<Dictionary<string[]>> {
    const table = await connection.execute<{ sql: string }>(
      'select sql from sqlite_master where type = ? and name = ?',
      ['table', tableName],
      'get',
      ctx,
    );
    // MikroORM writes an enum column as: `status` text check (`status` in ('A', 'B', 'C'))
    const enumColumn = /`([^`]+)` text check \(`\1` in \(((?:\s*'(?:[^']|'')*'\s*,?)+)\)\)/g;
    const items: Dictionary<string[]> = {};
    for (const [, column, list] of table.sql.matchAll(enumColumn)) {
      items[column] = [...list.matchAll(/'((?:[^']|'')*)'/g)].map(([, item]) => item.replace(/''/g, "'"));
    }
    return items;
  }

  override mapForeignKeys(fks: unknown[], tableName: string): Dictionary {
    const byColumn = super.mapForeignKeys(fks, tableName) as Dictionary<{ constraintName: string }>;
    return Object.fromEntries(Object.values(byColumn).map((fk) => [fk.constraintName, fk]));
  }
}

class SqlitePlatform extends LibSqlPlatform {
  protected override readonly schemaHelper: LibSqlSchemaHelper = new SqliteSchemaHelper(this);

  /** Used only by the schema comparator: both declarations are SQLite's one 64-bit INTEGER. */
  override normalizeColumnType(type: string, options: Parameters<LibSqlPlatform['normalizeColumnType']>[1]): string {
    const normalized = super.normalizeColumnType(type, options);
    return normalized === 'bigint' ? 'integer' : normalized;
  }
}

/** The stock driver with the platform above in place of its own (set before MikroORM reads it). */
function withPlatform(driver: object, platform: AbstractSqlPlatform): void {
  (driver as { platform: AbstractSqlPlatform }).platform = platform;
}

class MariaDbComparisonDriver extends MySqlDriver {
  constructor(config: Configuration) {
    super(config);
    withPlatform(this, new MariaDbPlatform());
  }
}

class SqliteComparisonDriver extends LibSqlDriver {
  constructor(config: Configuration) {
    super(config);
    withPlatform(this, new SqlitePlatform());
  }
}

/** ORM options (for `ormOptions(…, extra)`) that make schema comparisons read the database as above. */
export function schemaComparisonOptions(dialect: Dialect): { driver: typeof MySqlDriver | typeof LibSqlDriver } {
  return { driver: dialect === 'mysql' ? MariaDbComparisonDriver : SqliteComparisonDriver };
}
