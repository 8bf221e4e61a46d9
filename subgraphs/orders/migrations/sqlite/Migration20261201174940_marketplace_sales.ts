import { Migration } from '@mikro-orm/migrations';

export class Migration20261201174940_marketplace_sales extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index \`report_mall_hour_hour\` on \`report_mall_hour\` (\`hour\`, \`bank_id\`);`);

    this.addSql(`create index \`report_supplier_day_day\` on \`report_supplier_day\` (\`day\`, \`supplier_id\`);`);
  }
}
