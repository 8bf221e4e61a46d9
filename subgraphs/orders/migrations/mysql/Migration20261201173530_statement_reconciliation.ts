import { Migration } from '@mikro-orm/migrations';

export class Migration20261201173530_statement_reconciliation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`statement_reconciliation\` (\`id\` int unsigned not null auto_increment primary key, \`statement_id\` int not null, \`bank_id\` int not null, \`supplier_id\` int not null, \`uploaded_by\` varchar(140) not null, \`filename\` varchar(255) not null, \`bill_row_count\` int not null, \`their_quantity\` int not null, \`their_total_fen\` bigint not null, \`our_quantity\` int not null, \`our_total_fen\` bigint not null, \`difference_fen\` bigint not null, \`matched_count\` int not null, \`amount_difference_count\` int not null, \`missing_on_supplier_bill_count\` int not null, \`missing_in_perkmall_count\` int not null, \`result\` json not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`statement_reconciliation\` add index \`statement_reconciliation_statement_id_id_index\`(\`statement_id\`, \`id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`statement_reconciliation\`;`);
  }
}
