import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125340_campaign_budget_threshold extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`approval_policy\` add \`campaign_budget_above_fen\` bigint null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`approval_policy\` drop column \`campaign_budget_above_fen\`;`);
  }
}
