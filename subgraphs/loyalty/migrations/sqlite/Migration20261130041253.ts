import { Migration } from '@mikro-orm/migrations';

// The points columns became BIGINT in the entities (issue 11). SQLite stores every INTEGER column
// as a 64-bit integer already, so nothing changes here: the generator proposed rebuilding each
// table only to rename the declared type, and that was trimmed. Kept so both dialects list the same
// migrations.
export class Migration20261130041253 extends Migration {
  override async up(): Promise<void> {}

  override async down(): Promise<void> {}
}
