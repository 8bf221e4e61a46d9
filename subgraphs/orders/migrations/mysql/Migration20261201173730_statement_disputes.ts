import { Migration } from '@mikro-orm/migrations';

export class Migration20261201173730_statement_disputes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`settlement_dispute\` (\`id\` int unsigned not null auto_increment primary key, \`statement_id\` int not null, \`line_id\` int not null, \`reason\` varchar(500) not null, \`raised_by\` varchar(100) not null, \`raised_at\` datetime not null, \`resolved_at\` datetime null, \`resolved_by\` varchar(100) null, \`resolution_line_id\` int null, \`reject_reason\` varchar(500) null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`settlement_dispute\` add index \`settlement_dispute_line_id_index\`(\`line_id\`);`);
    this.addSql(
      `alter table \`settlement_dispute\` add index \`settlement_dispute_statement_id_resolved_at_index\`(\`statement_id\`, \`resolved_at\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`settlement_dispute\`;`);
  }
}
