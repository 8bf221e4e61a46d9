import { Migration } from '@mikro-orm/migrations';

export class Migration20261124101853 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`bank\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`points_per_yuan\` integer not null default 100, \`max_points_share_bp\` integer not null default 10000, \`created_at\` datetime not null);`);
    this.addSql(`create unique index \`bank_code_unique\` on \`bank\` (\`code\`);`);

    this.addSql(`create table \`customer\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`external_ref\` text not null, \`created_at\` datetime not null);`);
    this.addSql(`create index \`customer_bank_id_index\` on \`customer\` (\`bank_id\`);`);
    this.addSql(`create unique index \`customer_bank_id_external_ref_unique\` on \`customer\` (\`bank_id\`, \`external_ref\`);`);

    this.addSql(`create table \`mall\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`name\` text not null, \`created_at\` datetime not null, constraint \`mall_bank_id_foreign\` foreign key(\`bank_id\`) references \`bank\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`mall_bank_id_index\` on \`mall\` (\`bank_id\`);`);

    this.addSql(`create table \`listing\` (\`id\` integer not null primary key autoincrement, \`mall_id\` integer not null, \`bank_id\` integer not null, \`sku_id\` integer not null, \`price_mode\` text check (\`price_mode\` in ('POINTS', 'CASH', 'POINTS_PLUS_CASH')) not null, \`price_points\` integer not null default 0, \`price_fen\` integer not null default 0, \`featured_rank\` integer not null default 0, \`status\` text check (\`status\` in ('ACTIVE', 'PAUSED')) not null default 'ACTIVE', \`created_at\` datetime not null, constraint \`listing_mall_id_foreign\` foreign key(\`mall_id\`) references \`mall\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`listing_mall_id_index\` on \`listing\` (\`mall_id\`);`);
    this.addSql(`create index \`listing_bank_id_index\` on \`listing\` (\`bank_id\`);`);
    this.addSql(`create index \`listing_mall_rank\` on \`listing\` (\`mall_id\`, \`featured_rank\`, \`id\`);`);
    this.addSql(`create unique index \`listing_mall_id_sku_id_unique\` on \`listing\` (\`mall_id\`, \`sku_id\`);`);

    this.addSql(`create table \`partner_app\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`name\` text not null, \`client_id\` text not null, \`secret_hash\` text not null, \`active\` integer not null default true, \`created_at\` datetime not null);`);
    this.addSql(`create index \`partner_app_bank_id_index\` on \`partner_app\` (\`bank_id\`);`);
    this.addSql(`create unique index \`partner_app_client_id_unique\` on \`partner_app\` (\`client_id\`);`);
  }

}
