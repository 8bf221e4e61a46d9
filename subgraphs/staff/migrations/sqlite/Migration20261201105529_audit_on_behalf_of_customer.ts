import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105529_audit_on_behalf_of_customer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`audit_entry\` add column \`on_behalf_of_customer_id\` integer null;`);
  }
}
