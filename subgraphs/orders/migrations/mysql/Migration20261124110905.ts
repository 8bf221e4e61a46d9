import { Migration } from '@mikro-orm/migrations';

export class Migration20261124110905 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`issued_code\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int not null, \`order_line_id\` int not null, \`customer_id\` int not null, \`sku_id\` int not null, \`code_id\` int not null, \`expires_at\` datetime null, \`issued_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`issued_code\` add index \`issued_code_order_id_index\`(\`order_id\`);`);
    this.addSql(`alter table \`issued_code\` add unique \`issued_code_code_id_unique\`(\`code_id\`);`);

    this.addSql(
      `create table \`report_listing_day\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`mall_id\` int not null, \`listing_id\` int not null, \`day\` varchar(10) not null, \`quantity\` int not null default 0, \`points_value_fen\` bigint not null default 0) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`report_listing_day\` add unique \`report_listing_day_bank_id_listing_id_day_unique\`(\`bank_id\`, \`listing_id\`, \`day\`);`,
    );

    this.addSql(
      `create table \`report_mall_hour\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`mall_id\` int not null, \`hour\` datetime not null, \`orders\` int not null default 0, \`gmv_cash_fen\` bigint not null default 0, \`gmv_points_value_fen\` bigint not null default 0, \`points_redeemed\` bigint not null default 0) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`report_mall_hour\` add unique \`report_mall_hour_bank_id_mall_id_hour_unique\`(\`bank_id\`, \`mall_id\`, \`hour\`);`,
    );

    this.addSql(
      `create table \`customer_order\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`mall_id\` int not null, \`customer_id\` int not null, \`partner_app_id\` int null, \`idempotency_key\` varchar(128) not null, \`status\` enum('PENDING', 'PENDING_PAYMENT', 'PAID', 'COMPLETED', 'FAILED', 'CANCELLED') not null, \`total_points\` int not null default 0, \`cash_fen\` int not null default 0, \`points_applied_to_cash\` int not null default 0, \`points_value_fen\` int not null default 0, \`shipping_address\` json null, \`stock_reserved\` tinyint(1) not null default false, \`points_held\` tinyint(1) not null default false, \`confirmed\` tinyint(1) not null default false, \`compensated\` tinyint(1) not null default false, \`failure_reason\` varchar(300) null, \`payment_ref\` varchar(128) null, \`payment_due_at\` datetime null, \`paid_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`customer_order\` add index \`order_status_updated\`(\`status\`, \`updated_at\`);`);
    this.addSql(`alter table \`customer_order\` add index \`order_bank_newest\`(\`bank_id\`, \`id\`);`);
    this.addSql(`alter table \`customer_order\` add index \`order_customer_newest\`(\`customer_id\`, \`id\`);`);
    this.addSql(
      `alter table \`customer_order\` add unique \`order_idempotency\`(\`customer_id\`, \`idempotency_key\`);`,
    );

    this.addSql(
      `create table \`order_line\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int not null, \`supplier_order_id\` int not null, \`listing_id\` int not null, \`sku_id\` int not null, \`supplier_id\` int not null, \`kind\` enum('PHYSICAL', 'VIRTUAL') not null, \`title\` varchar(200) not null, \`quantity\` int not null, \`unit_points\` int not null, \`unit_fen\` int not null, \`supplier_price_fen\` int not null, \`campaign_id\` int null, \`refunded_quantity\` int not null default 0) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`order_line\` add index \`order_line_order_id_index\`(\`order_id\`);`);
    this.addSql(`alter table \`order_line\` add index \`order_line_supplier_order_id_index\`(\`supplier_order_id\`);`);

    this.addSql(
      `create table \`outbox_message\` (\`id\` int unsigned not null auto_increment primary key, \`topic\` varchar(100) not null, \`payload\` json not null, \`dedupe_key\` varchar(190) null, \`created_at\` datetime not null, \`attempts\` int not null default 0, \`next_attempt_at\` datetime not null, \`claimed_until\` datetime null, \`delivered_at\` datetime null, \`last_error\` varchar(500) null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`outbox_message\` add unique \`outbox_message_dedupe_key_unique\`(\`dedupe_key\`);`);
    this.addSql(`alter table \`outbox_message\` add index \`outbox_due\`(\`delivered_at\`, \`next_attempt_at\`);`);

    this.addSql(
      `create table \`payment\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int not null, \`bank_id\` int not null, \`payment_ref\` varchar(128) not null, \`amount_fen\` int not null, \`confirmed_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`payment\` add unique \`payment_order_id_unique\`(\`order_id\`);`);
    this.addSql(
      `alter table \`payment\` add unique \`payment_bank_id_payment_ref_unique\`(\`bank_id\`, \`payment_ref\`);`,
    );

    this.addSql(
      `create table \`purchase_counter\` (\`customer_id\` int unsigned not null, \`listing_id\` int unsigned not null, \`quantity\` int not null default 0, primary key (\`customer_id\`, \`listing_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`refund\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int not null, \`supplier_order_id\` int not null, \`bank_id\` int not null, \`supplier_id\` int not null, \`lines\` json not null, \`reason\` varchar(500) not null, \`restock\` tinyint(1) not null default false, \`state\` enum('REQUESTED', 'APPROVED', 'REJECTED') not null, \`points_refunded\` int not null default 0, \`cash_refund_fen\` int not null default 0, \`remote_settled\` tinyint(1) not null default false, \`created_at\` datetime not null, \`decided_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`refund\` add index \`refund_order_id_index\`(\`order_id\`);`);
    this.addSql(`alter table \`refund\` add index \`refund_supplier_order_id_index\`(\`supplier_order_id\`);`);

    this.addSql(
      `create table \`settlement_line\` (\`id\` int unsigned not null auto_increment primary key, \`statement_id\` int not null, \`source_key\` varchar(100) not null, \`kind\` enum('DELIVERY', 'REFUND') not null, \`order_id\` int not null, \`order_line_id\` int not null, \`quantity\` int not null, \`unit_supplier_price_fen\` int not null, \`amount_fen\` int not null, \`occurred_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`settlement_line\` add index \`settlement_line_statement_id_index\`(\`statement_id\`);`);
    this.addSql(`alter table \`settlement_line\` add unique \`settlement_line_source_key_unique\`(\`source_key\`);`);

    this.addSql(
      `create table \`settlement_statement\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`supplier_id\` int not null, \`period\` varchar(7) not null, \`status\` enum('OPEN', 'SETTLED') not null default 'OPEN', \`total_fen\` int not null default 0, \`settled_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`settlement_statement\` add unique \`settlement_statement_bank_id_supplier_id_period_unique\`(\`bank_id\`, \`supplier_id\`, \`period\`);`,
    );

    this.addSql(
      `create table \`report_supplier_day\` (\`id\` int unsigned not null auto_increment primary key, \`supplier_id\` int not null, \`day\` varchar(10) not null, \`orders\` int not null default 0, \`units\` int not null default 0, \`sales_fen\` bigint not null default 0) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`report_supplier_day\` add unique \`report_supplier_day_supplier_id_day_unique\`(\`supplier_id\`, \`day\`);`,
    );

    this.addSql(
      `create table \`supplier_order\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int not null, \`supplier_id\` int not null, \`bank_id\` int not null, \`customer_id\` int not null, \`status\` enum('PENDING_PAYMENT', 'PAID', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'FAILED') not null, \`delivered_at\` datetime null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`supplier_order\` add index \`supplier_order_queue\`(\`supplier_id\`, \`status\`, \`id\`);`,
    );
    this.addSql(
      `alter table \`supplier_order\` add unique \`supplier_order_order_id_supplier_id_unique\`(\`order_id\`, \`supplier_id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`issued_code\`;`);

    this.addSql(`drop table if exists \`report_listing_day\`;`);

    this.addSql(`drop table if exists \`report_mall_hour\`;`);

    this.addSql(`drop table if exists \`customer_order\`;`);

    this.addSql(`drop table if exists \`order_line\`;`);

    this.addSql(`drop table if exists \`outbox_message\`;`);

    this.addSql(`drop table if exists \`payment\`;`);

    this.addSql(`drop table if exists \`purchase_counter\`;`);

    this.addSql(`drop table if exists \`refund\`;`);

    this.addSql(`drop table if exists \`settlement_line\`;`);

    this.addSql(`drop table if exists \`settlement_statement\`;`);

    this.addSql(`drop table if exists \`report_supplier_day\`;`);

    this.addSql(`drop table if exists \`supplier_order\`;`);
  }
}
