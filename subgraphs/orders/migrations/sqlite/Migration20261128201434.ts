import { Migration } from '@mikro-orm/migrations';

/**
 * Settlement sums are bigint. SQLite stores 64-bit integers either way, but the declared type is
 * rebuilt so the schema matches the entities (generated; trimmed of rebuilds of other tables that
 * changed nothing).
 */
export class Migration20261128201434 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`settlement_line__temp_alter\` (\`id\` integer not null primary key autoincrement, \`statement_id\` integer not null, \`source_key\` text not null, \`kind\` text check (\`kind\` in ('DELIVERY', 'REFUND')) not null, \`order_id\` integer not null, \`order_line_id\` integer not null, \`quantity\` integer not null, \`unit_supplier_price_fen\` integer not null, \`amount_fen\` bigint not null, \`occurred_at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`settlement_line__temp_alter\` select \`id\`, \`statement_id\`, \`source_key\`, \`kind\`, \`order_id\`, \`order_line_id\`, \`quantity\`, \`unit_supplier_price_fen\`, \`amount_fen\`, \`occurred_at\` from \`settlement_line\`;`,
    );
    this.addSql(`drop table \`settlement_line\`;`);
    this.addSql(`alter table \`settlement_line__temp_alter\` rename to \`settlement_line\`;`);
    this.addSql(`create index \`settlement_line_statement_id_index\` on \`settlement_line\` (\`statement_id\`);`);
    this.addSql(`create unique index \`settlement_line_source_key_unique\` on \`settlement_line\` (\`source_key\`);`);
    this.addSql(
      `create table \`settlement_statement__temp_alter\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`supplier_id\` integer not null, \`period\` text not null, \`status\` text check (\`status\` in ('OPEN', 'SETTLED')) not null default 'OPEN', \`total_fen\` bigint not null default 0, \`settled_at\` datetime null);`,
    );
    this.addSql(
      `insert into \`settlement_statement__temp_alter\` select \`id\`, \`bank_id\`, \`supplier_id\`, \`period\`, \`status\`, \`total_fen\`, \`settled_at\` from \`settlement_statement\`;`,
    );
    this.addSql(`drop table \`settlement_statement\`;`);
    this.addSql(`alter table \`settlement_statement__temp_alter\` rename to \`settlement_statement\`;`);
    this.addSql(
      `create unique index \`settlement_statement_bank_id_supplier_id_period_unique\` on \`settlement_statement\` (\`bank_id\`, \`supplier_id\`, \`period\`);`,
    );
    this.addSql(`pragma foreign_keys = on;`);
  }
}
