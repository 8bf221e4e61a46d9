import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand: the generator also proposed no-op enum/JSON changes to campaign, curation_run,
// customer, listing, segment and tier.
export class Migration20261130041944_partner_app_safelist extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`partner_app\` add \`safelist_only\` tinyint(1) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`partner_app\` drop column \`safelist_only\`;`);
  }
}
