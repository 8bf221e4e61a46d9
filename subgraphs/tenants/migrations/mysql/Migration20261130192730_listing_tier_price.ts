import { Migration } from '@mikro-orm/migrations';

export class Migration20261130192730_listing_tier_price extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`listing_tier_price\` (\`listing_id\` int unsigned not null, \`tier_id\` int unsigned not null, \`bank_id\` int not null, \`price_mode\` enum('POINTS', 'CASH', 'POINTS_PLUS_CASH') not null, \`price_points\` bigint not null default 0, \`price_fen\` bigint not null default 0, \`updated_at\` datetime not null, primary key (\`listing_id\`, \`tier_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`listing_tier_price\` add index \`listing_tier_price_tier\`(\`tier_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`listing_tier_price\`;`);
  }
}
