import { Migration } from '@mikro-orm/migrations';

export class Migration20261124103631 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`bank\` (\`id\` int unsigned not null auto_increment primary key, \`code\` varchar(40) not null, \`name\` varchar(200) not null, \`points_per_yuan\` int not null default 100, \`max_points_share_bp\` int not null default 10000, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`bank\` add unique \`bank_code_unique\`(\`code\`);`);

    this.addSql(
      `create table \`campaign\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`mall_id\` int not null, \`name\` varchar(120) not null, \`template\` enum('DOUBLE_ELEVEN', 'DOUBLE_TWELVE', 'SPRING_FESTIVAL', 'MID_AUTUMN', 'CUSTOM') not null default 'CUSTOM', \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`state\` enum('DRAFT', 'SCHEDULED', 'CANCELLED') not null default 'DRAFT', \`segment_restricted\` tinyint(1) not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`campaign\` add index \`campaign_bank_id_index\`(\`bank_id\`);`);
    this.addSql(`alter table \`campaign\` add index \`campaign_mall_window\`(\`mall_id\`, \`starts_at\`, \`id\`);`);

    this.addSql(
      `create table \`campaign_listing\` (\`campaign_id\` int unsigned not null, \`listing_id\` int unsigned not null, \`price_mode\` enum('POINTS', 'CASH', 'POINTS_PLUS_CASH') not null, \`price_points\` int not null, \`price_fen\` int not null, primary key (\`campaign_id\`, \`listing_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`campaign_listing\` add index \`campaign_listing_listing\`(\`listing_id\`, \`campaign_id\`);`,
    );

    this.addSql(
      `create table \`campaign_segment\` (\`campaign_id\` int unsigned not null, \`segment_id\` int unsigned not null, primary key (\`campaign_id\`, \`segment_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`curation_run\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`mall_id\` int not null, \`idempotency_key\` varchar(100) not null, \`request_hash\` varchar(64) not null, \`result\` json not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`curation_run\` add unique \`curation_run_bank_id_idempotency_key_unique\`(\`bank_id\`, \`idempotency_key\`);`,
    );

    this.addSql(
      `create table \`customer\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`external_ref\` varchar(64) not null, \`gender\` enum('FEMALE', 'MALE', 'UNDISCLOSED') null, \`birth_year\` int null, \`city\` varchar(64) null, \`asset_band\` int null, \`tier_id\` int null, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`customer\` add index \`customer_bank_id_index\`(\`bank_id\`);`);
    this.addSql(
      `alter table \`customer\` add unique \`customer_bank_id_external_ref_unique\`(\`bank_id\`, \`external_ref\`);`,
    );

    this.addSql(
      `create table \`customer_segment\` (\`customer_id\` int unsigned not null, \`segment_id\` int unsigned not null, primary key (\`customer_id\`, \`segment_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`customer_segment\` add index \`customer_segment_segment\`(\`segment_id\`, \`customer_id\`);`,
    );

    this.addSql(
      `create table \`customer_tag\` (\`customer_id\` int unsigned not null, \`tag\` varchar(32) not null, primary key (\`customer_id\`, \`tag\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`customer_tag\` add index \`customer_tag_tag\`(\`tag\`, \`customer_id\`);`);

    this.addSql(
      `create table \`listing_segment\` (\`listing_id\` int unsigned not null, \`segment_id\` int unsigned not null, primary key (\`listing_id\`, \`segment_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`listing_segment\` add index \`listing_segment_segment\`(\`segment_id\`);`);

    this.addSql(
      `create table \`listing_tier\` (\`listing_id\` int unsigned not null, \`tier_id\` int unsigned not null, primary key (\`listing_id\`, \`tier_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`listing_tier\` add index \`listing_tier_tier\`(\`tier_id\`);`);

    this.addSql(
      `create table \`mall\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int unsigned not null, \`name\` varchar(200) not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`mall\` add index \`mall_bank_id_index\`(\`bank_id\`);`);

    this.addSql(
      `create table \`listing\` (\`id\` int unsigned not null auto_increment primary key, \`mall_id\` int unsigned not null, \`bank_id\` int not null, \`sku_id\` int not null, \`price_mode\` enum('POINTS', 'CASH', 'POINTS_PLUS_CASH') not null, \`price_points\` int not null default 0, \`price_fen\` int not null default 0, \`featured_rank\` int not null default 0, \`status\` enum('ACTIVE', 'PAUSED') not null default 'ACTIVE', \`starts_at\` datetime null, \`ends_at\` datetime null, \`purchase_limit_per_customer\` int null, \`tier_restricted\` tinyint(1) not null default false, \`segment_restricted\` tinyint(1) not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`listing\` add index \`listing_mall_id_index\`(\`mall_id\`);`);
    this.addSql(`alter table \`listing\` add index \`listing_bank_id_index\`(\`bank_id\`);`);
    this.addSql(`alter table \`listing\` add index \`listing_mall_rank\`(\`mall_id\`, \`featured_rank\`, \`id\`);`);
    this.addSql(`alter table \`listing\` add unique \`listing_mall_id_sku_id_unique\`(\`mall_id\`, \`sku_id\`);`);

    this.addSql(
      `create table \`partner_app\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`name\` varchar(200) not null, \`client_id\` varchar(64) not null, \`secret_hash\` varchar(255) not null, \`active\` tinyint(1) not null default true, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`partner_app\` add index \`partner_app_bank_id_index\`(\`bank_id\`);`);
    this.addSql(`alter table \`partner_app\` add unique \`partner_app_client_id_unique\`(\`client_id\`);`);

    this.addSql(
      `create table \`segment\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`name\` varchar(100) not null, \`rules\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`segment\` add index \`segment_bank_id_index\`(\`bank_id\`);`);
    this.addSql(`alter table \`segment\` add unique \`segment_bank_id_name_unique\`(\`bank_id\`, \`name\`);`);

    this.addSql(
      `create table \`segment_member\` (\`segment_id\` int unsigned not null, \`customer_id\` int unsigned not null, primary key (\`segment_id\`, \`customer_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`segment_member\` add index \`segment_member_customer\`(\`customer_id\`);`);

    this.addSql(
      `create table \`tier\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`name\` varchar(60) not null, \`rank\` int not null, \`min_tier_points\` int not null, \`benefits\` json not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`tier\` add index \`tier_bank_id_index\`(\`bank_id\`);`);
    this.addSql(`alter table \`tier\` add unique \`tier_bank_id_name_unique\`(\`bank_id\`, \`name\`);`);
    this.addSql(`alter table \`tier\` add unique \`tier_bank_id_rank_unique\`(\`bank_id\`, \`rank\`);`);

    this.addSql(
      `alter table \`mall\` add constraint \`mall_bank_id_foreign\` foreign key (\`bank_id\`) references \`bank\` (\`id\`) on update cascade;`,
    );

    this.addSql(
      `alter table \`listing\` add constraint \`listing_mall_id_foreign\` foreign key (\`mall_id\`) references \`mall\` (\`id\`) on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`mall\` drop foreign key \`mall_bank_id_foreign\`;`);

    this.addSql(`alter table \`listing\` drop foreign key \`listing_mall_id_foreign\`;`);

    this.addSql(`drop table if exists \`bank\`;`);

    this.addSql(`drop table if exists \`campaign\`;`);

    this.addSql(`drop table if exists \`campaign_listing\`;`);

    this.addSql(`drop table if exists \`campaign_segment\`;`);

    this.addSql(`drop table if exists \`curation_run\`;`);

    this.addSql(`drop table if exists \`customer\`;`);

    this.addSql(`drop table if exists \`customer_segment\`;`);

    this.addSql(`drop table if exists \`customer_tag\`;`);

    this.addSql(`drop table if exists \`listing_segment\`;`);

    this.addSql(`drop table if exists \`listing_tier\`;`);

    this.addSql(`drop table if exists \`mall\`;`);

    this.addSql(`drop table if exists \`listing\`;`);

    this.addSql(`drop table if exists \`partner_app\`;`);

    this.addSql(`drop table if exists \`segment\`;`);

    this.addSql(`drop table if exists \`segment_member\`;`);

    this.addSql(`drop table if exists \`tier\`;`);
  }
}
