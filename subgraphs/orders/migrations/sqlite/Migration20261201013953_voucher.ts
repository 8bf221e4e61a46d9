import { Migration } from '@mikro-orm/migrations';

export class Migration20261201013953_voucher extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`customer_order\` add column \`voucher_id\` integer null;`);
    this.addSql(`alter table \`customer_order\` add column \`voucher_discount_fen\` bigint not null default 0;`);

    this.addSql(`alter table \`refund\` add column \`voucher_return_fen\` bigint not null default 0;`);
  }
}
