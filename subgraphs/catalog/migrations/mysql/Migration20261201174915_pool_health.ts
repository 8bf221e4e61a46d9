import { Migration } from '@mikro-orm/migrations';

export class Migration20261201174915_pool_health extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`stock\` add index \`stock_available\`(\`available\`);`);

    this.addSql(`alter table \`sku\` add index \`sku_status\`(\`status\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`stock\` drop index \`stock_available\`;`);

    this.addSql(`alter table \`sku\` drop index \`sku_status\`;`);
  }
}
