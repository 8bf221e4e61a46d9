import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105224_price_guard extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`bank\` add \`price_guard_action\` enum('PAUSE', 'FLAG') not null default 'FLAG', add \`price_guard_min_margin_bp\` int not null default 0;`,
    );

    this.addSql(
      `alter table \`listing\` add \`price_guard\` enum('FLAGGED', 'PAUSED') null, add \`price_guard_supplier_price_fen\` bigint null, add \`price_guard_at\` datetime null;`,
    );
    this.addSql(`alter table \`listing\` add index \`listing_mall_price_guard\`(\`mall_id\`, \`price_guard\`);`);

    this.addSql(
      `alter table \`webhook_delivery\` modify \`event_type\` enum('ORDER_PAID', 'ORDER_DELIVERED', 'ORDER_REFUNDED', 'POINTS_EARNED', 'POINTS_SPENT', 'POINTS_EXPIRED', 'TIER_CHANGED', 'PERK_ISSUED', 'FINANCIAL_PERK_REQUESTED', 'LISTING_PRICE_GUARD') not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`webhook_delivery\` modify \`event_type\` enum('ORDER_PAID', 'ORDER_DELIVERED', 'ORDER_REFUNDED', 'POINTS_EARNED', 'POINTS_SPENT', 'POINTS_EXPIRED', 'TIER_CHANGED', 'PERK_ISSUED', 'FINANCIAL_PERK_REQUESTED') not null;`,
    );

    this.addSql(`alter table \`bank\` drop column \`price_guard_action\`, drop column \`price_guard_min_margin_bp\`;`);

    this.addSql(`alter table \`listing\` drop index \`listing_mall_price_guard\`;`);
    this.addSql(
      `alter table \`listing\` drop column \`price_guard\`, drop column \`price_guard_supplier_price_fen\`, drop column \`price_guard_at\`;`,
    );
  }
}
