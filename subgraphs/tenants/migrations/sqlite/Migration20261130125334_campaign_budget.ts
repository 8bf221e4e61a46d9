import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125334_campaign_budget extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`campaign_budget_hold\` (\`order_id\` integer not null, \`state\` text check (\`state\` in ('RESERVED', 'RELEASED')) not null, \`created_at\` datetime not null, primary key (\`order_id\`));`,
    );

    this.addSql(
      `create table \`campaign_budget_return\` (\`return_key\` text not null, \`order_id\` integer not null, primary key (\`return_key\`));`,
    );

    this.addSql(
      `create table \`campaign_spend\` (\`order_id\` integer not null, \`listing_id\` integer not null, \`campaign_id\` integer not null, \`quantity\` integer not null, \`unit_subsidy_fen\` bigint not null, \`returned_quantity\` integer not null default 0, primary key (\`order_id\`, \`listing_id\`));`,
    );
    this.addSql(`create index \`campaign_spend_campaign\` on \`campaign_spend\` (\`campaign_id\`, \`order_id\`);`);

    this.addSql(`alter table \`campaign\` add column \`budget_fen\` bigint null;`);
    this.addSql(`alter table \`campaign\` add column \`spent_fen\` bigint not null default 0;`);
    this.addSql(`alter table \`campaign\` add column \`units_sold\` integer not null default 0;`);
  }
}
