import { Migration } from '@mikro-orm/migrations';

export class Migration20261201014045_quota_use_period extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index \`benefit_quota_use_period\` on \`benefit_quota_use\` (\`rule_id\`, \`period_key\`, \`customer_id\`);`,
    );
  }
}
