import { Migration } from '@mikro-orm/migrations';

export class Migration20261130131009_points_activity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`points_ledger_entry\` add index \`ledger_bank_time\`(\`bank_id\`, \`occurred_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`points_ledger_entry\` drop index \`ledger_bank_time\`;`);
  }
}
