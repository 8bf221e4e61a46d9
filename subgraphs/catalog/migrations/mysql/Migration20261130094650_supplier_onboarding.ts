import { Migration } from '@mikro-orm/migrations';

export class Migration20261130094650_supplier_onboarding extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`supplier_application\` (\`id\` int unsigned not null auto_increment primary key, \`supplier_id\` int null, \`supplier_code\` varchar(40) not null, \`company_name\` varchar(200) not null, \`registration_number\` varchar(18) null, \`contact_name\` varchar(100) null, \`contact_email\` varchar(254) null, \`contact_phone\` varchar(30) null, \`brand_ids\` json not null, \`new_brand_names\` json not null, \`note\` varchar(500) null, \`status\` enum('PENDING', 'APPROVED', 'REJECTED') not null default 'PENDING', \`rejection_reason\` varchar(500) null, \`submitted_by\` varchar(120) not null, \`decided_by\` varchar(120) null, \`created_at\` datetime not null, \`decided_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`supplier_application\` add index \`supplier_application_supplier\`(\`supplier_id\`, \`status\`, \`id\`);`,
    );
    this.addSql(`alter table \`supplier_application\` add index \`supplier_application_status\`(\`status\`, \`id\`);`);

    this.addSql(
      `create table \`supplier_brand\` (\`id\` int unsigned not null auto_increment primary key, \`supplier_id\` int not null, \`brand_id\` int not null, \`granted_by\` varchar(120) not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`supplier_brand\` add index \`supplier_brand_brand_id_index\`(\`brand_id\`);`);
    this.addSql(`alter table \`supplier_brand\` add unique \`supplier_brand_pair\`(\`supplier_id\`, \`brand_id\`);`);
    // Suppliers already selling a brand keep selling it: authorise each for the brands of its products.
    this.addSql(
      `insert into \`supplier_brand\` (\`supplier_id\`, \`brand_id\`, \`granted_by\`, \`created_at\`) select \`supplier_id\`, \`brand_id\`, 'migration:existing-products', min(\`created_at\`) from \`product\` group by \`supplier_id\`, \`brand_id\`;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`supplier_application\`;`);

    this.addSql(`drop table if exists \`supplier_brand\`;`);
  }
}
