import { Migration } from '@mikro-orm/migrations';

export class Migration20261201021653_supplier_funded extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`order_line\` add \`supplier_funded_fen\` bigint not null default 0;`);

    this.addSql(
      `alter table \`settlement_line\` modify \`kind\` enum('DELIVERY', 'REFUND', 'DISCOUNT', 'DISCOUNT_RETURN') not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`settlement_line\` modify \`kind\` enum('DELIVERY', 'REFUND') not null;`);

    this.addSql(`alter table \`order_line\` drop column \`supplier_funded_fen\`;`);
  }
}
