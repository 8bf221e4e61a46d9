import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand: the generator also proposed no-op rebuilds of campaign, campaign_listing and listing.
export class Migration20261128201348 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`customer\` add column \`tier_points\` integer null;`);
  }
}
