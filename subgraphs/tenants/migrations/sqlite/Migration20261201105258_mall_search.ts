import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105258_mall_search extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`listing_sales_order\` (\`order_id\` integer not null, \`recorded_at\` datetime not null, primary key (\`order_id\`));`,
    );

    this.addSql(
      `create table \`sku_search_term\` (\`term\` text not null, \`sku_id\` integer not null, primary key (\`term\`, \`sku_id\`));`,
    );
    this.addSql(`create index \`sku_search_term_sku\` on \`sku_search_term\` (\`sku_id\`);`);

    this.addSql(`alter table \`listing\` add column \`sku_title\` text not null default '';`);
    this.addSql(`alter table \`listing\` add column \`brand_id\` integer null;`);
    this.addSql(`alter table \`listing\` add column \`category_path\` text not null default '';`);
    this.addSql(`alter table \`listing\` add column \`in_stock\` integer not null default true;`);
    this.addSql(`alter table \`listing\` add column \`sales_count\` bigint not null default 0;`);
    this.addSql(`alter table \`listing\` add column \`price_value\` bigint not null default 0;`);
    this.addSql(`create index \`listing_mall_sales\` on \`listing\` (\`mall_id\`, \`sales_count\`, \`id\`);`);
    this.addSql(`create index \`listing_mall_newest\` on \`listing\` (\`mall_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`listing_mall_price\` on \`listing\` (\`mall_id\`, \`price_value\`, \`id\`);`);
    // Listings from before: the price's value on their bank's scale (services/pricing.ts, priceValue).
    // Title, brand, category and stock come from the catalog: refreshSkuAvailability of the listed SKUs (tenants README, "Mall search").
    this.addSql(
      `update \`listing\` set \`price_value\` = \`price_points\` * 100 + \`price_fen\` * (select \`points_per_yuan\` from \`bank\` where \`bank\`.\`id\` = \`listing\`.\`bank_id\`);`,
    );
  }
}
