import { Migration } from '@mikro-orm/migrations';

export class Migration20261130124957_staff_credentials extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`staff_password_reset\` (\`id\` integer not null primary key autoincrement, \`staff_member_id\` integer not null, \`tenant_key\` text not null, \`token_hash\` text not null, \`issued_by\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`used_at\` datetime null, \`revoked_at\` datetime null);`,
    );
    this.addSql(
      `create unique index \`staff_password_reset_token_hash_unique\` on \`staff_password_reset\` (\`token_hash\`);`,
    );
    this.addSql(
      `create index \`staff_password_reset_member\` on \`staff_password_reset\` (\`staff_member_id\`, \`id\`);`,
    );

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`staff_session__temp_alter\` (\`id\` integer not null primary key autoincrement, \`staff_member_id\` integer not null, \`method\` text check (\`method\` in ('PASSWORD', 'SSO')) not null, \`ip_address\` text null, \`user_agent\` text null, \`created_at\` datetime not null, \`last_used_at\` datetime not null, \`expires_at\` datetime not null, \`ended_at\` datetime null, \`end_reason\` text check (\`end_reason\` in ('SIGNED_OUT', 'SIGNED_OUT_EVERYWHERE', 'REFRESH_TOKEN_REUSED', 'MEMBER_DISABLED', 'REVOKED', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'TOTP_RESET')) null);`,
    );
    this.addSql(
      `insert into \`staff_session__temp_alter\` select \`id\`, \`staff_member_id\`, \`method\`, \`ip_address\`, \`user_agent\`, \`created_at\`, \`last_used_at\`, \`expires_at\`, \`ended_at\`, \`end_reason\` from \`staff_session\`;`,
    );
    this.addSql(`drop table \`staff_session\`;`);
    this.addSql(`alter table \`staff_session__temp_alter\` rename to \`staff_session\`;`);
    this.addSql(`create index \`staff_session_member\` on \`staff_session\` (\`staff_member_id\`, \`id\`);`);
    this.addSql(`pragma foreign_keys = on;`);
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`staff_sso_group_mapping__temp_alter\` (\`id\` integer not null primary key autoincrement, \`sso_connection_id\` integer not null, \`group_name\` text not null, \`role\` text check (\`role\` in ('PLATFORM_ADMIN', 'PLATFORM_STAFF', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF')) not null, \`permissions\` json not null);`,
    );
    this.addSql(
      `insert into \`staff_sso_group_mapping__temp_alter\` select \`id\`, \`sso_connection_id\`, \`group_name\`, \`role\`, \`permissions\` from \`staff_sso_group_mapping\`;`,
    );
    this.addSql(`drop table \`staff_sso_group_mapping\`;`);
    this.addSql(`alter table \`staff_sso_group_mapping__temp_alter\` rename to \`staff_sso_group_mapping\`;`);
    this.addSql(
      `create index \`staff_sso_group_mapping_connection\` on \`staff_sso_group_mapping\` (\`sso_connection_id\`, \`id\`);`,
    );
    this.addSql(
      `create unique index \`staff_sso_group_mapping_group\` on \`staff_sso_group_mapping\` (\`sso_connection_id\`, \`group_name\`);`,
    );
    this.addSql(`pragma foreign_keys = on;`);
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`staff_invitation__temp_alter\` (\`id\` integer not null primary key autoincrement, \`kind\` text check (\`kind\` in ('PLATFORM', 'BANK', 'SUPPLIER')) not null, \`bank_id\` integer null, \`supplier_id\` integer null, \`tenant_key\` text not null, \`display_name\` text not null, \`role\` text check (\`role\` in ('PLATFORM_ADMIN', 'PLATFORM_STAFF', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF')) not null, \`permission_group_id_list\` text not null, \`login_name\` text null, \`token_hash\` text not null, \`invited_by\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`accepted_at\` datetime null, \`accepted_staff_member_id\` integer null, \`revoked_at\` datetime null);`,
    );
    this.addSql(
      `insert into \`staff_invitation__temp_alter\` select \`id\`, \`kind\`, \`bank_id\`, \`supplier_id\`, \`tenant_key\`, \`display_name\`, \`role\`, \`permission_group_id_list\`, \`login_name\`, \`token_hash\`, \`invited_by\`, \`created_at\`, \`expires_at\`, \`accepted_at\`, \`accepted_staff_member_id\`, \`revoked_at\` from \`staff_invitation\`;`,
    );
    this.addSql(`drop table \`staff_invitation\`;`);
    this.addSql(`alter table \`staff_invitation__temp_alter\` rename to \`staff_invitation\`;`);
    this.addSql(`create unique index \`staff_invitation_token_hash_unique\` on \`staff_invitation\` (\`token_hash\`);`);
    this.addSql(`create index \`staff_invitation_tenant\` on \`staff_invitation\` (\`tenant_key\`, \`id\`);`);
    this.addSql(`pragma foreign_keys = on;`);
    this.addSql(`alter table \`staff_member\` add column \`totp_enrolment_required\` integer not null default false;`);
    // The new role in staff_member's CHECK: SQLite rebuilds the table (the generator left this to a second pass).
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`staff_member__temp_alter\` (\`id\` integer not null primary key autoincrement, \`kind\` text check (\`kind\` in ('PLATFORM', 'BANK', 'SUPPLIER')) not null, \`bank_id\` integer null, \`supplier_id\` integer null, \`login_name\` text not null, \`display_name\` text not null, \`role\` text check (\`role\` in ('PLATFORM_ADMIN', 'PLATFORM_STAFF', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF')) not null, \`status\` text check (\`status\` in ('ACTIVE', 'DISABLED')) not null default 'ACTIVE', \`password_hash\` text null, \`password_changed_at\` datetime null, \`totp_secret_sealed\` text null, \`totp_pending_secret_sealed\` text null, \`totp_confirmed_at\` datetime null, \`totp_last_step\` integer null, \`totp_enrolment_required\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`staff_member__temp_alter\` select \`id\`, \`kind\`, \`bank_id\`, \`supplier_id\`, \`login_name\`, \`display_name\`, \`role\`, \`status\`, \`password_hash\`, \`password_changed_at\`, \`totp_secret_sealed\`, \`totp_pending_secret_sealed\`, \`totp_confirmed_at\`, \`totp_last_step\`, \`totp_enrolment_required\`, \`created_at\`, \`updated_at\` from \`staff_member\`;`,
    );
    this.addSql(`drop table \`staff_member\`;`);
    this.addSql(`alter table \`staff_member__temp_alter\` rename to \`staff_member\`;`);
    this.addSql(`create unique index \`staff_member_login_name_unique\` on \`staff_member\` (\`login_name\`);`);
    this.addSql(`create index \`staff_member_supplier\` on \`staff_member\` (\`supplier_id\`, \`id\`);`);
    this.addSql(`create index \`staff_member_bank\` on \`staff_member\` (\`bank_id\`, \`id\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }
}
