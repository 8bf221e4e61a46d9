import { Migration } from '@mikro-orm/migrations';

export class Migration20261130105001_sso_connections extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`staff_sso_connection\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`bank_code\` text not null, \`issuer_url\` text not null, \`client_id\` text not null, \`client_secret_sealed\` text not null, \`scopes\` json not null, \`groups_claim\` text not null, \`redirect_uris\` json not null, \`enabled\` integer not null default true, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`staff_sso_connection_bank_id_unique\` on \`staff_sso_connection\` (\`bank_id\`);`,
    );
    this.addSql(
      `create unique index \`staff_sso_connection_bank_code_unique\` on \`staff_sso_connection\` (\`bank_code\`);`,
    );

    this.addSql(
      `create table \`staff_sso_group_mapping\` (\`id\` integer not null primary key autoincrement, \`sso_connection_id\` integer not null, \`group_name\` text not null, \`role\` text check (\`role\` in ('PLATFORM_ADMIN', 'BANK_ADMIN', 'BANK_OPERATOR', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF')) not null, \`permissions\` json not null);`,
    );
    this.addSql(
      `create index \`staff_sso_group_mapping_connection\` on \`staff_sso_group_mapping\` (\`sso_connection_id\`, \`id\`);`,
    );
    this.addSql(
      `create unique index \`staff_sso_group_mapping_group\` on \`staff_sso_group_mapping\` (\`sso_connection_id\`, \`group_name\`);`,
    );

    this.addSql(
      `create table \`staff_sso_identity\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`sso_connection_id\` integer not null, \`subject_key\` text not null, \`issuer\` text not null, \`subject\` text not null, \`staff_member_id\` integer not null, \`permissions\` json not null, \`groups\` json not null, \`last_sign_in_at\` datetime not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`staff_sso_identity_staff_member_id_unique\` on \`staff_sso_identity\` (\`staff_member_id\`);`,
    );
    this.addSql(
      `create unique index \`staff_sso_identity_subject\` on \`staff_sso_identity\` (\`sso_connection_id\`, \`subject_key\`);`,
    );

    this.addSql(
      `create table \`staff_sso_sign_in_attempt\` (\`id\` integer not null primary key autoincrement, \`sso_connection_id\` integer not null, \`state_hash\` text not null, \`nonce\` text not null, \`code_verifier_sealed\` text not null, \`redirect_uri\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`used_at\` datetime null);`,
    );
    this.addSql(
      `create unique index \`staff_sso_sign_in_attempt_state_hash_unique\` on \`staff_sso_sign_in_attempt\` (\`state_hash\`);`,
    );
  }
}
