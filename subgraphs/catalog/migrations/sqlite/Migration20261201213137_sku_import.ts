import { Migration } from '@mikro-orm/migrations';

export class Migration20261201213137_sku_import extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`sku_import\` (\`id\` integer not null primary key autoincrement, \`supplier_id\` integer not null, \`client_key\` text not null, \`status\` text check (\`status\` in ('QUEUED', 'VALIDATING', 'IMPORTING', 'DONE', 'REFUSED', 'FAILED')) not null default 'QUEUED', \`file_name\` text not null, \`rows_total\` integer not null default 0, \`rows_checked\` integer not null default 0, \`rows_written\` integer not null default 0, \`rows_refused\` integer not null default 0, \`created\` integer not null default 0, \`updated\` integer not null default 0, \`problem_count\` integer not null default 0, \`problems\` json not null, \`refused_rows\` json not null, \`rows\` json not null, \`columns\` json not null, \`actor\` json not null, \`good_rows_of\` integer null, \`running_supplier_id\` integer null, \`lease_owner\` text null, \`lease_until\` datetime null, \`attempts\` integer not null default 0, \`message\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`finished_at\` datetime null);`,
    );
    this.addSql(`create index \`sku_import_lease\` on \`sku_import\` (\`running_supplier_id\`, \`lease_until\`);`);
    this.addSql(`create index \`sku_import_supplier\` on \`sku_import\` (\`supplier_id\`, \`id\`);`);
    this.addSql(`create unique index \`sku_import_running\` on \`sku_import\` (\`running_supplier_id\`);`);
    this.addSql(`create unique index \`sku_import_client_key\` on \`sku_import\` (\`supplier_id\`, \`client_key\`);`);
  }
}
