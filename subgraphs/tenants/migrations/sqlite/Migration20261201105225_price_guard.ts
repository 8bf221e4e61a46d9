import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105225_price_guard extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`bank\` add column \`price_guard_action\` text check (\`price_guard_action\` in ('PAUSE', 'FLAG')) not null default 'FLAG';`,
    );
    this.addSql(`alter table \`bank\` add column \`price_guard_min_margin_bp\` integer not null default 0;`);

    this.addSql(
      `alter table \`listing\` add column \`price_guard\` text check (\`price_guard\` in ('FLAGGED', 'PAUSED')) null;`,
    );
    this.addSql(`alter table \`listing\` add column \`price_guard_supplier_price_fen\` bigint null;`);
    this.addSql(`alter table \`listing\` add column \`price_guard_at\` datetime null;`);
    this.addSql(`create index \`listing_mall_price_guard\` on \`listing\` (\`mall_id\`, \`price_guard\`);`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`webhook_delivery__temp_alter\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`endpoint_id\` integer not null, \`event_id\` text not null, \`event_type\` text check (\`event_type\` in ('ORDER_PAID', 'ORDER_DELIVERED', 'ORDER_REFUNDED', 'POINTS_EARNED', 'POINTS_SPENT', 'POINTS_EXPIRED', 'TIER_CHANGED', 'PERK_ISSUED', 'FINANCIAL_PERK_REQUESTED', 'LISTING_PRICE_GUARD')) not null, \`payload\` text not null, \`status\` text check (\`status\` in ('PENDING', 'DELIVERED', 'FAILED')) not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`give_up_at\` datetime not null, \`claimed_until\` datetime null, \`claim_token\` text null, \`last_status_code\` integer null, \`last_error\` text null, \`delivered_at\` datetime null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`webhook_delivery__temp_alter\` select \`id\`, \`bank_id\`, \`endpoint_id\`, \`event_id\`, \`event_type\`, \`payload\`, \`status\`, \`attempts\`, \`next_attempt_at\`, \`give_up_at\`, \`claimed_until\`, \`claim_token\`, \`last_status_code\`, \`last_error\`, \`delivered_at\`, \`created_at\` from \`webhook_delivery\`;`,
    );
    this.addSql(`drop table \`webhook_delivery\`;`);
    this.addSql(`alter table \`webhook_delivery__temp_alter\` rename to \`webhook_delivery\`;`);
    this.addSql(`create index \`webhook_delivery_endpoint\` on \`webhook_delivery\` (\`endpoint_id\`, \`id\`);`);
    this.addSql(`create index \`webhook_delivery_bank\` on \`webhook_delivery\` (\`bank_id\`, \`id\`);`);
    this.addSql(`create index \`webhook_delivery_due\` on \`webhook_delivery\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(
      `create unique index \`webhook_delivery_event\` on \`webhook_delivery\` (\`endpoint_id\`, \`event_id\`);`,
    );
    this.addSql(`pragma foreign_keys = on;`);
  }
}
