import { Migration } from '@mikro-orm/migrations';

export class Migration20261130192859_benefit_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`benefit_quota_spend\` (\`order_id\` integer not null, \`listing_id\` integer not null, \`rule_id\` integer not null, \`customer_id\` integer not null, \`period_key\` text not null, \`units\` integer not null, \`returned_units\` integer not null default 0, primary key (\`order_id\`, \`listing_id\`));`,
    );

    this.addSql(
      `create table \`benefit_quota_use\` (\`rule_id\` integer not null, \`customer_id\` integer not null, \`period_key\` text not null, \`used\` integer not null default 0, primary key (\`rule_id\`, \`customer_id\`, \`period_key\`));`,
    );

    this.addSql(
      `create table \`benefit_rule\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`name\` text not null, \`kind\` text check (\`kind\` in ('THRESHOLD', 'PERCENT_OFF', 'FREE_SHIPPING', 'QUOTA')) not null, \`enabled\` integer not null default true, \`tier_id\` integer null, \`segment_id\` integer null, \`starts_at\` datetime not null, \`ends_at\` datetime null, \`funded_by\` text check (\`funded_by\` in ('BANK', 'SUPPLIER', 'SHARED')) not null, \`bank_share_bp\` integer not null default 10000, \`threshold_basis\` text check (\`threshold_basis\` in ('CASH', 'POINTS', 'BOTH')) null, \`threshold_amount\` bigint null, \`discount_amount\` bigint null, \`repeatable\` integer not null default false, \`percent_bp\` integer null, \`cap_fen\` bigint null, \`quota_units\` integer null, \`quota_period\` text check (\`quota_period\` in ('MONTH', 'QUARTER', 'YEAR')) null, \`quota_discount_bp\` integer null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(`create index \`benefit_rule_bank\` on \`benefit_rule\` (\`bank_id\`, \`id\`);`);

    this.addSql(
      `create table \`benefit_rule_listing\` (\`rule_id\` integer not null, \`listing_id\` integer not null, primary key (\`rule_id\`, \`listing_id\`));`,
    );
    this.addSql(`create index \`benefit_rule_listing_listing\` on \`benefit_rule_listing\` (\`listing_id\`);`);
  }
}
