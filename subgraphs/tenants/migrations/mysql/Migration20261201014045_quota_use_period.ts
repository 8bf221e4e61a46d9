import { Migration } from '@mikro-orm/migrations';

export class Migration20261201014045_quota_use_period extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`benefit_quota_use\` add index \`benefit_quota_use_period\`(\`rule_id\`, \`period_key\`, \`customer_id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`benefit_quota_use\` drop index \`benefit_quota_use_period\`;`);
  }
}
