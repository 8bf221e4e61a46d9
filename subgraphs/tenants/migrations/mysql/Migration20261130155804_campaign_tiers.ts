import { Migration } from '@mikro-orm/migrations';

export class Migration20261130155804_campaign_tiers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`campaign_tier\` (\`campaign_id\` int unsigned not null, \`tier_id\` int unsigned not null, primary key (\`campaign_id\`, \`tier_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(`alter table \`campaign\` add \`tier_restricted\` tinyint(1) not null default false;`);

    this.addSql(`alter table \`customer\` add index \`customer_bank_tier\`(\`bank_id\`, \`tier_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`campaign_tier\`;`);

    this.addSql(`alter table \`campaign\` drop column \`tier_restricted\`;`);

    this.addSql(`alter table \`customer\` drop index \`customer_bank_tier\`;`);
  }
}
