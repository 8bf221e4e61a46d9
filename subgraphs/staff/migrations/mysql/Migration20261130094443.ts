import { Migration } from '@mikro-orm/migrations';

export class Migration20261130094443 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`staff_refresh_token\` (\`id\` int unsigned not null auto_increment primary key, \`session_id\` int not null, \`token_hash\` varchar(64) not null, \`created_at\` datetime not null, \`rotated_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`staff_refresh_token\` add unique \`staff_refresh_token_token_hash_unique\`(\`token_hash\`);`,
    );
    this.addSql(`alter table \`staff_refresh_token\` add index \`staff_refresh_token_session\`(\`session_id\`);`);

    this.addSql(
      `create table \`staff_session\` (\`id\` int unsigned not null auto_increment primary key, \`staff_member_id\` int not null, \`method\` enum('PASSWORD', 'SSO') not null, \`ip_address\` varchar(64) null, \`user_agent\` varchar(255) null, \`created_at\` datetime not null, \`last_used_at\` datetime not null, \`expires_at\` datetime not null, \`ended_at\` datetime null, \`end_reason\` enum('SIGNED_OUT', 'SIGNED_OUT_EVERYWHERE', 'REFRESH_TOKEN_REUSED', 'MEMBER_DISABLED', 'REVOKED') null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`staff_session\` add index \`staff_session_member\`(\`staff_member_id\`, \`id\`);`);

    this.addSql(
      `create table \`staff_sign_in_challenge\` (\`id\` int unsigned not null auto_increment primary key, \`staff_member_id\` int not null, \`token_hash\` varchar(64) not null, \`ip_address\` varchar(64) null, \`user_agent\` varchar(255) null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`used_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`staff_sign_in_challenge\` add unique \`staff_sign_in_challenge_token_hash_unique\`(\`token_hash\`);`,
    );
    this.addSql(
      `alter table \`staff_sign_in_challenge\` add index \`staff_sign_in_challenge_member\`(\`staff_member_id\`);`,
    );

    this.addSql(
      `create table \`staff_sign_in_throttle\` (\`login_key\` varchar(64) not null, \`failures\` int not null default 0, \`locked_until\` datetime null, \`last_failed_at\` datetime null, primary key (\`login_key\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`staff_member\` (\`id\` int unsigned not null auto_increment primary key, \`kind\` enum('PLATFORM', 'BANK', 'SUPPLIER') not null, \`bank_id\` int null, \`supplier_id\` int null, \`login_name\` varchar(100) not null, \`display_name\` varchar(120) not null, \`role\` enum('PLATFORM_ADMIN', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF') not null, \`status\` enum('ACTIVE', 'DISABLED') not null default 'ACTIVE', \`password_hash\` varchar(255) null, \`password_changed_at\` datetime null, \`totp_secret_sealed\` varchar(255) null, \`totp_pending_secret_sealed\` varchar(255) null, \`totp_confirmed_at\` datetime null, \`totp_last_step\` int null, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`staff_member\` add unique \`staff_member_login_name_unique\`(\`login_name\`);`);
    this.addSql(`alter table \`staff_member\` add index \`staff_member_supplier\`(\`supplier_id\`, \`id\`);`);
    this.addSql(`alter table \`staff_member\` add index \`staff_member_bank\`(\`bank_id\`, \`id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`staff_refresh_token\`;`);

    this.addSql(`drop table if exists \`staff_session\`;`);

    this.addSql(`drop table if exists \`staff_sign_in_challenge\`;`);

    this.addSql(`drop table if exists \`staff_sign_in_throttle\`;`);

    this.addSql(`drop table if exists \`staff_member\`;`);
  }
}
