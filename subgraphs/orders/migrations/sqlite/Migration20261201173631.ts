import { Migration } from '@mikro-orm/migrations';

export class Migration20261201173631 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`advance_payout\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`supplier_id\` integer not null, \`order_line_id\` integer not null, \`statement_id\` integer not null, \`source_key\` text not null, \`status\` text check (\`status\` in ('PAID', 'HELD', 'CLAWBACK')) not null, \`amount_fen\` bigint not null, \`created_at\` datetime not null, \`paid_at\` datetime null);`,
    );
    this.addSql(`create index \`advance_payout_order_line_id_index\` on \`advance_payout\` (\`order_line_id\`);`);
    this.addSql(
      `create index \`advance_payout_bank_id_status_id_index\` on \`advance_payout\` (\`bank_id\`, \`status\`, \`id\`);`,
    );
    this.addSql(`create unique index \`advance_payout_source_key_unique\` on \`advance_payout\` (\`source_key\`);`);

    this.addSql(
      `create table \`advance_terms\` (\`bank_id\` integer not null, \`enabled\` integer not null default false, \`exposure_cap_fen\` bigint not null default 0, \`repayment_term_days\` integer not null default 30, \`updated_at\` datetime not null, primary key (\`bank_id\`));`,
    );

    this.addSql(
      `create table \`commission_rate\` (\`id\` integer not null primary key autoincrement, \`supplier_id\` integer not null, \`category_id\` integer null, \`rate_bp\` integer not null, \`valid_from\` date not null, \`valid_to\` date null, \`created_by\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`commission_rate_supplier_id_category_id_valid_from_index\` on \`commission_rate\` (\`supplier_id\`, \`category_id\`, \`valid_from\`);`,
    );

    this.addSql(`alter table \`order_line\` add column \`campaign_supplier_funded_fen\` bigint not null default 0;`);
    this.addSql(`alter table \`order_line\` add column \`category_path\` text null;`);

    this.addSql(`alter table \`settlement_line\` add column \`rate_bp\` integer null;`);
  }
}
