import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand: the generator also proposed its usual no-op JSON/enum rewrites and SQLite table
// rebuilds (see README); only the new brand_proposal table is real.
export class Migration20261130041740_brand_proposals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`brand_proposal\` (\`id\` integer not null primary key autoincrement, \`supplier_id\` integer not null, \`name\` text not null, \`note\` text null, \`status\` text check (\`status\` in ('PENDING', 'APPROVED', 'REJECTED')) not null default 'PENDING', \`rejection_reason\` text null, \`brand_id\` integer null, \`proposed_by\` text not null, \`decided_by\` text null, \`created_at\` datetime not null, \`decided_at\` datetime null);`,
    );
    this.addSql(
      `create index \`brand_proposal_supplier\` on \`brand_proposal\` (\`supplier_id\`, \`status\`, \`id\`);`,
    );
    this.addSql(`create index \`brand_proposal_status\` on \`brand_proposal\` (\`status\`, \`id\`);`);
  }
}
