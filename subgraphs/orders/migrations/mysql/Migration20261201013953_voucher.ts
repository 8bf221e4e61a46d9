import { Migration } from '@mikro-orm/migrations';

export class Migration20261201013953_voucher extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`customer_order\` add \`voucher_id\` int null, add \`voucher_discount_fen\` bigint not null default 0;`,
    );

    this.addSql(`alter table \`refund\` add \`voucher_return_fen\` bigint not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`refund\` drop column \`voucher_return_fen\`;`);

    this.addSql(`alter table \`customer_order\` drop column \`voucher_id\`, drop column \`voucher_discount_fen\`;`);
  }
}
