import { Migration } from '@mikro-orm/migrations';

export class Migration20261201053415_perk_delivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`perk_delivery\` (\`id\` int unsigned not null auto_increment primary key, \`idempotency_key\` varchar(64) not null, \`order_id\` int not null, \`order_line_id\` int not null, \`unit_index\` int not null, \`supplier_order_id\` int not null, \`supplier_id\` int not null, \`bank_id\` int not null, \`customer_id\` int not null, \`sku_id\` int not null, \`title\` varchar(200) not null, \`mode\` enum('CODE_POOL', 'DIRECT_TOPUP', 'PARTNER_ISSUED', 'BANK_SYSTEM') not null, \`partner_product_code\` varchar(64) null, \`recipient_account\` varchar(128) null, \`state\` enum('PROCESSING', 'DELIVERED', 'FAILED') not null default 'PROCESSING', \`attempts\` int not null default 0, \`next_attempt_at\` datetime null, \`claimed_until\` datetime null, \`sent_at\` datetime null, \`deadline_at\` datetime not null, \`last_error\` varchar(500) null, \`partner_ref\` varchar(128) null, \`voucher_sealed\` text null, \`voucher_expires_at\` datetime null, \`failure_reason\` varchar(300) null, \`created_at\` datetime not null, \`settled_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`perk_delivery\` add unique \`perk_delivery_idempotency_key_unique\`(\`idempotency_key\`);`,
    );
    this.addSql(`alter table \`perk_delivery\` add index \`perk_delivery_order_id_index\`(\`order_id\`);`);
    this.addSql(`alter table \`perk_delivery\` add index \`perk_delivery_due\`(\`state\`, \`next_attempt_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`perk_delivery\`;`);
  }
}
