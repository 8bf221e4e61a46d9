import { Migration } from '@mikro-orm/migrations';

export class Migration20261201174937_marketplace_sales extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`report_mall_hour\` add index \`report_mall_hour_hour\`(\`hour\`, \`bank_id\`);`);

    this.addSql(`alter table \`report_supplier_day\` add index \`report_supplier_day_day\`(\`day\`, \`supplier_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`report_mall_hour\` drop index \`report_mall_hour_hour\`;`);

    this.addSql(`alter table \`report_supplier_day\` drop index \`report_supplier_day_day\`;`);
  }
}
