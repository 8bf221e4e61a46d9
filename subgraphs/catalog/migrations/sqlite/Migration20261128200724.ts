import { Migration } from '@mikro-orm/migrations';

// Generated, then trimmed to virtual_card_code.disclosed_at: the generator also proposed rebuilding
// stock_reservation for an enum CHECK that did not change.
export class Migration20261128200724 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`virtual_card_code\` add column \`disclosed_at\` datetime null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`virtual_card_code\` drop column \`disclosed_at\`;`);
  }
}
