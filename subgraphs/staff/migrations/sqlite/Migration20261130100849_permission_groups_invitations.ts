import { Migration } from '@mikro-orm/migrations';

export class Migration20261130100849_permission_groups_invitations extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`staff_permission_group\` (\`id\` integer not null primary key autoincrement, \`kind\` text check (\`kind\` in ('PLATFORM', 'BANK', 'SUPPLIER')) not null, \`bank_id\` integer null, \`supplier_id\` integer null, \`tenant_key\` text not null, \`name\` text not null, \`code\` text null, \`permission_list\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`staff_permission_group_tenant\` on \`staff_permission_group\` (\`tenant_key\`, \`id\`);`,
    );
    this.addSql(
      `create unique index \`staff_permission_group_name\` on \`staff_permission_group\` (\`tenant_key\`, \`name\`);`,
    );

    this.addSql(
      `create table \`staff_permission_group_member\` (\`id\` integer not null primary key autoincrement, \`staff_member_id\` integer not null, \`permission_group_id\` integer not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`staff_permission_group_member_group\` on \`staff_permission_group_member\` (\`permission_group_id\`, \`staff_member_id\`);`,
    );
    this.addSql(
      `create unique index \`staff_permission_group_member_unique\` on \`staff_permission_group_member\` (\`staff_member_id\`, \`permission_group_id\`);`,
    );

    this.addSql(
      `create table \`staff_invitation\` (\`id\` integer not null primary key autoincrement, \`kind\` text check (\`kind\` in ('PLATFORM', 'BANK', 'SUPPLIER')) not null, \`bank_id\` integer null, \`supplier_id\` integer null, \`tenant_key\` text not null, \`display_name\` text not null, \`role\` text check (\`role\` in ('PLATFORM_ADMIN', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF')) not null, \`permission_group_id_list\` text not null, \`login_name\` text null, \`token_hash\` text not null, \`invited_by\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`accepted_at\` datetime null, \`accepted_staff_member_id\` integer null, \`revoked_at\` datetime null);`,
    );
    this.addSql(`create unique index \`staff_invitation_token_hash_unique\` on \`staff_invitation\` (\`token_hash\`);`);
    this.addSql(`create index \`staff_invitation_tenant\` on \`staff_invitation\` (\`tenant_key\`, \`id\`);`);
  }
}
