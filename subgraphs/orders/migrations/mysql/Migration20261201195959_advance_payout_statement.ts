import { Migration } from '@mikro-orm/migrations';

export class Migration20261201195959_advance_payout_statement extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`advance_payout\` add index \`advance_payout_statement_id_status_index\`(\`statement_id\`, \`status\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`advance_payout\` drop index \`advance_payout_statement_id_status_index\`;`);
  }
}
