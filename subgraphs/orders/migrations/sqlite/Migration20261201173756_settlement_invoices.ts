import { Migration } from '@mikro-orm/migrations';

export class Migration20261201173756_settlement_invoices extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`settlement_invoice\` (\`id\` integer not null primary key autoincrement, \`statement_id\` integer not null, \`bank_id\` integer not null, \`supplier_id\` integer not null, \`number\` text not null, \`code\` text not null default '', \`amount_fen\` bigint not null, \`tax_rate_bp\` integer not null, \`tax_fen\` bigint not null, \`issued_on\` date not null, \`status\` text check (\`status\` in ('VALID', 'FLAGGED', 'VOIDED')) not null default 'VALID', \`void_reason\` text null, \`voided_at\` datetime null, \`recorded_by\` text not null, \`recorded_at\` datetime not null, \`checked_at\` datetime null);`,
    );
    this.addSql(`create index \`settlement_invoice_statement_id_index\` on \`settlement_invoice\` (\`statement_id\`);`);
    this.addSql(
      `create index \`settlement_invoice_bank_id_statement_id_index\` on \`settlement_invoice\` (\`bank_id\`, \`statement_id\`);`,
    );
    this.addSql(
      `create unique index \`settlement_invoice_supplier_id_code_number_unique\` on \`settlement_invoice\` (\`supplier_id\`, \`code\`, \`number\`);`,
    );
  }
}
