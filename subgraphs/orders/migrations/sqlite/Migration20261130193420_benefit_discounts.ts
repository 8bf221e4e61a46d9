import { Migration } from '@mikro-orm/migrations';

export class Migration20261130193420_benefit_discounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`order_discount\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`order_line_id\` integer not null, \`supplier_order_id\` integer not null, \`source\` text check (\`source\` in ('QUOTA', 'THRESHOLD', 'PERCENT_OFF', 'VOUCHER')) not null, \`rule_id\` integer not null, \`fen\` bigint not null, \`points\` bigint not null, \`funded_by\` text check (\`funded_by\` in ('BANK', 'SUPPLIER', 'SHARED')) not null, \`bank_share_bp\` integer not null default 10000);`,
    );
    this.addSql(`create index \`order_discount_order_id_index\` on \`order_discount\` (\`order_id\`);`);
    this.addSql(`create index \`order_discount_order_line_id_index\` on \`order_discount\` (\`order_line_id\`);`);

    this.addSql(`alter table \`order_line\` add column \`discount_fen\` bigint not null default 0;`);
    this.addSql(`alter table \`order_line\` add column \`discount_points\` bigint not null default 0;`);
    this.addSql(`alter table \`order_line\` add column \`quota_rule_id\` integer null;`);
    this.addSql(`alter table \`order_line\` add column \`quota_units\` integer not null default 0;`);
    this.addSql(`alter table \`order_line\` add column \`quota_period_key\` text null;`);
  }
}
