import { Migration } from '@mikro-orm/migrations';

export class Migration20261130203513_vouchers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`voucher\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`name\` text not null, \`kind\` text check (\`kind\` in ('AMOUNT_OFF', 'PERCENT_OFF')) not null, \`value\` bigint not null, \`cap_fen\` bigint null, \`min_spend_fen\` bigint not null, \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`per_customer_limit\` integer not null, \`tier_id\` integer null, \`segment_id\` integer null, \`customer_id\` integer null, \`budget_fen\` bigint not null, \`spent_fen\` bigint not null default 0, \`used_count\` integer not null default 0, \`funded_by\` text check (\`funded_by\` in ('BANK', 'SUPPLIER', 'SHARED')) not null, \`bank_share_bp\` integer not null default 10000, \`state\` text check (\`state\` in ('ACTIVE', 'STOPPED')) not null default 'ACTIVE', \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(`create index \`voucher_bank_window\` on \`voucher\` (\`bank_id\`, \`state\`, \`ends_at\`);`);

    this.addSql(
      `create table \`voucher_redemption\` (\`order_id\` integer not null, \`voucher_id\` integer null, \`customer_id\` integer null, \`discount_fen\` bigint not null default 0, \`returned_fen\` bigint not null default 0, \`state\` text check (\`state\` in ('RESERVED', 'RELEASED')) not null, \`created_at\` datetime not null, primary key (\`order_id\`));`,
    );
    this.addSql(
      `create index \`voucher_redemption_voucher\` on \`voucher_redemption\` (\`voucher_id\`, \`order_id\`);`,
    );

    this.addSql(
      `create table \`voucher_return\` (\`return_key\` text not null, \`order_id\` integer not null, primary key (\`return_key\`));`,
    );

    this.addSql(
      `create table \`voucher_use\` (\`voucher_id\` integer not null, \`customer_id\` integer not null, \`used\` integer not null default 0, primary key (\`voucher_id\`, \`customer_id\`));`,
    );
  }
}
