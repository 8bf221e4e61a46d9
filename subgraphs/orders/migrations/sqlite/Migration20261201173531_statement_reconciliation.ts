import { Migration } from '@mikro-orm/migrations';

export class Migration20261201173531_statement_reconciliation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`statement_reconciliation\` (\`id\` integer not null primary key autoincrement, \`statement_id\` integer not null, \`bank_id\` integer not null, \`supplier_id\` integer not null, \`uploaded_by\` text not null, \`filename\` text not null, \`bill_row_count\` integer not null, \`their_quantity\` integer not null, \`their_total_fen\` bigint not null, \`our_quantity\` integer not null, \`our_total_fen\` bigint not null, \`difference_fen\` bigint not null, \`matched_count\` integer not null, \`amount_difference_count\` integer not null, \`missing_on_supplier_bill_count\` integer not null, \`missing_in_perkmall_count\` integer not null, \`result\` json not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`statement_reconciliation_statement_id_id_index\` on \`statement_reconciliation\` (\`statement_id\`, \`id\`);`,
    );
  }
}
