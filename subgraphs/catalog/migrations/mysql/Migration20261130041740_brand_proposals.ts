import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand: the generator also proposed its usual no-op JSON/enum rewrites and SQLite table
// rebuilds (see README); only the new brand_proposal table is real.
export class Migration20261130041740_brand_proposals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`brand_proposal\` (\`id\` int unsigned not null auto_increment primary key, \`supplier_id\` int not null, \`name\` varchar(200) not null, \`note\` varchar(500) null, \`status\` enum('PENDING', 'APPROVED', 'REJECTED') not null default 'PENDING', \`rejection_reason\` varchar(500) null, \`brand_id\` int null, \`proposed_by\` varchar(120) not null, \`decided_by\` varchar(120) null, \`created_at\` datetime not null, \`decided_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`brand_proposal\` add index \`brand_proposal_supplier\`(\`supplier_id\`, \`status\`, \`id\`);`,
    );
    this.addSql(`alter table \`brand_proposal\` add index \`brand_proposal_status\`(\`status\`, \`id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`brand_proposal\`;`);
  }
}
