import { Migration } from '@mikro-orm/migrations';

export class Migration20261201141720_mall_search_brand extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index \`listing_mall_brand_sales\` on \`listing\` (\`mall_id\`, \`brand_id\`, \`sales_count\`, \`id\`);`,
    );
    this.addSql(
      `create index \`listing_mall_brand_newest\` on \`listing\` (\`mall_id\`, \`brand_id\`, \`created_at\`, \`id\`);`,
    );
    this.addSql(
      `create index \`listing_mall_brand_price\` on \`listing\` (\`mall_id\`, \`brand_id\`, \`price_value\`, \`id\`);`,
    );
    this.addSql(
      `create index \`listing_mall_brand_rank\` on \`listing\` (\`mall_id\`, \`brand_id\`, \`featured_rank\`, \`id\`);`,
    );
  }
}
