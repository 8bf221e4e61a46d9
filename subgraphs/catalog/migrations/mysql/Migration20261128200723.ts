import { Migration } from '@mikro-orm/migrations';

// Generated, then trimmed to virtual_card_code.disclosed_at: the generator also proposed no-op
// changes to JSON and enum columns that MariaDB reports differently from how MikroORM declares them.
export class Migration20261128200723 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`virtual_card_code\` add \`disclosed_at\` datetime null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`virtual_card_code\` drop column \`disclosed_at\`;`);
  }
}
