import { Migration } from '@mikro-orm/migrations';

export class Migration20261124101853 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`bank\` (\`id\` int unsigned not null auto_increment primary key, \`code\` varchar(40) not null, \`name\` varchar(200) not null, \`points_per_yuan\` int not null default 100, \`max_points_share_bp\` int not null default 10000, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`bank\` add unique \`bank_code_unique\`(\`code\`);`);

    this.addSql(`create table \`customer\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`external_ref\` varchar(64) not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`customer\` add index \`customer_bank_id_index\`(\`bank_id\`);`);
    this.addSql(`alter table \`customer\` add unique \`customer_bank_id_external_ref_unique\`(\`bank_id\`, \`external_ref\`);`);

    this.addSql(`create table \`mall\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int unsigned not null, \`name\` varchar(200) not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`mall\` add index \`mall_bank_id_index\`(\`bank_id\`);`);

    this.addSql(`create table \`listing\` (\`id\` int unsigned not null auto_increment primary key, \`mall_id\` int unsigned not null, \`bank_id\` int not null, \`sku_id\` int not null, \`price_mode\` enum('POINTS', 'CASH', 'POINTS_PLUS_CASH') not null, \`price_points\` int not null default 0, \`price_fen\` int not null default 0, \`featured_rank\` int not null default 0, \`status\` enum('ACTIVE', 'PAUSED') not null default 'ACTIVE', \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`listing\` add index \`listing_mall_id_index\`(\`mall_id\`);`);
    this.addSql(`alter table \`listing\` add index \`listing_bank_id_index\`(\`bank_id\`);`);
    this.addSql(`alter table \`listing\` add index \`listing_mall_rank\`(\`mall_id\`, \`featured_rank\`, \`id\`);`);
    this.addSql(`alter table \`listing\` add unique \`listing_mall_id_sku_id_unique\`(\`mall_id\`, \`sku_id\`);`);

    this.addSql(`create table \`partner_app\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`name\` varchar(200) not null, \`client_id\` varchar(64) not null, \`secret_hash\` varchar(255) not null, \`active\` tinyint(1) not null default true, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`partner_app\` add index \`partner_app_bank_id_index\`(\`bank_id\`);`);
    this.addSql(`alter table \`partner_app\` add unique \`partner_app_client_id_unique\`(\`client_id\`);`);

    this.addSql(`alter table \`mall\` add constraint \`mall_bank_id_foreign\` foreign key (\`bank_id\`) references \`bank\` (\`id\`) on update cascade;`);

    this.addSql(`alter table \`listing\` add constraint \`listing_mall_id_foreign\` foreign key (\`mall_id\`) references \`mall\` (\`id\`) on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`mall\` drop foreign key \`mall_bank_id_foreign\`;`);

    this.addSql(`alter table \`listing\` drop foreign key \`listing_mall_id_foreign\`;`);

    this.addSql(`drop table if exists \`bank\`;`);

    this.addSql(`drop table if exists \`customer\`;`);

    this.addSql(`drop table if exists \`mall\`;`);

    this.addSql(`drop table if exists \`listing\`;`);

    this.addSql(`drop table if exists \`partner_app\`;`);
  }

}
