import { Migration } from '@mikro-orm/migrations';

export class Migration20261130194707_shipping_fee extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`customer_order\` add \`shipping_fen\` bigint not null default 0;`);

    this.addSql(`alter table \`refund\` add \`shipping_refund_fen\` int not null default 0;`);

    this.addSql(`alter table \`supplier_order\` add \`shipping_fen\` int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`refund\` drop column \`shipping_refund_fen\`;`);

    this.addSql(`alter table \`supplier_order\` drop column \`shipping_fen\`;`);

    this.addSql(`alter table \`customer_order\` drop column \`shipping_fen\`;`);
  }
}
