import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105528_audit_on_behalf_of_customer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`audit_entry\` add \`on_behalf_of_customer_id\` int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`audit_entry\` drop column \`on_behalf_of_customer_id\`;`);
  }
}
