import { Migration } from '@mikro-orm/migrations';

export class Migration20261201052148_perk_delivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`perk_unit\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int not null, \`supplier_order_id\` int not null, \`order_line_id\` int not null, \`unit_index\` int not null, \`state\` enum('PROCESSING', 'DELIVERED', 'FAILED') not null default 'PROCESSING', \`settled_at\` datetime null, \`refund_id\` int null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`perk_unit\` add index \`perk_unit_order_id_index\`(\`order_id\`);`);
    this.addSql(`alter table \`perk_unit\` add index \`perk_unit_supplier_order_id_index\`(\`supplier_order_id\`);`);
    this.addSql(`alter table \`perk_unit\` add unique \`perk_unit_key\`(\`order_line_id\`, \`unit_index\`);`);

    this.addSql(
      `alter table \`order_line\` add \`delivery_mode\` enum('CODE_POOL', 'DIRECT_TOPUP', 'PARTNER_ISSUED', 'BANK_SYSTEM') null, add \`recipient_account\` varchar(128) null, add \`partner_product_code\` varchar(64) null;`,
    );

    this.addSql(
      `alter table \`refund\` add \`cause\` enum('CUSTOMER', 'DELIVERY_FAILED') not null default 'CUSTOMER';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`perk_unit\`;`);

    this.addSql(`alter table \`refund\` drop column \`cause\`;`);

    this.addSql(
      `alter table \`order_line\` drop column \`delivery_mode\`, drop column \`recipient_account\`, drop column \`partner_product_code\`;`,
    );
  }
}
