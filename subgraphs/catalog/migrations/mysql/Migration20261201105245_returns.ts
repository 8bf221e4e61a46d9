import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105245_returns extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`category\` add \`return_days\` int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`category\` drop column \`return_days\`;`);
  }
}
