import { Migration } from '@mikro-orm/migrations';

export class Migration20261130100925_audit_trail extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`audit_entry\` (\`id\` integer not null primary key autoincrement, \`batch_id\` text not null, \`seq\` integer not null, \`occurred_at\` datetime not null, \`subgraph\` text not null, \`request_id\` text not null, \`operation\` text not null, \`actor_role\` text not null, \`actor_id\` text not null, \`partner_app_id\` text null, \`bank_id\` integer null, \`supplier_id\` integer null, \`action\` text check (\`action\` in ('CREATE', 'UPDATE', 'DELETE')) not null, \`target_type\` text not null, \`target_id\` text null, \`changes\` json not null, \`statement\` text null);`,
    );
    this.addSql(`create index \`audit_entry_target\` on \`audit_entry\` (\`target_type\`, \`target_id\`);`);
    this.addSql(
      `create index \`audit_entry_supplier_time\` on \`audit_entry\` (\`supplier_id\`, \`occurred_at\`, \`id\`);`,
    );
    this.addSql(`create index \`audit_entry_bank_time\` on \`audit_entry\` (\`bank_id\`, \`occurred_at\`, \`id\`);`);
    this.addSql(`create index \`audit_entry_time\` on \`audit_entry\` (\`occurred_at\`, \`id\`);`);
    this.addSql(`create unique index \`audit_entry_batch_seq\` on \`audit_entry\` (\`batch_id\`, \`seq\`);`);
  }
}
