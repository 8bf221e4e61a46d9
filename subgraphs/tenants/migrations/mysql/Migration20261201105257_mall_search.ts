import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105257_mall_search extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`listing_sales_order\` (\`order_id\` int unsigned not null, \`recorded_at\` datetime not null, primary key (\`order_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`sku_search_term\` (\`term\` varchar(32) not null, \`sku_id\` int unsigned not null, primary key (\`term\`, \`sku_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`sku_search_term\` add index \`sku_search_term_sku\`(\`sku_id\`);`);

    this.addSql(
      `alter table \`listing\` add \`sku_title\` varchar(200) not null default '', add \`brand_id\` int null, add \`category_path\` varchar(255) not null default '', add \`in_stock\` tinyint(1) not null default true, add \`sales_count\` bigint not null default 0, add \`price_value\` bigint not null default 0;`,
    );
    this.addSql(`alter table \`listing\` add index \`listing_mall_sales\`(\`mall_id\`, \`sales_count\`, \`id\`);`);
    this.addSql(`alter table \`listing\` add index \`listing_mall_newest\`(\`mall_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`listing\` add index \`listing_mall_price\`(\`mall_id\`, \`price_value\`, \`id\`);`);
    // Listings from before: the price's value on their bank's scale (services/pricing.ts, priceValue).
    // Title, brand, category and stock come from the catalog: refreshSkuAvailability of the listed SKUs (tenants README, "Mall search").
    this.addSql(
      `update \`listing\` set \`price_value\` = \`price_points\` * 100 + \`price_fen\` * (select \`points_per_yuan\` from \`bank\` where \`bank\`.\`id\` = \`listing\`.\`bank_id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`listing_sales_order\`;`);

    this.addSql(`drop table if exists \`sku_search_term\`;`);

    this.addSql(`alter table \`listing\` drop index \`listing_mall_sales\`;`);
    this.addSql(`alter table \`listing\` drop index \`listing_mall_newest\`;`);
    this.addSql(`alter table \`listing\` drop index \`listing_mall_price\`;`);
    this.addSql(
      `alter table \`listing\` drop column \`sku_title\`, drop column \`brand_id\`, drop column \`category_path\`, drop column \`in_stock\`, drop column \`sales_count\`, drop column \`price_value\`;`,
    );
  }
}
