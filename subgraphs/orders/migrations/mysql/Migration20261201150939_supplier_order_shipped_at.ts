import { Migration } from '@mikro-orm/migrations';

export class Migration20261201150939_supplier_order_shipped_at extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`supplier_order\` add \`shipped_at\` datetime null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`supplier_order\` drop column \`shipped_at\`;`);
  }
}
