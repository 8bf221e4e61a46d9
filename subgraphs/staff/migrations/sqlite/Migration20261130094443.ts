import { Migration } from '@mikro-orm/migrations';

export class Migration20261130094443 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`staff_refresh_token\` (\`id\` integer not null primary key autoincrement, \`session_id\` integer not null, \`token_hash\` text not null, \`created_at\` datetime not null, \`rotated_at\` datetime null);`,
    );
    this.addSql(
      `create unique index \`staff_refresh_token_token_hash_unique\` on \`staff_refresh_token\` (\`token_hash\`);`,
    );
    this.addSql(`create index \`staff_refresh_token_session\` on \`staff_refresh_token\` (\`session_id\`);`);

    this.addSql(
      `create table \`staff_session\` (\`id\` integer not null primary key autoincrement, \`staff_member_id\` integer not null, \`method\` text check (\`method\` in ('PASSWORD', 'SSO')) not null, \`ip_address\` text null, \`user_agent\` text null, \`created_at\` datetime not null, \`last_used_at\` datetime not null, \`expires_at\` datetime not null, \`ended_at\` datetime null, \`end_reason\` text check (\`end_reason\` in ('SIGNED_OUT', 'SIGNED_OUT_EVERYWHERE', 'REFRESH_TOKEN_REUSED', 'MEMBER_DISABLED', 'REVOKED')) null);`,
    );
    this.addSql(`create index \`staff_session_member\` on \`staff_session\` (\`staff_member_id\`, \`id\`);`);

    this.addSql(
      `create table \`staff_sign_in_challenge\` (\`id\` integer not null primary key autoincrement, \`staff_member_id\` integer not null, \`token_hash\` text not null, \`ip_address\` text null, \`user_agent\` text null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`used_at\` datetime null);`,
    );
    this.addSql(
      `create unique index \`staff_sign_in_challenge_token_hash_unique\` on \`staff_sign_in_challenge\` (\`token_hash\`);`,
    );
    this.addSql(
      `create index \`staff_sign_in_challenge_member\` on \`staff_sign_in_challenge\` (\`staff_member_id\`);`,
    );

    this.addSql(
      `create table \`staff_sign_in_throttle\` (\`login_key\` text not null, \`failures\` integer not null default 0, \`locked_until\` datetime null, \`last_failed_at\` datetime null, primary key (\`login_key\`));`,
    );

    this.addSql(
      `create table \`staff_member\` (\`id\` integer not null primary key autoincrement, \`kind\` text check (\`kind\` in ('PLATFORM', 'BANK', 'SUPPLIER')) not null, \`bank_id\` integer null, \`supplier_id\` integer null, \`login_name\` text not null, \`display_name\` text not null, \`role\` text check (\`role\` in ('PLATFORM_ADMIN', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF')) not null, \`status\` text check (\`status\` in ('ACTIVE', 'DISABLED')) not null default 'ACTIVE', \`password_hash\` text null, \`password_changed_at\` datetime null, \`totp_secret_sealed\` text null, \`totp_pending_secret_sealed\` text null, \`totp_confirmed_at\` datetime null, \`totp_last_step\` integer null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`staff_member_login_name_unique\` on \`staff_member\` (\`login_name\`);`);
    this.addSql(`create index \`staff_member_supplier\` on \`staff_member\` (\`supplier_id\`, \`id\`);`);
    this.addSql(`create index \`staff_member_bank\` on \`staff_member\` (\`bank_id\`, \`id\`);`);
  }
}
