import { Migration } from '@mikro-orm/migrations';

export class Migration20261130124957_staff_credentials extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`staff_password_reset\` (\`id\` int unsigned not null auto_increment primary key, \`staff_member_id\` int not null, \`tenant_key\` varchar(32) not null, \`token_hash\` varchar(64) not null, \`issued_by\` varchar(100) not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`used_at\` datetime null, \`revoked_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`staff_password_reset\` add unique \`staff_password_reset_token_hash_unique\`(\`token_hash\`);`,
    );
    this.addSql(
      `alter table \`staff_password_reset\` add index \`staff_password_reset_member\`(\`staff_member_id\`, \`id\`);`,
    );

    this.addSql(
      `alter table \`staff_session\` modify \`end_reason\` enum('SIGNED_OUT', 'SIGNED_OUT_EVERYWHERE', 'REFRESH_TOKEN_REUSED', 'MEMBER_DISABLED', 'REVOKED', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'TOTP_RESET');`,
    );

    this.addSql(
      `alter table \`staff_sso_group_mapping\` modify \`role\` enum('PLATFORM_ADMIN', 'PLATFORM_STAFF', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF') not null;`,
    );

    this.addSql(
      `alter table \`staff_invitation\` modify \`role\` enum('PLATFORM_ADMIN', 'PLATFORM_STAFF', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF') not null;`,
    );

    this.addSql(`alter table \`staff_member\` add \`totp_enrolment_required\` tinyint(1) not null default false;`);
    this.addSql(
      `alter table \`staff_member\` modify \`role\` enum('PLATFORM_ADMIN', 'PLATFORM_STAFF', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF') not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`staff_password_reset\`;`);

    this.addSql(`alter table \`staff_member\` drop column \`totp_enrolment_required\`;`);

    this.addSql(
      `alter table \`staff_member\` modify \`role\` enum('PLATFORM_ADMIN', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF') not null;`,
    );

    this.addSql(
      `alter table \`staff_session\` modify \`end_reason\` enum('SIGNED_OUT', 'SIGNED_OUT_EVERYWHERE', 'REFRESH_TOKEN_REUSED', 'MEMBER_DISABLED', 'REVOKED');`,
    );

    this.addSql(
      `alter table \`staff_invitation\` modify \`role\` enum('PLATFORM_ADMIN', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF') not null;`,
    );

    this.addSql(
      `alter table \`staff_sso_group_mapping\` modify \`role\` enum('PLATFORM_ADMIN', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF') not null;`,
    );
  }
}
