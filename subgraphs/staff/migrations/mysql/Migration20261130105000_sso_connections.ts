import { Migration } from '@mikro-orm/migrations';

export class Migration20261130105000_sso_connections extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`staff_sso_connection\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`bank_code\` varchar(40) not null, \`issuer_url\` varchar(500) not null, \`client_id\` varchar(200) not null, \`client_secret_sealed\` varchar(1024) not null, \`scopes\` json not null, \`groups_claim\` varchar(64) not null, \`redirect_uris\` json not null, \`enabled\` tinyint(1) not null default true, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`staff_sso_connection\` add unique \`staff_sso_connection_bank_id_unique\`(\`bank_id\`);`,
    );
    this.addSql(
      `alter table \`staff_sso_connection\` add unique \`staff_sso_connection_bank_code_unique\`(\`bank_code\`);`,
    );

    this.addSql(
      `create table \`staff_sso_group_mapping\` (\`id\` int unsigned not null auto_increment primary key, \`sso_connection_id\` int not null, \`group_name\` varchar(200) not null, \`role\` enum('PLATFORM_ADMIN', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF') not null, \`permissions\` json not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`staff_sso_group_mapping\` add index \`staff_sso_group_mapping_connection\`(\`sso_connection_id\`, \`id\`);`,
    );
    this.addSql(
      `alter table \`staff_sso_group_mapping\` add unique \`staff_sso_group_mapping_group\`(\`sso_connection_id\`, \`group_name\`);`,
    );

    this.addSql(
      `create table \`staff_sso_identity\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`sso_connection_id\` int not null, \`subject_key\` varchar(64) not null, \`issuer\` varchar(500) not null, \`subject\` varchar(255) not null, \`staff_member_id\` int not null, \`permissions\` json not null, \`groups\` json not null, \`last_sign_in_at\` datetime not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`staff_sso_identity\` add unique \`staff_sso_identity_staff_member_id_unique\`(\`staff_member_id\`);`,
    );
    this.addSql(
      `alter table \`staff_sso_identity\` add unique \`staff_sso_identity_subject\`(\`sso_connection_id\`, \`subject_key\`);`,
    );

    this.addSql(
      `create table \`staff_sso_sign_in_attempt\` (\`id\` int unsigned not null auto_increment primary key, \`sso_connection_id\` int not null, \`state_hash\` varchar(64) not null, \`nonce\` varchar(64) not null, \`code_verifier_sealed\` varchar(255) not null, \`redirect_uri\` varchar(500) not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`used_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`staff_sso_sign_in_attempt\` add unique \`staff_sso_sign_in_attempt_state_hash_unique\`(\`state_hash\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`staff_sso_connection\`;`);

    this.addSql(`drop table if exists \`staff_sso_group_mapping\`;`);

    this.addSql(`drop table if exists \`staff_sso_identity\`;`);

    this.addSql(`drop table if exists \`staff_sso_sign_in_attempt\`;`);
  }
}
