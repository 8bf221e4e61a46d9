import { Migration } from '@mikro-orm/migrations';

export class Migration20261124103501 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`brand\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`brand_name_unique\` on \`brand\` (\`name\`);`);

    this.addSql(
      `create table \`category\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`parent_id\` integer null, \`path\` text not null, constraint \`category_parent_id_foreign\` foreign key(\`parent_id\`) references \`category\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(`create index \`category_parent_id_index\` on \`category\` (\`parent_id\`);`);
    this.addSql(`create index \`category_path_index\` on \`category\` (\`path\`);`);

    this.addSql(
      `create table \`code_allocation\` (\`id\` integer not null primary key autoincrement, \`order_id\` text not null, \`sku_id\` integer not null, \`quantity\` integer not null, \`released\` integer not null default false, \`created_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`code_allocation_order_sku\` on \`code_allocation\` (\`order_id\`, \`sku_id\`);`);

    this.addSql(
      `create table \`stock\` (\`sku_id\` integer not null, \`available\` integer not null default 0, \`reserved\` integer not null default 0, \`low_stock_threshold\` integer not null default 5, \`updated_at\` datetime not null, primary key (\`sku_id\`));`,
    );

    this.addSql(
      `create table \`stock_adjustment\` (\`id\` integer not null primary key autoincrement, \`sku_id\` integer not null, \`mode\` text check (\`mode\` in ('SET', 'DELTA')) not null, \`delta\` integer not null, \`available_before\` integer not null, \`available_after\` integer not null, \`reason\` text not null, \`actor\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create index \`stock_adjustment_sku\` on \`stock_adjustment\` (\`sku_id\`, \`id\`);`);

    this.addSql(
      `create table \`stock_reservation\` (\`id\` integer not null primary key autoincrement, \`order_id\` text not null, \`sku_id\` integer not null, \`quantity\` integer not null, \`state\` text check (\`state\` in ('RESERVED', 'COMMITTED', 'RELEASED')) not null default 'RESERVED', \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`stock_reservation_order_sku\` on \`stock_reservation\` (\`order_id\`, \`sku_id\`);`,
    );

    this.addSql(
      `create table \`supplier\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`supplier_code_unique\` on \`supplier\` (\`code\`);`);

    this.addSql(
      `create table \`product\` (\`id\` integer not null primary key autoincrement, \`supplier_id\` integer not null, \`code\` text not null, \`brand_id\` integer not null, \`category_id\` integer not null, \`title\` text not null, \`description\` text not null default '', \`images\` json not null, \`attributes\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`product_supplier_id_foreign\` foreign key(\`supplier_id\`) references \`supplier\`(\`id\`) on update cascade, constraint \`product_brand_id_foreign\` foreign key(\`brand_id\`) references \`brand\`(\`id\`) on update cascade, constraint \`product_category_id_foreign\` foreign key(\`category_id\`) references \`category\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`product_supplier_id_index\` on \`product\` (\`supplier_id\`);`);
    this.addSql(`create index \`product_brand_id_index\` on \`product\` (\`brand_id\`);`);
    this.addSql(`create index \`product_category_id_index\` on \`product\` (\`category_id\`);`);
    this.addSql(`create index \`product_supplier_newest\` on \`product\` (\`supplier_id\`, \`id\`);`);
    this.addSql(`create unique index \`product_supplier_code\` on \`product\` (\`supplier_id\`, \`code\`);`);

    this.addSql(
      `create table \`sku\` (\`id\` integer not null primary key autoincrement, \`product_id\` integer not null, \`supplier_id\` integer not null, \`code\` text not null, \`brand_id\` integer not null, \`category_id\` integer not null, \`category_path\` text not null, \`title\` text not null, \`kind\` text check (\`kind\` in ('PHYSICAL', 'VIRTUAL')) not null default 'PHYSICAL', \`virtual_card_kind_id\` integer null, \`specs\` json not null, \`barcode\` text null, \`supplier_price_fen\` integer not null, \`list_price_fen\` integer not null, \`weight_grams\` integer not null default 0, \`status\` text check (\`status\` in ('ACTIVE', 'INACTIVE')) not null default 'ACTIVE', \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`sku_product_id_foreign\` foreign key(\`product_id\`) references \`product\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`sku_product_id_index\` on \`sku\` (\`product_id\`);`);
    this.addSql(`create index \`sku_virtual_card_kind_id_index\` on \`sku\` (\`virtual_card_kind_id\`);`);
    this.addSql(`create index \`sku_kind_newest\` on \`sku\` (\`kind\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`sku_category_path\` on \`sku\` (\`category_path\`, \`id\`);`);
    this.addSql(`create index \`sku_supplier_newest\` on \`sku\` (\`supplier_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`sku_brand_newest\` on \`sku\` (\`brand_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`sku_title\` on \`sku\` (\`title\`, \`id\`);`);
    this.addSql(`create index \`sku_price\` on \`sku\` (\`supplier_price_fen\`, \`id\`);`);
    this.addSql(`create index \`sku_newest\` on \`sku\` (\`created_at\`, \`id\`);`);
    this.addSql(`create unique index \`sku_supplier_code\` on \`sku\` (\`supplier_id\`, \`code\`);`);

    this.addSql(
      `create table \`virtual_card_code\` (\`id\` integer not null primary key autoincrement, \`kind_id\` integer not null, \`supplier_id\` integer not null, \`ciphertext\` text not null, \`code_hash\` text not null, \`state\` text check (\`state\` in ('AVAILABLE', 'RESERVED', 'ISSUED', 'VOID')) not null default 'AVAILABLE', \`order_id\` text null, \`sku_id\` integer null, \`issued_at\` datetime null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create index \`virtual_card_code_order\` on \`virtual_card_code\` (\`order_id\`, \`sku_id\`);`);
    this.addSql(`create index \`virtual_card_code_claim\` on \`virtual_card_code\` (\`kind_id\`, \`state\`, \`id\`);`);
    this.addSql(
      `create unique index \`virtual_card_code_kind_hash\` on \`virtual_card_code\` (\`kind_id\`, \`code_hash\`);`,
    );

    this.addSql(
      `create table \`virtual_card_kind\` (\`id\` integer not null primary key autoincrement, \`supplier_id\` integer not null, \`name\` text not null, \`face_value_fen\` integer not null, \`validity_days\` integer not null, \`low_pool_threshold\` integer not null default 10, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`virtual_card_kind_supplier_name\` on \`virtual_card_kind\` (\`supplier_id\`, \`name\`);`,
    );
  }
}
