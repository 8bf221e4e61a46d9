import { Migration } from '@mikro-orm/migrations';

export class Migration20261124110905 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`issued_code\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`order_line_id\` integer not null, \`customer_id\` integer not null, \`sku_id\` integer not null, \`code_id\` integer not null, \`expires_at\` datetime null, \`issued_at\` datetime not null);`,
    );
    this.addSql(`create index \`issued_code_order_id_index\` on \`issued_code\` (\`order_id\`);`);
    this.addSql(`create unique index \`issued_code_code_id_unique\` on \`issued_code\` (\`code_id\`);`);

    this.addSql(
      `create table \`report_listing_day\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`mall_id\` integer not null, \`listing_id\` integer not null, \`day\` text not null, \`quantity\` integer not null default 0, \`points_value_fen\` bigint not null default 0);`,
    );
    this.addSql(
      `create unique index \`report_listing_day_bank_id_listing_id_day_unique\` on \`report_listing_day\` (\`bank_id\`, \`listing_id\`, \`day\`);`,
    );

    this.addSql(
      `create table \`report_mall_hour\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`mall_id\` integer not null, \`hour\` datetime not null, \`orders\` integer not null default 0, \`gmv_cash_fen\` bigint not null default 0, \`gmv_points_value_fen\` bigint not null default 0, \`points_redeemed\` bigint not null default 0);`,
    );
    this.addSql(
      `create unique index \`report_mall_hour_bank_id_mall_id_hour_unique\` on \`report_mall_hour\` (\`bank_id\`, \`mall_id\`, \`hour\`);`,
    );

    this.addSql(
      `create table \`customer_order\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`mall_id\` integer not null, \`customer_id\` integer not null, \`partner_app_id\` integer null, \`idempotency_key\` text not null, \`status\` text check (\`status\` in ('PENDING', 'PENDING_PAYMENT', 'PAID', 'COMPLETED', 'FAILED', 'CANCELLED')) not null, \`total_points\` integer not null default 0, \`cash_fen\` integer not null default 0, \`points_applied_to_cash\` integer not null default 0, \`points_value_fen\` integer not null default 0, \`shipping_address\` json null, \`stock_reserved\` integer not null default false, \`points_held\` integer not null default false, \`confirmed\` integer not null default false, \`compensated\` integer not null default false, \`failure_reason\` text null, \`payment_ref\` text null, \`payment_due_at\` datetime null, \`paid_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(`create index \`order_status_updated\` on \`customer_order\` (\`status\`, \`updated_at\`);`);
    this.addSql(`create index \`order_bank_newest\` on \`customer_order\` (\`bank_id\`, \`id\`);`);
    this.addSql(`create index \`order_customer_newest\` on \`customer_order\` (\`customer_id\`, \`id\`);`);
    this.addSql(
      `create unique index \`order_idempotency\` on \`customer_order\` (\`customer_id\`, \`idempotency_key\`);`,
    );

    this.addSql(
      `create table \`order_line\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`supplier_order_id\` integer not null, \`listing_id\` integer not null, \`sku_id\` integer not null, \`supplier_id\` integer not null, \`kind\` text check (\`kind\` in ('PHYSICAL', 'VIRTUAL')) not null, \`title\` text not null, \`quantity\` integer not null, \`unit_points\` integer not null, \`unit_fen\` integer not null, \`supplier_price_fen\` integer not null, \`campaign_id\` integer null, \`refunded_quantity\` integer not null default 0);`,
    );
    this.addSql(`create index \`order_line_order_id_index\` on \`order_line\` (\`order_id\`);`);
    this.addSql(`create index \`order_line_supplier_order_id_index\` on \`order_line\` (\`supplier_order_id\`);`);

    this.addSql(
      `create table \`outbox_message\` (\`id\` integer not null primary key autoincrement, \`topic\` text not null, \`payload\` json not null, \`dedupe_key\` text null, \`created_at\` datetime not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`claimed_until\` datetime null, \`delivered_at\` datetime null, \`last_error\` text null);`,
    );
    this.addSql(`create unique index \`outbox_message_dedupe_key_unique\` on \`outbox_message\` (\`dedupe_key\`);`);
    this.addSql(`create index \`outbox_due\` on \`outbox_message\` (\`delivered_at\`, \`next_attempt_at\`);`);

    this.addSql(
      `create table \`payment\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`bank_id\` integer not null, \`payment_ref\` text not null, \`amount_fen\` integer not null, \`confirmed_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`payment_order_id_unique\` on \`payment\` (\`order_id\`);`);
    this.addSql(
      `create unique index \`payment_bank_id_payment_ref_unique\` on \`payment\` (\`bank_id\`, \`payment_ref\`);`,
    );

    this.addSql(
      `create table \`purchase_counter\` (\`customer_id\` integer not null, \`listing_id\` integer not null, \`quantity\` integer not null default 0, primary key (\`customer_id\`, \`listing_id\`));`,
    );

    this.addSql(
      `create table \`refund\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`supplier_order_id\` integer not null, \`bank_id\` integer not null, \`supplier_id\` integer not null, \`lines\` json not null, \`reason\` text not null, \`restock\` integer not null default false, \`state\` text check (\`state\` in ('REQUESTED', 'APPROVED', 'REJECTED')) not null, \`points_refunded\` integer not null default 0, \`cash_refund_fen\` integer not null default 0, \`remote_settled\` integer not null default false, \`created_at\` datetime not null, \`decided_at\` datetime null);`,
    );
    this.addSql(`create index \`refund_order_id_index\` on \`refund\` (\`order_id\`);`);
    this.addSql(`create index \`refund_supplier_order_id_index\` on \`refund\` (\`supplier_order_id\`);`);

    this.addSql(
      `create table \`settlement_line\` (\`id\` integer not null primary key autoincrement, \`statement_id\` integer not null, \`source_key\` text not null, \`kind\` text check (\`kind\` in ('DELIVERY', 'REFUND')) not null, \`order_id\` integer not null, \`order_line_id\` integer not null, \`quantity\` integer not null, \`unit_supplier_price_fen\` integer not null, \`amount_fen\` integer not null, \`occurred_at\` datetime not null);`,
    );
    this.addSql(`create index \`settlement_line_statement_id_index\` on \`settlement_line\` (\`statement_id\`);`);
    this.addSql(`create unique index \`settlement_line_source_key_unique\` on \`settlement_line\` (\`source_key\`);`);

    this.addSql(
      `create table \`settlement_statement\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`supplier_id\` integer not null, \`period\` text not null, \`status\` text check (\`status\` in ('OPEN', 'SETTLED')) not null default 'OPEN', \`total_fen\` integer not null default 0, \`settled_at\` datetime null);`,
    );
    this.addSql(
      `create unique index \`settlement_statement_bank_id_supplier_id_period_unique\` on \`settlement_statement\` (\`bank_id\`, \`supplier_id\`, \`period\`);`,
    );

    this.addSql(
      `create table \`report_supplier_day\` (\`id\` integer not null primary key autoincrement, \`supplier_id\` integer not null, \`day\` text not null, \`orders\` integer not null default 0, \`units\` integer not null default 0, \`sales_fen\` bigint not null default 0);`,
    );
    this.addSql(
      `create unique index \`report_supplier_day_supplier_id_day_unique\` on \`report_supplier_day\` (\`supplier_id\`, \`day\`);`,
    );

    this.addSql(
      `create table \`supplier_order\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`supplier_id\` integer not null, \`bank_id\` integer not null, \`customer_id\` integer not null, \`status\` text check (\`status\` in ('PENDING_PAYMENT', 'PAID', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'FAILED')) not null, \`delivered_at\` datetime null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create index \`supplier_order_queue\` on \`supplier_order\` (\`supplier_id\`, \`status\`, \`id\`);`);
    this.addSql(
      `create unique index \`supplier_order_order_id_supplier_id_unique\` on \`supplier_order\` (\`order_id\`, \`supplier_id\`);`,
    );
  }
}
