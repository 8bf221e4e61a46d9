import { Migration } from '@mikro-orm/migrations';

export class Migration20261130194708_shipping_fee extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`customer_order\` add column \`shipping_fen\` bigint not null default 0;`);

    this.addSql(`alter table \`refund\` add column \`shipping_refund_fen\` integer not null default 0;`);

    this.addSql(`alter table \`supplier_order\` add column \`shipping_fen\` integer not null default 0;`);
  }
}
