import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand: the generator also proposed its usual no-op JSON/enum/nullable rewrites (see README).
export class Migration20261128201651 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`points_account\` add \`tier_name_version\` bigint null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`points_account\` drop column \`tier_name_version\`;`);
  }
}
