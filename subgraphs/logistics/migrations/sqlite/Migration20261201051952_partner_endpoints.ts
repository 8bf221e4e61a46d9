import { Migration } from '@mikro-orm/migrations';

export class Migration20261201051952_partner_endpoints extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`partner_endpoint\` (\`id\` integer not null primary key autoincrement, \`supplier_id\` integer not null, \`adapter\` text not null, \`base_url\` text not null, \`secret_sealed\` text not null, \`previous_secret_sealed\` text null, \`previous_secret_until\` datetime null, \`timeout_ms\` integer not null, \`enabled\` integer not null default true, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`partner_endpoint_supplier_id_unique\` on \`partner_endpoint\` (\`supplier_id\`);`,
    );
  }
}
