import { Migration } from '@mikro-orm/migrations';

export class Migration20261124103632 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`bank\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`points_per_yuan\` integer not null default 100, \`max_points_share_bp\` integer not null default 10000, \`created_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`bank_code_unique\` on \`bank\` (\`code\`);`);

    this.addSql(
      `create table \`campaign\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`mall_id\` integer not null, \`name\` text not null, \`template\` text check (\`template\` in ('DOUBLE_ELEVEN', 'DOUBLE_TWELVE', 'SPRING_FESTIVAL', 'MID_AUTUMN', 'CUSTOM')) not null default 'CUSTOM', \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`state\` text check (\`state\` in ('DRAFT', 'SCHEDULED', 'CANCELLED')) not null default 'DRAFT', \`segment_restricted\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(`create index \`campaign_bank_id_index\` on \`campaign\` (\`bank_id\`);`);
    this.addSql(`create index \`campaign_mall_window\` on \`campaign\` (\`mall_id\`, \`starts_at\`, \`id\`);`);

    this.addSql(
      `create table \`campaign_listing\` (\`campaign_id\` integer not null, \`listing_id\` integer not null, \`price_mode\` text check (\`price_mode\` in ('POINTS', 'CASH', 'POINTS_PLUS_CASH')) not null, \`price_points\` integer not null, \`price_fen\` integer not null, primary key (\`campaign_id\`, \`listing_id\`));`,
    );
    this.addSql(`create index \`campaign_listing_listing\` on \`campaign_listing\` (\`listing_id\`, \`campaign_id\`);`);

    this.addSql(
      `create table \`campaign_segment\` (\`campaign_id\` integer not null, \`segment_id\` integer not null, primary key (\`campaign_id\`, \`segment_id\`));`,
    );

    this.addSql(
      `create table \`curation_run\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`mall_id\` integer not null, \`idempotency_key\` text not null, \`request_hash\` text not null, \`result\` json not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`curation_run_bank_id_idempotency_key_unique\` on \`curation_run\` (\`bank_id\`, \`idempotency_key\`);`,
    );

    this.addSql(
      `create table \`customer\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`external_ref\` text not null, \`gender\` text check (\`gender\` in ('FEMALE', 'MALE', 'UNDISCLOSED')) null, \`birth_year\` integer null, \`city\` text null, \`asset_band\` integer null, \`tier_id\` integer null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(`create index \`customer_bank_id_index\` on \`customer\` (\`bank_id\`);`);
    this.addSql(
      `create unique index \`customer_bank_id_external_ref_unique\` on \`customer\` (\`bank_id\`, \`external_ref\`);`,
    );

    this.addSql(
      `create table \`customer_segment\` (\`customer_id\` integer not null, \`segment_id\` integer not null, primary key (\`customer_id\`, \`segment_id\`));`,
    );
    this.addSql(`create index \`customer_segment_segment\` on \`customer_segment\` (\`segment_id\`, \`customer_id\`);`);

    this.addSql(
      `create table \`customer_tag\` (\`customer_id\` integer not null, \`tag\` text not null, primary key (\`customer_id\`, \`tag\`));`,
    );
    this.addSql(`create index \`customer_tag_tag\` on \`customer_tag\` (\`tag\`, \`customer_id\`);`);

    this.addSql(
      `create table \`listing_segment\` (\`listing_id\` integer not null, \`segment_id\` integer not null, primary key (\`listing_id\`, \`segment_id\`));`,
    );
    this.addSql(`create index \`listing_segment_segment\` on \`listing_segment\` (\`segment_id\`);`);

    this.addSql(
      `create table \`listing_tier\` (\`listing_id\` integer not null, \`tier_id\` integer not null, primary key (\`listing_id\`, \`tier_id\`));`,
    );
    this.addSql(`create index \`listing_tier_tier\` on \`listing_tier\` (\`tier_id\`);`);

    this.addSql(
      `create table \`mall\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`name\` text not null, \`created_at\` datetime not null, constraint \`mall_bank_id_foreign\` foreign key(\`bank_id\`) references \`bank\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`mall_bank_id_index\` on \`mall\` (\`bank_id\`);`);

    this.addSql(
      `create table \`listing\` (\`id\` integer not null primary key autoincrement, \`mall_id\` integer not null, \`bank_id\` integer not null, \`sku_id\` integer not null, \`price_mode\` text check (\`price_mode\` in ('POINTS', 'CASH', 'POINTS_PLUS_CASH')) not null, \`price_points\` integer not null default 0, \`price_fen\` integer not null default 0, \`featured_rank\` integer not null default 0, \`status\` text check (\`status\` in ('ACTIVE', 'PAUSED')) not null default 'ACTIVE', \`starts_at\` datetime null, \`ends_at\` datetime null, \`purchase_limit_per_customer\` integer null, \`tier_restricted\` integer not null default false, \`segment_restricted\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`listing_mall_id_foreign\` foreign key(\`mall_id\`) references \`mall\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`listing_mall_id_index\` on \`listing\` (\`mall_id\`);`);
    this.addSql(`create index \`listing_bank_id_index\` on \`listing\` (\`bank_id\`);`);
    this.addSql(`create index \`listing_mall_rank\` on \`listing\` (\`mall_id\`, \`featured_rank\`, \`id\`);`);
    this.addSql(`create unique index \`listing_mall_id_sku_id_unique\` on \`listing\` (\`mall_id\`, \`sku_id\`);`);

    this.addSql(
      `create table \`partner_app\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`name\` text not null, \`client_id\` text not null, \`secret_hash\` text not null, \`active\` integer not null default true, \`created_at\` datetime not null);`,
    );
    this.addSql(`create index \`partner_app_bank_id_index\` on \`partner_app\` (\`bank_id\`);`);
    this.addSql(`create unique index \`partner_app_client_id_unique\` on \`partner_app\` (\`client_id\`);`);

    this.addSql(
      `create table \`segment\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`name\` text not null, \`rules\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(`create index \`segment_bank_id_index\` on \`segment\` (\`bank_id\`);`);
    this.addSql(`create unique index \`segment_bank_id_name_unique\` on \`segment\` (\`bank_id\`, \`name\`);`);

    this.addSql(
      `create table \`segment_member\` (\`segment_id\` integer not null, \`customer_id\` integer not null, primary key (\`segment_id\`, \`customer_id\`));`,
    );
    this.addSql(`create index \`segment_member_customer\` on \`segment_member\` (\`customer_id\`);`);

    this.addSql(
      `create table \`tier\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`name\` text not null, \`rank\` integer not null, \`min_tier_points\` integer not null, \`benefits\` json not null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create index \`tier_bank_id_index\` on \`tier\` (\`bank_id\`);`);
    this.addSql(`create unique index \`tier_bank_id_name_unique\` on \`tier\` (\`bank_id\`, \`name\`);`);
    this.addSql(`create unique index \`tier_bank_id_rank_unique\` on \`tier\` (\`bank_id\`, \`rank\`);`);
  }
}
