import { Migration } from '@mikro-orm/migrations';

// Issue 11: SKU prices and card face values become BIGINT. Generated, then trimmed to these columns: the generator also
// proposed the dialect's usual no-op JSON/enum/nullable-default changes.
export class Migration20261130042135 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`sku\` modify \`supplier_price_fen\` bigint not null, modify \`list_price_fen\` bigint not null;`,
    );
    this.addSql(`alter table \`virtual_card_kind\` modify \`face_value_fen\` bigint not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`sku\` modify \`supplier_price_fen\` int not null, modify \`list_price_fen\` int not null;`,
    );
    this.addSql(`alter table \`virtual_card_kind\` modify \`face_value_fen\` int not null;`);
  }
}
