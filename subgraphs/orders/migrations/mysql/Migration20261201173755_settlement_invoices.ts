import { Migration } from '@mikro-orm/migrations';

export class Migration20261201173755_settlement_invoices extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`settlement_invoice\` (\`id\` int unsigned not null auto_increment primary key, \`statement_id\` int not null, \`bank_id\` int not null, \`supplier_id\` int not null, \`number\` varchar(20) not null, \`code\` varchar(12) not null default '', \`amount_fen\` bigint not null, \`tax_rate_bp\` int not null, \`tax_fen\` bigint not null, \`issued_on\` date not null, \`status\` enum('VALID', 'FLAGGED', 'VOIDED') not null default 'VALID', \`void_reason\` varchar(200) null, \`voided_at\` datetime null, \`recorded_by\` varchar(100) not null, \`recorded_at\` datetime not null, \`checked_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`settlement_invoice\` add index \`settlement_invoice_statement_id_index\`(\`statement_id\`);`,
    );
    this.addSql(
      `alter table \`settlement_invoice\` add index \`settlement_invoice_bank_id_statement_id_index\`(\`bank_id\`, \`statement_id\`);`,
    );
    this.addSql(
      `alter table \`settlement_invoice\` add unique \`settlement_invoice_supplier_id_code_number_unique\`(\`supplier_id\`, \`code\`, \`number\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`settlement_invoice\`;`);
  }
}
