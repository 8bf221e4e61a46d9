import { Migration } from '@mikro-orm/migrations';

export class Migration20261130094651_supplier_onboarding extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`supplier_application\` (\`id\` integer not null primary key autoincrement, \`supplier_id\` integer null, \`supplier_code\` text not null, \`company_name\` text not null, \`registration_number\` text null, \`contact_name\` text null, \`contact_email\` text null, \`contact_phone\` text null, \`brand_ids\` json not null, \`new_brand_names\` json not null, \`note\` text null, \`status\` text check (\`status\` in ('PENDING', 'APPROVED', 'REJECTED')) not null default 'PENDING', \`rejection_reason\` text null, \`submitted_by\` text not null, \`decided_by\` text null, \`created_at\` datetime not null, \`decided_at\` datetime null);`,
    );
    this.addSql(
      `create index \`supplier_application_supplier\` on \`supplier_application\` (\`supplier_id\`, \`status\`, \`id\`);`,
    );
    this.addSql(`create index \`supplier_application_status\` on \`supplier_application\` (\`status\`, \`id\`);`);

    this.addSql(
      `create table \`supplier_brand\` (\`id\` integer not null primary key autoincrement, \`supplier_id\` integer not null, \`brand_id\` integer not null, \`granted_by\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create index \`supplier_brand_brand_id_index\` on \`supplier_brand\` (\`brand_id\`);`);
    this.addSql(`create unique index \`supplier_brand_pair\` on \`supplier_brand\` (\`supplier_id\`, \`brand_id\`);`);
    // Suppliers already selling a brand keep selling it: authorise each for the brands of its products.
    this.addSql(
      `insert into \`supplier_brand\` (\`supplier_id\`, \`brand_id\`, \`granted_by\`, \`created_at\`) select \`supplier_id\`, \`brand_id\`, 'migration:existing-products', min(\`created_at\`) from \`product\` group by \`supplier_id\`, \`brand_id\`;`,
    );
  }
}
