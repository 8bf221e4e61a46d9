import { Migration } from '@mikro-orm/migrations';

export class Migration20261201053416_perk_delivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`perk_delivery\` (\`id\` integer not null primary key autoincrement, \`idempotency_key\` text not null, \`order_id\` integer not null, \`order_line_id\` integer not null, \`unit_index\` integer not null, \`supplier_order_id\` integer not null, \`supplier_id\` integer not null, \`bank_id\` integer not null, \`customer_id\` integer not null, \`sku_id\` integer not null, \`title\` text not null, \`mode\` text check (\`mode\` in ('CODE_POOL', 'DIRECT_TOPUP', 'PARTNER_ISSUED', 'BANK_SYSTEM')) not null, \`partner_product_code\` text null, \`recipient_account\` text null, \`state\` text check (\`state\` in ('PROCESSING', 'DELIVERED', 'FAILED')) not null default 'PROCESSING', \`attempts\` integer not null default 0, \`next_attempt_at\` datetime null, \`claimed_until\` datetime null, \`sent_at\` datetime null, \`deadline_at\` datetime not null, \`last_error\` text null, \`partner_ref\` text null, \`voucher_sealed\` text null, \`voucher_expires_at\` datetime null, \`failure_reason\` text null, \`created_at\` datetime not null, \`settled_at\` datetime null);`,
    );
    this.addSql(
      `create unique index \`perk_delivery_idempotency_key_unique\` on \`perk_delivery\` (\`idempotency_key\`);`,
    );
    this.addSql(`create index \`perk_delivery_order_id_index\` on \`perk_delivery\` (\`order_id\`);`);
    this.addSql(`create index \`perk_delivery_due\` on \`perk_delivery\` (\`state\`, \`next_attempt_at\`);`);
  }
}
