import { Migration } from '@mikro-orm/migrations';

export class Migration20261124103501 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`brand\` (\`id\` int unsigned not null auto_increment primary key, \`name\` varchar(200) not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`brand\` add unique \`brand_name_unique\`(\`name\`);`);

    this.addSql(
      `create table \`category\` (\`id\` int unsigned not null auto_increment primary key, \`name\` varchar(120) not null, \`parent_id\` int unsigned null, \`path\` varchar(255) not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`category\` add index \`category_parent_id_index\`(\`parent_id\`);`);
    this.addSql(`alter table \`category\` add index \`category_path_index\`(\`path\`);`);

    this.addSql(
      `create table \`code_allocation\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` varchar(64) not null, \`sku_id\` int not null, \`quantity\` int not null, \`released\` tinyint(1) not null default false, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`code_allocation\` add unique \`code_allocation_order_sku\`(\`order_id\`, \`sku_id\`);`);

    this.addSql(
      `create table \`stock\` (\`sku_id\` int unsigned not null, \`available\` int not null default 0, \`reserved\` int not null default 0, \`low_stock_threshold\` int not null default 5, \`updated_at\` datetime not null, primary key (\`sku_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`stock_adjustment\` (\`id\` int unsigned not null auto_increment primary key, \`sku_id\` int not null, \`mode\` enum('SET', 'DELTA') not null, \`delta\` int not null, \`available_before\` int not null, \`available_after\` int not null, \`reason\` varchar(500) not null, \`actor\` varchar(120) not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`stock_adjustment\` add index \`stock_adjustment_sku\`(\`sku_id\`, \`id\`);`);

    this.addSql(
      `create table \`stock_reservation\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` varchar(64) not null, \`sku_id\` int not null, \`quantity\` int not null, \`state\` enum('RESERVED', 'COMMITTED', 'RELEASED') not null default 'RESERVED', \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`stock_reservation\` add unique \`stock_reservation_order_sku\`(\`order_id\`, \`sku_id\`);`,
    );

    this.addSql(
      `create table \`supplier\` (\`id\` int unsigned not null auto_increment primary key, \`code\` varchar(40) not null, \`name\` varchar(200) not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`supplier\` add unique \`supplier_code_unique\`(\`code\`);`);

    this.addSql(
      `create table \`product\` (\`id\` int unsigned not null auto_increment primary key, \`supplier_id\` int unsigned not null, \`code\` varchar(64) not null, \`brand_id\` int unsigned not null, \`category_id\` int unsigned not null, \`title\` varchar(200) not null, \`description\` text not null default (''), \`images\` json not null, \`attributes\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`product\` add index \`product_supplier_id_index\`(\`supplier_id\`);`);
    this.addSql(`alter table \`product\` add index \`product_brand_id_index\`(\`brand_id\`);`);
    this.addSql(`alter table \`product\` add index \`product_category_id_index\`(\`category_id\`);`);
    this.addSql(`alter table \`product\` add index \`product_supplier_newest\`(\`supplier_id\`, \`id\`);`);
    this.addSql(`alter table \`product\` add unique \`product_supplier_code\`(\`supplier_id\`, \`code\`);`);

    this.addSql(
      `create table \`sku\` (\`id\` int unsigned not null auto_increment primary key, \`product_id\` int unsigned not null, \`supplier_id\` int not null, \`code\` varchar(64) not null, \`brand_id\` int not null, \`category_id\` int not null, \`category_path\` varchar(255) not null, \`title\` varchar(200) not null, \`kind\` enum('PHYSICAL', 'VIRTUAL') not null default 'PHYSICAL', \`virtual_card_kind_id\` int null, \`specs\` json not null, \`barcode\` varchar(64) null, \`supplier_price_fen\` int not null, \`list_price_fen\` int not null, \`weight_grams\` int not null default 0, \`status\` enum('ACTIVE', 'INACTIVE') not null default 'ACTIVE', \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`sku\` add index \`sku_product_id_index\`(\`product_id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_virtual_card_kind_id_index\`(\`virtual_card_kind_id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_kind_newest\`(\`kind\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_category_path\`(\`category_path\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_supplier_newest\`(\`supplier_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_brand_newest\`(\`brand_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_title\`(\`title\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_price\`(\`supplier_price_fen\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_newest\`(\`created_at\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add unique \`sku_supplier_code\`(\`supplier_id\`, \`code\`);`);

    this.addSql(
      `create table \`virtual_card_code\` (\`id\` int unsigned not null auto_increment primary key, \`kind_id\` int not null, \`supplier_id\` int not null, \`ciphertext\` varchar(512) not null, \`code_hash\` varchar(64) not null, \`state\` enum('AVAILABLE', 'RESERVED', 'ISSUED', 'VOID') not null default 'AVAILABLE', \`order_id\` varchar(64) null, \`sku_id\` int null, \`issued_at\` datetime null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`virtual_card_code\` add index \`virtual_card_code_order\`(\`order_id\`, \`sku_id\`);`);
    this.addSql(
      `alter table \`virtual_card_code\` add index \`virtual_card_code_claim\`(\`kind_id\`, \`state\`, \`id\`);`,
    );
    this.addSql(
      `alter table \`virtual_card_code\` add unique \`virtual_card_code_kind_hash\`(\`kind_id\`, \`code_hash\`);`,
    );

    this.addSql(
      `create table \`virtual_card_kind\` (\`id\` int unsigned not null auto_increment primary key, \`supplier_id\` int not null, \`name\` varchar(200) not null, \`face_value_fen\` int not null, \`validity_days\` int not null, \`low_pool_threshold\` int not null default 10, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`virtual_card_kind\` add unique \`virtual_card_kind_supplier_name\`(\`supplier_id\`, \`name\`);`,
    );

    this.addSql(
      `alter table \`category\` add constraint \`category_parent_id_foreign\` foreign key (\`parent_id\`) references \`category\` (\`id\`) on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table \`product\` add constraint \`product_supplier_id_foreign\` foreign key (\`supplier_id\`) references \`supplier\` (\`id\`) on update cascade;`,
    );
    this.addSql(
      `alter table \`product\` add constraint \`product_brand_id_foreign\` foreign key (\`brand_id\`) references \`brand\` (\`id\`) on update cascade;`,
    );
    this.addSql(
      `alter table \`product\` add constraint \`product_category_id_foreign\` foreign key (\`category_id\`) references \`category\` (\`id\`) on update cascade;`,
    );

    this.addSql(
      `alter table \`sku\` add constraint \`sku_product_id_foreign\` foreign key (\`product_id\`) references \`product\` (\`id\`) on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`product\` drop foreign key \`product_brand_id_foreign\`;`);

    this.addSql(`alter table \`category\` drop foreign key \`category_parent_id_foreign\`;`);

    this.addSql(`alter table \`product\` drop foreign key \`product_category_id_foreign\`;`);

    this.addSql(`alter table \`product\` drop foreign key \`product_supplier_id_foreign\`;`);

    this.addSql(`alter table \`sku\` drop foreign key \`sku_product_id_foreign\`;`);

    this.addSql(`drop table if exists \`brand\`;`);

    this.addSql(`drop table if exists \`category\`;`);

    this.addSql(`drop table if exists \`code_allocation\`;`);

    this.addSql(`drop table if exists \`stock\`;`);

    this.addSql(`drop table if exists \`stock_adjustment\`;`);

    this.addSql(`drop table if exists \`stock_reservation\`;`);

    this.addSql(`drop table if exists \`supplier\`;`);

    this.addSql(`drop table if exists \`product\`;`);

    this.addSql(`drop table if exists \`sku\`;`);

    this.addSql(`drop table if exists \`virtual_card_code\`;`);

    this.addSql(`drop table if exists \`virtual_card_kind\`;`);
  }
}
