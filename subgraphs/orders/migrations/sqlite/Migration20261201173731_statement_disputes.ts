import { Migration } from '@mikro-orm/migrations';

export class Migration20261201173731_statement_disputes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`settlement_dispute\` (\`id\` integer not null primary key autoincrement, \`statement_id\` integer not null, \`line_id\` integer not null, \`reason\` text not null, \`raised_by\` text not null, \`raised_at\` datetime not null, \`resolved_at\` datetime null, \`resolved_by\` text null, \`resolution_line_id\` integer null, \`reject_reason\` text null);`,
    );
    this.addSql(`create index \`settlement_dispute_line_id_index\` on \`settlement_dispute\` (\`line_id\`);`);
    this.addSql(
      `create index \`settlement_dispute_statement_id_resolved_at_index\` on \`settlement_dispute\` (\`statement_id\`, \`resolved_at\`);`,
    );
  }
}
