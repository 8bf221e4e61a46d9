import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125159_dashboard extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`report_listing_day\` drop index \`report_listing_day_bank_id_listing_id_day_unique\`;`);

    this.addSql(
      `alter table \`report_listing_day\` add \`campaign_id\` int not null default 0, add \`title\` varchar(200) not null default '', add \`cash_fen\` bigint not null default 0, add \`points\` bigint not null default 0, add \`campaign_orders\` int not null default 0;`,
    );
    this.addSql(`alter table \`report_listing_day\` add index \`report_listing_day_bank_day\`(\`bank_id\`, \`day\`);`);
    this.addSql(
      `alter table \`report_listing_day\` add unique \`report_listing_day_key\`(\`bank_id\`, \`listing_id\`, \`day\`, \`campaign_id\`);`,
    );

    this.addSql(`alter table \`report_mall_hour\` drop index \`report_mall_hour_bank_id_mall_id_hour_unique\`;`);

    this.addSql(
      `alter table \`report_mall_hour\` add \`tier_id\` int not null default 0, add \`refunds\` int not null default 0, add \`refunded_cash_fen\` bigint not null default 0, add \`refunded_points_value_fen\` bigint not null default 0, add \`changes\` int not null default 0;`,
    );
    this.addSql(
      `alter table \`report_mall_hour\` add unique \`report_mall_hour_key\`(\`bank_id\`, \`mall_id\`, \`hour\`, \`tier_id\`);`,
    );

    this.addSql(`alter table \`customer_order\` add \`tier_id\` int null;`);
    this.addSql(`alter table \`customer_order\` add index \`order_bank_paid\`(\`bank_id\`, \`paid_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`report_listing_day\` drop index \`report_listing_day_bank_day\`;`);
    this.addSql(`alter table \`report_listing_day\` drop index \`report_listing_day_key\`;`);
    this.addSql(
      `alter table \`report_listing_day\` drop column \`campaign_id\`, drop column \`title\`, drop column \`cash_fen\`, drop column \`points\`, drop column \`campaign_orders\`;`,
    );

    this.addSql(
      `alter table \`report_listing_day\` add unique \`report_listing_day_bank_id_listing_id_day_unique\`(\`bank_id\`, \`listing_id\`, \`day\`);`,
    );

    this.addSql(`alter table \`report_mall_hour\` drop index \`report_mall_hour_key\`;`);
    this.addSql(
      `alter table \`report_mall_hour\` drop column \`tier_id\`, drop column \`refunds\`, drop column \`refunded_cash_fen\`, drop column \`refunded_points_value_fen\`, drop column \`changes\`;`,
    );

    this.addSql(
      `alter table \`report_mall_hour\` add unique \`report_mall_hour_bank_id_mall_id_hour_unique\`(\`bank_id\`, \`mall_id\`, \`hour\`);`,
    );

    this.addSql(`alter table \`customer_order\` drop index \`order_bank_paid\`;`);
    this.addSql(`alter table \`customer_order\` drop column \`tier_id\`;`);
  }
}
