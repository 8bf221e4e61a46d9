import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105246_returns extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`category\` add column \`return_days\` integer null;`);
  }
}
