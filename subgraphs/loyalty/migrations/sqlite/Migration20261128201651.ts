import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand: the generator also proposed no-op rebuilds of points_hold and points_ledger_entry.
export class Migration20261128201651 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`points_account\` add column \`tier_name_version\` bigint null;`);
  }
}
