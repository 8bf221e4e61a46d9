import { Migration } from '@mikro-orm/migrations';

export class Migration20261201174918_pool_health extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index \`stock_available\` on \`stock\` (\`available\`);`);
  }
}
