import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125210_dashboard extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index \`report_listing_day_bank_id_listing_id_day_unique\`;`);

    this.addSql(`alter table \`report_listing_day\` add column \`campaign_id\` integer not null default 0;`);
    this.addSql(`alter table \`report_listing_day\` add column \`title\` text not null default '';`);
    this.addSql(`alter table \`report_listing_day\` add column \`cash_fen\` bigint not null default 0;`);
    this.addSql(`alter table \`report_listing_day\` add column \`points\` bigint not null default 0;`);
    this.addSql(`alter table \`report_listing_day\` add column \`campaign_orders\` integer not null default 0;`);
    this.addSql(`create index \`report_listing_day_bank_day\` on \`report_listing_day\` (\`bank_id\`, \`day\`);`);
    this.addSql(
      `create unique index \`report_listing_day_key\` on \`report_listing_day\` (\`bank_id\`, \`listing_id\`, \`day\`, \`campaign_id\`);`,
    );

    this.addSql(`drop index \`report_mall_hour_bank_id_mall_id_hour_unique\`;`);

    this.addSql(`alter table \`report_mall_hour\` add column \`tier_id\` integer not null default 0;`);
    this.addSql(`alter table \`report_mall_hour\` add column \`refunds\` integer not null default 0;`);
    this.addSql(`alter table \`report_mall_hour\` add column \`refunded_cash_fen\` bigint not null default 0;`);
    this.addSql(`alter table \`report_mall_hour\` add column \`refunded_points_value_fen\` bigint not null default 0;`);
    this.addSql(`alter table \`report_mall_hour\` add column \`changes\` integer not null default 0;`);
    this.addSql(
      `create unique index \`report_mall_hour_key\` on \`report_mall_hour\` (\`bank_id\`, \`mall_id\`, \`hour\`, \`tier_id\`);`,
    );

    this.addSql(`alter table \`customer_order\` add column \`tier_id\` integer null;`);
    this.addSql(`create index \`order_bank_paid\` on \`customer_order\` (\`bank_id\`, \`paid_at\`);`);
  }
}
