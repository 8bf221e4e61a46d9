import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand: the generator also proposed its usual no-op JSON/enum rewrites (see README).
export class Migration20261128201646 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`customer\` add \`tier_points_version\` bigint null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`customer\` drop column \`tier_points_version\`;`);
  }
}
