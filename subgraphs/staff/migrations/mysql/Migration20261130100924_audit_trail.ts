import { Migration } from '@mikro-orm/migrations';

export class Migration20261130100924_audit_trail extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`audit_entry\` (\`id\` bigint unsigned not null auto_increment primary key, \`batch_id\` varchar(36) not null, \`seq\` int not null, \`occurred_at\` datetime not null, \`subgraph\` varchar(20) not null, \`request_id\` varchar(100) not null, \`operation\` varchar(200) not null, \`actor_role\` varchar(20) not null, \`actor_id\` varchar(100) not null, \`partner_app_id\` varchar(40) null, \`bank_id\` int null, \`supplier_id\` int null, \`action\` enum('CREATE', 'UPDATE', 'DELETE') not null, \`target_type\` varchar(100) not null, \`target_id\` varchar(190) null, \`changes\` json not null, \`statement\` varchar(1000) null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`audit_entry\` add index \`audit_entry_target\`(\`target_type\`, \`target_id\`);`);
    this.addSql(
      `alter table \`audit_entry\` add index \`audit_entry_supplier_time\`(\`supplier_id\`, \`occurred_at\`, \`id\`);`,
    );
    this.addSql(
      `alter table \`audit_entry\` add index \`audit_entry_bank_time\`(\`bank_id\`, \`occurred_at\`, \`id\`);`,
    );
    this.addSql(`alter table \`audit_entry\` add index \`audit_entry_time\`(\`occurred_at\`, \`id\`);`);
    this.addSql(`alter table \`audit_entry\` add unique \`audit_entry_batch_seq\`(\`batch_id\`, \`seq\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`audit_entry\`;`);
  }
}
