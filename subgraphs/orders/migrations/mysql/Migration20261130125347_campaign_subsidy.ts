import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125347_campaign_subsidy extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`order_line\` add \`campaign_subsidy_fen\` bigint not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`order_line\` drop column \`campaign_subsidy_fen\`;`);
  }
}
