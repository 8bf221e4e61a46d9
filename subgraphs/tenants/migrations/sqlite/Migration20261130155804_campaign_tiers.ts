import { Migration } from '@mikro-orm/migrations';

export class Migration20261130155804_campaign_tiers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`campaign_tier\` (\`campaign_id\` integer not null, \`tier_id\` integer not null, primary key (\`campaign_id\`, \`tier_id\`));`,
    );

    this.addSql(`alter table \`campaign\` add column \`tier_restricted\` integer not null default false;`);

    this.addSql(`create index \`customer_bank_tier\` on \`customer\` (\`bank_id\`, \`tier_id\`);`);
  }
}
