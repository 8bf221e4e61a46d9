import { Migration } from '@mikro-orm/migrations';

export class Migration20261130192730_listing_tier_price extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`listing_tier_price\` (\`listing_id\` integer not null, \`tier_id\` integer not null, \`bank_id\` integer not null, \`price_mode\` text check (\`price_mode\` in ('POINTS', 'CASH', 'POINTS_PLUS_CASH')) not null, \`price_points\` bigint not null default 0, \`price_fen\` bigint not null default 0, \`updated_at\` datetime not null, primary key (\`listing_id\`, \`tier_id\`));`,
    );
    this.addSql(`create index \`listing_tier_price_tier\` on \`listing_tier_price\` (\`tier_id\`);`);
  }
}
