import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105507_service_on_behalf_withdrawals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`customer_order\` add column \`cancelled_by\` text check (\`cancelled_by\` in ('CUSTOMER', 'CUSTOMER_SERVICE', 'SUPPLIER', 'PLATFORM', 'SYSTEM')) null;`,
    );
    this.addSql(`alter table \`customer_order\` add column \`shipping_address_changed_at\` datetime null;`);
    this.addSql(
      `alter table \`customer_order\` add column \`shipping_address_changed_by\` text check (\`shipping_address_changed_by\` in ('CUSTOMER', 'CUSTOMER_SERVICE', 'SUPPLIER', 'PLATFORM', 'SYSTEM')) null;`,
    );

    this.addSql(
      `alter table \`refund\` add column \`requested_by\` text check (\`requested_by\` in ('CUSTOMER', 'CUSTOMER_SERVICE', 'SUPPLIER', 'PLATFORM', 'SYSTEM')) not null default 'CUSTOMER';`,
    );
    this.addSql(`alter table \`refund\` add column \`requester\` text null;`);
    this.addSql(`alter table \`refund\` add column \`withdrawal_key\` text null;`);
    this.addSql(`create unique index \`refund_withdrawal_key_unique\` on \`refund\` (\`withdrawal_key\`);`);
    this.addSql(`create index \`refund_supplier_decided\` on \`refund\` (\`supplier_id\`, \`state\`, \`decided_at\`);`);
  }
}
