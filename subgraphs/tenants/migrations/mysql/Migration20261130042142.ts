import { Migration } from '@mikro-orm/migrations';

// Issue 11: Listing and campaign prices and tier points become BIGINT. Generated, then trimmed to these columns: the generator also
// proposed the dialect's usual no-op JSON/enum/nullable-default changes.
export class Migration20261130042142 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`campaign_listing\` modify \`price_points\` bigint not null, modify \`price_fen\` bigint not null;`,
    );
    this.addSql(`alter table \`customer\` modify \`tier_points\` bigint null;`);
    this.addSql(
      `alter table \`listing\` modify \`price_points\` bigint not null default 0, modify \`price_fen\` bigint not null default 0;`,
    );
    this.addSql(`alter table \`tier\` modify \`min_tier_points\` bigint not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`campaign_listing\` modify \`price_points\` int not null, modify \`price_fen\` int not null;`,
    );
    this.addSql(`alter table \`customer\` modify \`tier_points\` int null;`);
    this.addSql(
      `alter table \`listing\` modify \`price_points\` int not null default 0, modify \`price_fen\` int not null default 0;`,
    );
    this.addSql(`alter table \`tier\` modify \`min_tier_points\` int not null;`);
  }
}
