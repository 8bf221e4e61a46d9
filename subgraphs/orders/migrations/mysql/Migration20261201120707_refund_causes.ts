import { Migration } from '@mikro-orm/migrations';

export class Migration20261201120707_refund_causes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`refund\` modify \`cause\` enum('CUSTOMER', 'DELIVERY_FAILED', 'SUPPLIER_CANCELLED', 'WITHDRAWN', 'RETURN') not null default 'CUSTOMER';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`refund\` modify \`cause\` enum('CUSTOMER', 'DELIVERY_FAILED', 'SUPPLIER_CANCELLED', 'WITHDRAWN') not null default 'CUSTOMER';`,
    );
  }
}
