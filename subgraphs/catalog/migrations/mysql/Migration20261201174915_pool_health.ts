import { Migration } from '@mikro-orm/migrations';

export class Migration20261201174915_pool_health extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`stock\` add index \`stock_available\`(\`available\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`stock\` drop index \`stock_available\`;`);
  }
}
