import { Migration } from '@mikro-orm/migrations';

export class Migration20261201051952_partner_endpoints extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`partner_endpoint\` (\`id\` int unsigned not null auto_increment primary key, \`supplier_id\` int not null, \`adapter\` varchar(40) not null, \`base_url\` varchar(500) not null, \`secret_sealed\` varchar(255) not null, \`previous_secret_sealed\` varchar(255) null, \`previous_secret_until\` datetime null, \`timeout_ms\` int not null, \`enabled\` tinyint(1) not null default true, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`partner_endpoint\` add unique \`partner_endpoint_supplier_id_unique\`(\`supplier_id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`partner_endpoint\`;`);
  }
}
