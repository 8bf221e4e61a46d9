import { Migration } from '@mikro-orm/migrations';

export class Migration20261201052149_perk_delivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`perk_unit\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`supplier_order_id\` integer not null, \`order_line_id\` integer not null, \`unit_index\` integer not null, \`state\` text check (\`state\` in ('PROCESSING', 'DELIVERED', 'FAILED')) not null default 'PROCESSING', \`settled_at\` datetime null, \`refund_id\` integer null);`,
    );
    this.addSql(`create index \`perk_unit_order_id_index\` on \`perk_unit\` (\`order_id\`);`);
    this.addSql(`create index \`perk_unit_supplier_order_id_index\` on \`perk_unit\` (\`supplier_order_id\`);`);
    this.addSql(`create unique index \`perk_unit_key\` on \`perk_unit\` (\`order_line_id\`, \`unit_index\`);`);

    this.addSql(
      `alter table \`order_line\` add column \`delivery_mode\` text check (\`delivery_mode\` in ('CODE_POOL', 'DIRECT_TOPUP', 'PARTNER_ISSUED', 'BANK_SYSTEM')) null;`,
    );
    this.addSql(`alter table \`order_line\` add column \`recipient_account\` text null;`);
    this.addSql(`alter table \`order_line\` add column \`partner_product_code\` text null;`);

    this.addSql(
      `alter table \`refund\` add column \`cause\` text check (\`cause\` in ('CUSTOMER', 'DELIVERY_FAILED')) not null default 'CUSTOMER';`,
    );
  }
}
