import { Migration } from '@mikro-orm/migrations';

export class Migration20261201200000_advance_payout_statement extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index \`advance_payout_statement_id_status_index\` on \`advance_payout\` (\`statement_id\`, \`status\`);`,
    );
  }
}
