import { Migration } from '@mikro-orm/migrations';

export class Migration20261201213136_sku_import extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`sku_import\` (\`id\` int unsigned not null auto_increment primary key, \`supplier_id\` int not null, \`client_key\` varchar(64) not null, \`status\` enum('QUEUED', 'VALIDATING', 'IMPORTING', 'DONE', 'REFUSED', 'FAILED') not null default 'QUEUED', \`file_name\` varchar(200) not null, \`rows_total\` int not null default 0, \`rows_checked\` int not null default 0, \`rows_written\` int not null default 0, \`rows_refused\` int not null default 0, \`created\` int not null default 0, \`updated\` int not null default 0, \`problem_count\` int not null default 0, \`problems\` json not null, \`refused_rows\` json not null, \`rows\` json not null, \`columns\` json not null, \`actor\` json not null, \`good_rows_of\` int null, \`running_supplier_id\` int null, \`lease_owner\` varchar(80) null, \`lease_until\` datetime null, \`attempts\` int not null default 0, \`message\` varchar(500) null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`finished_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`sku_import\` add index \`sku_import_lease\`(\`running_supplier_id\`, \`lease_until\`);`);
    this.addSql(`alter table \`sku_import\` add index \`sku_import_supplier\`(\`supplier_id\`, \`id\`);`);
    this.addSql(`alter table \`sku_import\` add unique \`sku_import_running\`(\`running_supplier_id\`);`);
    this.addSql(`alter table \`sku_import\` add unique \`sku_import_client_key\`(\`supplier_id\`, \`client_key\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`sku_import\`;`);
  }
}
