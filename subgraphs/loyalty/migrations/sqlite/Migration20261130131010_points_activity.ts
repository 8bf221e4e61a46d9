import { Migration } from '@mikro-orm/migrations';

export class Migration20261130131010_points_activity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index \`ledger_bank_time\` on \`points_ledger_entry\` (\`bank_id\`, \`occurred_at\`);`);
  }
}
