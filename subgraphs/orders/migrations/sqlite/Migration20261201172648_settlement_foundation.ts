import { Migration } from '@mikro-orm/migrations';

export class Migration20261201172648_settlement_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`settlement_payment\` (\`id\` integer not null primary key autoincrement, \`statement_id\` integer not null, \`bank_id\` integer not null, \`supplier_id\` integer not null, \`reference\` text not null, \`paid_on\` date not null, \`amount_fen\` bigint not null, \`recorded_by\` text not null, \`recorded_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`settlement_payment_bank_id_paid_on_index\` on \`settlement_payment\` (\`bank_id\`, \`paid_on\`);`,
    );
    this.addSql(
      `create unique index \`settlement_payment_statement_id_reference_unique\` on \`settlement_payment\` (\`statement_id\`, \`reference\`);`,
    );

    // SQLite checks enums with CHECK constraints, which ALTER cannot change: rebuild both tables
    // (OPEN becomes DRAFT and SETTLED becomes CLOSED on the way).
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`settlement_line__temp_alter\` (\`id\` integer not null primary key autoincrement, \`statement_id\` integer not null, \`source_key\` text not null, \`kind\` text check (\`kind\` in ('DELIVERY', 'REFUND', 'DISCOUNT', 'DISCOUNT_RETURN', 'CO_FUNDING', 'CO_FUNDING_RETURN', 'ADJUSTMENT', 'COMMISSION', 'COMMISSION_RETURN')) not null, \`order_id\` integer not null, \`order_line_id\` integer not null, \`quantity\` integer not null, \`unit_supplier_price_fen\` bigint not null, \`amount_fen\` bigint not null, \`occurred_at\` datetime not null, \`adjusts_line_id\` integer null, \`note\` text null);`,
    );
    this.addSql(
      `insert into \`settlement_line__temp_alter\` select \`id\`, \`statement_id\`, \`source_key\`, \`kind\`, \`order_id\`, \`order_line_id\`, \`quantity\`, \`unit_supplier_price_fen\`, \`amount_fen\`, \`occurred_at\`, null, null from \`settlement_line\`;`,
    );
    this.addSql(`drop table \`settlement_line\`;`);
    this.addSql(`alter table \`settlement_line__temp_alter\` rename to \`settlement_line\`;`);
    this.addSql(`create index \`settlement_line_statement_id_index\` on \`settlement_line\` (\`statement_id\`);`);
    this.addSql(`create unique index \`settlement_line_source_key_unique\` on \`settlement_line\` (\`source_key\`);`);
    this.addSql(
      `create table \`settlement_statement__temp_alter\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`supplier_id\` integer not null, \`period\` text not null, \`status\` text check (\`status\` in ('DRAFT', 'ISSUED', 'DISPUTED', 'CONFIRMED', 'CLOSED')) not null default 'DRAFT', \`total_fen\` bigint not null default 0, \`settled_at\` datetime null, \`commission_fen\` bigint not null default 0, \`paid_fen\` bigint not null default 0, \`issued_at\` datetime null, \`due_on\` date null, \`confirmed_at\` datetime null);`,
    );
    this.addSql(
      `insert into \`settlement_statement__temp_alter\` select \`id\`, \`bank_id\`, \`supplier_id\`, \`period\`, case \`status\` when 'SETTLED' then 'CLOSED' else 'DRAFT' end, \`total_fen\`, \`settled_at\`, 0, 0, null, null, null from \`settlement_statement\`;`,
    );
    this.addSql(`drop table \`settlement_statement\`;`);
    this.addSql(`alter table \`settlement_statement__temp_alter\` rename to \`settlement_statement\`;`);
    this.addSql(
      `create unique index \`settlement_statement_bank_id_supplier_id_period_unique\` on \`settlement_statement\` (\`bank_id\`, \`supplier_id\`, \`period\`);`,
    );
    this.addSql(`pragma foreign_keys = on;`);
  }
}
