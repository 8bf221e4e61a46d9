import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105506_service_on_behalf_withdrawals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`customer_order\` add \`cancelled_by\` enum('CUSTOMER', 'CUSTOMER_SERVICE', 'SUPPLIER', 'PLATFORM', 'SYSTEM') null, add \`shipping_address_changed_at\` datetime null, add \`shipping_address_changed_by\` enum('CUSTOMER', 'CUSTOMER_SERVICE', 'SUPPLIER', 'PLATFORM', 'SYSTEM') null;`,
    );

    this.addSql(
      `alter table \`refund\` add \`requested_by\` enum('CUSTOMER', 'CUSTOMER_SERVICE', 'SUPPLIER', 'PLATFORM', 'SYSTEM') not null default 'CUSTOMER', add \`requester\` varchar(128) null, add \`withdrawal_key\` varchar(64) null;`,
    );
    this.addSql(
      `alter table \`refund\` modify \`cause\` enum('CUSTOMER', 'DELIVERY_FAILED', 'SUPPLIER_CANCELLED', 'WITHDRAWN') not null default 'CUSTOMER';`,
    );
    this.addSql(`alter table \`refund\` add unique \`refund_withdrawal_key_unique\`(\`withdrawal_key\`);`);
    this.addSql(
      `alter table \`refund\` add index \`refund_supplier_decided\`(\`supplier_id\`, \`state\`, \`decided_at\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`refund\` drop index \`refund_withdrawal_key_unique\`;`);
    this.addSql(`alter table \`refund\` drop index \`refund_supplier_decided\`;`);
    this.addSql(
      `alter table \`refund\` drop column \`requested_by\`, drop column \`requester\`, drop column \`withdrawal_key\`;`,
    );

    this.addSql(
      `alter table \`refund\` modify \`cause\` enum('CUSTOMER', 'DELIVERY_FAILED') not null default 'CUSTOMER';`,
    );

    this.addSql(
      `alter table \`customer_order\` drop column \`cancelled_by\`, drop column \`shipping_address_changed_at\`, drop column \`shipping_address_changed_by\`;`,
    );
  }
}
