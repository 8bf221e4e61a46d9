import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand: the generator also proposed no-op rebuilds of campaign, campaign_listing, customer and listing.
export class Migration20261130041945_partner_app_safelist extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`partner_app\` add column \`safelist_only\` integer null;`);
  }
}
