import { Migration } from '@mikro-orm/migrations';

// Issue 11: Order, line, payment, refund and settlement-line amounts become BIGINT. Generated, then trimmed to these columns: the generator also
// proposed the dialect's usual no-op JSON/enum/nullable-default changes.
export class Migration20261130042158 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`customer_order\` modify \`total_points\` bigint not null default 0, modify \`cash_fen\` bigint not null default 0, modify \`points_applied_to_cash\` bigint not null default 0, modify \`points_value_fen\` bigint not null default 0;`,
    );
    this.addSql(
      `alter table \`order_line\` modify \`unit_points\` bigint not null, modify \`unit_fen\` bigint not null, modify \`supplier_price_fen\` bigint not null;`,
    );
    this.addSql(`alter table \`payment\` modify \`amount_fen\` bigint not null;`);
    this.addSql(
      `alter table \`refund\` modify \`points_refunded\` bigint not null default 0, modify \`cash_refund_fen\` bigint not null default 0, modify \`points_value_fen\` bigint not null default 0;`,
    );
    this.addSql(`alter table \`settlement_line\` modify \`unit_supplier_price_fen\` bigint not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`customer_order\` modify \`total_points\` int not null default 0, modify \`cash_fen\` int not null default 0, modify \`points_applied_to_cash\` int not null default 0, modify \`points_value_fen\` int not null default 0;`,
    );
    this.addSql(
      `alter table \`order_line\` modify \`unit_points\` int not null, modify \`unit_fen\` int not null, modify \`supplier_price_fen\` int not null;`,
    );
    this.addSql(`alter table \`payment\` modify \`amount_fen\` int not null;`);
    this.addSql(
      `alter table \`refund\` modify \`points_refunded\` int not null default 0, modify \`cash_refund_fen\` int not null default 0, modify \`points_value_fen\` int not null default 0;`,
    );
    this.addSql(`alter table \`settlement_line\` modify \`unit_supplier_price_fen\` int not null;`);
  }
}
