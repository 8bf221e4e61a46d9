import { Migration } from '@mikro-orm/migrations';

export class Migration20261130194520_supplier_shipping extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`supplier\` add \`shipping_fee_fen\` int not null default 0, add \`free_shipping_over_fen\` bigint null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`supplier\` drop column \`shipping_fee_fen\`, drop column \`free_shipping_over_fen\`;`);
  }
}
