import { Migration } from '@mikro-orm/migrations';

export class Migration20261201141719_mall_search_brand extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`listing\` add index \`listing_mall_brand_sales\`(\`mall_id\`, \`brand_id\`, \`sales_count\`, \`id\`);`,
    );
    this.addSql(
      `alter table \`listing\` add index \`listing_mall_brand_newest\`(\`mall_id\`, \`brand_id\`, \`created_at\`, \`id\`);`,
    );
    this.addSql(
      `alter table \`listing\` add index \`listing_mall_brand_price\`(\`mall_id\`, \`brand_id\`, \`price_value\`, \`id\`);`,
    );
    this.addSql(
      `alter table \`listing\` add index \`listing_mall_brand_rank\`(\`mall_id\`, \`brand_id\`, \`featured_rank\`, \`id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`listing\` drop index \`listing_mall_brand_sales\`;`);
    this.addSql(`alter table \`listing\` drop index \`listing_mall_brand_newest\`;`);
    this.addSql(`alter table \`listing\` drop index \`listing_mall_brand_price\`;`);
    this.addSql(`alter table \`listing\` drop index \`listing_mall_brand_rank\`;`);
  }
}
