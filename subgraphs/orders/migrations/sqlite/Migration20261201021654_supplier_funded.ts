import { Migration } from '@mikro-orm/migrations';

export class Migration20261201021654_supplier_funded extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`order_line\` add column \`supplier_funded_fen\` bigint not null default 0;`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`settlement_line__temp_alter\` (\`id\` integer not null primary key autoincrement, \`statement_id\` integer not null, \`source_key\` text not null, \`kind\` text check (\`kind\` in ('DELIVERY', 'REFUND', 'DISCOUNT', 'DISCOUNT_RETURN')) not null, \`order_id\` integer not null, \`order_line_id\` integer not null, \`quantity\` integer not null, \`unit_supplier_price_fen\` bigint not null, \`amount_fen\` bigint not null, \`occurred_at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`settlement_line__temp_alter\` select \`id\`, \`statement_id\`, \`source_key\`, \`kind\`, \`order_id\`, \`order_line_id\`, \`quantity\`, \`unit_supplier_price_fen\`, \`amount_fen\`, \`occurred_at\` from \`settlement_line\`;`,
    );
    this.addSql(`drop table \`settlement_line\`;`);
    this.addSql(`alter table \`settlement_line__temp_alter\` rename to \`settlement_line\`;`);
    this.addSql(`create index \`settlement_line_statement_id_index\` on \`settlement_line\` (\`statement_id\`);`);
    this.addSql(`create unique index \`settlement_line_source_key_unique\` on \`settlement_line\` (\`source_key\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }
}
