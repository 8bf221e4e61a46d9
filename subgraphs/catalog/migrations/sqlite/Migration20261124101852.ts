import { Migration } from '@mikro-orm/migrations';

export class Migration20261124101852 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`brand\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`created_at\` datetime not null);`);
    this.addSql(`create unique index \`brand_name_unique\` on \`brand\` (\`name\`);`);

    this.addSql(`create table \`category\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`parent_id\` integer null, \`path\` text not null, constraint \`category_parent_id_foreign\` foreign key(\`parent_id\`) references \`category\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`category_parent_id_index\` on \`category\` (\`parent_id\`);`);
    this.addSql(`create index \`category_path_index\` on \`category\` (\`path\`);`);

    this.addSql(`create table \`stock\` (\`sku_id\` integer not null, \`available\` integer not null default 0, \`reserved\` integer not null default 0, \`low_stock_threshold\` integer not null default 5, \`updated_at\` datetime not null, primary key (\`sku_id\`));`);

    this.addSql(`create table \`supplier\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`created_at\` datetime not null);`);
    this.addSql(`create unique index \`supplier_code_unique\` on \`supplier\` (\`code\`);`);

    this.addSql(`create table \`product\` (\`id\` integer not null primary key autoincrement, \`supplier_id\` integer not null, \`brand_id\` integer not null, \`category_id\` integer not null, \`title\` text not null, \`description\` text not null default '', \`images\` json not null, \`created_at\` datetime not null, constraint \`product_supplier_id_foreign\` foreign key(\`supplier_id\`) references \`supplier\`(\`id\`) on update cascade, constraint \`product_brand_id_foreign\` foreign key(\`brand_id\`) references \`brand\`(\`id\`) on update cascade, constraint \`product_category_id_foreign\` foreign key(\`category_id\`) references \`category\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`product_supplier_id_index\` on \`product\` (\`supplier_id\`);`);
    this.addSql(`create index \`product_brand_id_index\` on \`product\` (\`brand_id\`);`);
    this.addSql(`create index \`product_category_id_index\` on \`product\` (\`category_id\`);`);

    this.addSql(`create table \`sku\` (\`id\` integer not null primary key autoincrement, \`product_id\` integer not null, \`supplier_id\` integer not null, \`brand_id\` integer not null, \`category_id\` integer not null, \`category_path\` text not null, \`title\` text not null, \`kind\` text check (\`kind\` in ('PHYSICAL', 'VIRTUAL')) not null default 'PHYSICAL', \`specs\` json not null, \`barcode\` text null, \`supplier_price_fen\` integer not null, \`list_price_fen\` integer not null, \`weight_grams\` integer not null default 0, \`status\` text check (\`status\` in ('ACTIVE', 'INACTIVE')) not null default 'ACTIVE', \`created_at\` datetime not null, constraint \`sku_product_id_foreign\` foreign key(\`product_id\`) references \`product\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`sku_product_id_index\` on \`sku\` (\`product_id\`);`);
    this.addSql(`create index \`sku_category_path\` on \`sku\` (\`category_path\`, \`id\`);`);
    this.addSql(`create index \`sku_supplier_newest\` on \`sku\` (\`supplier_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`sku_brand_newest\` on \`sku\` (\`brand_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`sku_title\` on \`sku\` (\`title\`, \`id\`);`);
    this.addSql(`create index \`sku_price\` on \`sku\` (\`supplier_price_fen\`, \`id\`);`);
    this.addSql(`create index \`sku_newest\` on \`sku\` (\`created_at\`, \`id\`);`);
  }

}
