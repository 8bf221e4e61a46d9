import { Migration } from '@mikro-orm/migrations';

export class Migration20261124101852 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`brand\` (\`id\` int unsigned not null auto_increment primary key, \`name\` varchar(200) not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`brand\` add unique \`brand_name_unique\`(\`name\`);`);

    this.addSql(`create table \`category\` (\`id\` int unsigned not null auto_increment primary key, \`name\` varchar(120) not null, \`parent_id\` int unsigned null, \`path\` varchar(255) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`category\` add index \`category_parent_id_index\`(\`parent_id\`);`);
    this.addSql(`alter table \`category\` add index \`category_path_index\`(\`path\`);`);

    this.addSql(`create table \`stock\` (\`sku_id\` int unsigned not null, \`available\` int not null default 0, \`reserved\` int not null default 0, \`low_stock_threshold\` int not null default 5, \`updated_at\` datetime not null, primary key (\`sku_id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`supplier\` (\`id\` int unsigned not null auto_increment primary key, \`code\` varchar(40) not null, \`name\` varchar(200) not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`supplier\` add unique \`supplier_code_unique\`(\`code\`);`);

    this.addSql(`create table \`product\` (\`id\` int unsigned not null auto_increment primary key, \`supplier_id\` int unsigned not null, \`brand_id\` int unsigned not null, \`category_id\` int unsigned not null, \`title\` varchar(200) not null, \`description\` text not null default (''), \`images\` json not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product\` add index \`product_supplier_id_index\`(\`supplier_id\`);`);
    this.addSql(`alter table \`product\` add index \`product_brand_id_index\`(\`brand_id\`);`);
    this.addSql(`alter table \`product\` add index \`product_category_id_index\`(\`category_id\`);`);

    this.addSql(`create table \`sku\` (\`id\` int unsigned not null auto_increment primary key, \`product_id\` int unsigned not null, \`supplier_id\` int not null, \`brand_id\` int not null, \`category_id\` int not null, \`category_path\` varchar(255) not null, \`title\` varchar(200) not null, \`kind\` enum('PHYSICAL', 'VIRTUAL') not null default 'PHYSICAL', \`specs\` json not null, \`barcode\` varchar(64) null, \`supplier_price_fen\` int not null, \`list_price_fen\` int not null, \`weight_grams\` int not null default 0, \`status\` enum('ACTIVE', 'INACTIVE') not null default 'ACTIVE', \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`sku\` add index \`sku_product_id_index\`(\`product_id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_category_path\`(\`category_path\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_supplier_newest\`(\`supplier_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_brand_newest\`(\`brand_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_title\`(\`title\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_price\`(\`supplier_price_fen\`, \`id\`);`);
    this.addSql(`alter table \`sku\` add index \`sku_newest\`(\`created_at\`, \`id\`);`);

    this.addSql(`alter table \`category\` add constraint \`category_parent_id_foreign\` foreign key (\`parent_id\`) references \`category\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`product\` add constraint \`product_supplier_id_foreign\` foreign key (\`supplier_id\`) references \`supplier\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`product\` add constraint \`product_brand_id_foreign\` foreign key (\`brand_id\`) references \`brand\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`product\` add constraint \`product_category_id_foreign\` foreign key (\`category_id\`) references \`category\` (\`id\`) on update cascade;`);

    this.addSql(`alter table \`sku\` add constraint \`sku_product_id_foreign\` foreign key (\`product_id\`) references \`product\` (\`id\`) on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`product\` drop foreign key \`product_brand_id_foreign\`;`);

    this.addSql(`alter table \`category\` drop foreign key \`category_parent_id_foreign\`;`);

    this.addSql(`alter table \`product\` drop foreign key \`product_category_id_foreign\`;`);

    this.addSql(`alter table \`product\` drop foreign key \`product_supplier_id_foreign\`;`);

    this.addSql(`alter table \`sku\` drop foreign key \`sku_product_id_foreign\`;`);

    this.addSql(`drop table if exists \`brand\`;`);

    this.addSql(`drop table if exists \`category\`;`);

    this.addSql(`drop table if exists \`stock\`;`);

    this.addSql(`drop table if exists \`supplier\`;`);

    this.addSql(`drop table if exists \`product\`;`);

    this.addSql(`drop table if exists \`sku\`;`);
  }

}
