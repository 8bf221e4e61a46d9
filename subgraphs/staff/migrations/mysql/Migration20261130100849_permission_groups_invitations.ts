import { Migration } from '@mikro-orm/migrations';

export class Migration20261130100849_permission_groups_invitations extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`staff_permission_group\` (\`id\` int unsigned not null auto_increment primary key, \`kind\` enum('PLATFORM', 'BANK', 'SUPPLIER') not null, \`bank_id\` int null, \`supplier_id\` int null, \`tenant_key\` varchar(32) not null, \`name\` varchar(60) not null, \`code\` varchar(32) null, \`permission_list\` varchar(500) not null, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`staff_permission_group\` add index \`staff_permission_group_tenant\`(\`tenant_key\`, \`id\`);`,
    );
    this.addSql(
      `alter table \`staff_permission_group\` add unique \`staff_permission_group_name\`(\`tenant_key\`, \`name\`);`,
    );

    this.addSql(
      `create table \`staff_permission_group_member\` (\`id\` int unsigned not null auto_increment primary key, \`staff_member_id\` int not null, \`permission_group_id\` int not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`staff_permission_group_member\` add index \`staff_permission_group_member_group\`(\`permission_group_id\`, \`staff_member_id\`);`,
    );
    this.addSql(
      `alter table \`staff_permission_group_member\` add unique \`staff_permission_group_member_unique\`(\`staff_member_id\`, \`permission_group_id\`);`,
    );

    this.addSql(
      `create table \`staff_invitation\` (\`id\` int unsigned not null auto_increment primary key, \`kind\` enum('PLATFORM', 'BANK', 'SUPPLIER') not null, \`bank_id\` int null, \`supplier_id\` int null, \`tenant_key\` varchar(32) not null, \`display_name\` varchar(120) not null, \`role\` enum('PLATFORM_ADMIN', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF') not null, \`permission_group_id_list\` varchar(500) not null, \`login_name\` varchar(100) null, \`token_hash\` varchar(64) not null, \`invited_by\` varchar(100) not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`accepted_at\` datetime null, \`accepted_staff_member_id\` int null, \`revoked_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`staff_invitation\` add unique \`staff_invitation_token_hash_unique\`(\`token_hash\`);`);
    this.addSql(`alter table \`staff_invitation\` add index \`staff_invitation_tenant\`(\`tenant_key\`, \`id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`staff_permission_group\`;`);

    this.addSql(`drop table if exists \`staff_permission_group_member\`;`);

    this.addSql(`drop table if exists \`staff_invitation\`;`);
  }
}
