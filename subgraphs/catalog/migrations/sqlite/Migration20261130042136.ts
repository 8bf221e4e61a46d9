import { Migration } from '@mikro-orm/migrations';

// Issue 11: SKU prices and card face values became BIGINT in the entities. SQLite stores every INTEGER column as a 64-bit
// integer already, so nothing changes here: the generator proposed rebuilding each table only to
// rename the declared type, and that was trimmed. Kept so both dialects list the same migrations.
export class Migration20261130042136 extends Migration {
  override async up(): Promise<void> {}

  override async down(): Promise<void> {}
}
