import { Migration } from '@mikro-orm/migrations';

export class Migration20261201150940_supplier_order_shipped_at extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`supplier_order\` add column \`shipped_at\` datetime null;`);
  }
}
