import { Migration } from '@mikro-orm/migrations';

export class Migration20261124104018 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`bank_event\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`customer_id\` int not null, \`product\` varchar(64) not null, \`amount_fen\` bigint not null, \`merchant_category\` varchar(16) null, \`occurred_at\` datetime not null, \`idempotency_key\` varchar(128) not null, \`points_awarded\` int not null default 0, \`tier_points_awarded\` int not null default 0, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`bank_event\` add unique \`bank_event_idempotency\`(\`bank_id\`, \`idempotency_key\`);`);

    this.addSql(
      `create table \`earn_rule\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`name\` varchar(200) not null, \`kind\` enum('PRODUCT_RATE', 'CARD_SPEND') not null, \`track\` enum('REDEEMABLE', 'TIER') not null, \`product\` varchar(64) not null, \`segment_id\` int null, \`window_start\` datetime null, \`window_end\` datetime null, \`rate_basis_points\` int not null default 0, \`points_per_yuan\` int not null default 0, \`excluded_merchant_categories\` json not null, \`payout\` enum('IMMEDIATE', 'MONTHLY') not null default 'IMMEDIATE', \`installments\` int not null default 1, \`budget_total\` int null, \`budget_used\` int not null default 0, \`validity_days\` int null, \`status\` enum('ACTIVE', 'PAUSED') not null default 'ACTIVE', \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`earn_rule\` add index \`earn_rule_match\`(\`bank_id\`, \`product\`, \`status\`);`);

    this.addSql(
      `create table \`outbox_message\` (\`id\` int unsigned not null auto_increment primary key, \`topic\` varchar(100) not null, \`payload\` json not null, \`dedupe_key\` varchar(190) null, \`created_at\` datetime not null, \`attempts\` int not null default 0, \`next_attempt_at\` datetime not null, \`claimed_until\` datetime null, \`delivered_at\` datetime null, \`last_error\` varchar(500) null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`outbox_message\` add unique \`outbox_message_dedupe_key_unique\`(\`dedupe_key\`);`);
    this.addSql(`alter table \`outbox_message\` add index \`outbox_due\`(\`delivered_at\`, \`next_attempt_at\`);`);

    this.addSql(
      `create table \`points_account\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`customer_id\` int not null, \`redeemable\` int not null default 0, \`held\` int not null default 0, \`tier_points\` int not null default 0, \`tier_name\` varchar(64) null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`points_account\` add index \`points_account_bank_id_index\`(\`bank_id\`);`);
    this.addSql(`alter table \`points_account\` add unique \`points_account_customer_id_unique\`(\`customer_id\`);`);

    this.addSql(
      `create table \`points_hold\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` varchar(64) not null, \`account_id\` int not null, \`bank_id\` int not null, \`customer_id\` int not null, \`amount\` int not null, \`state\` enum('HELD', 'CAPTURED', 'RELEASED') not null, \`refunded\` int not null default 0, \`created_at\` datetime not null, \`settled_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`points_hold\` add unique \`points_hold_order_id_unique\`(\`order_id\`);`);

    this.addSql(
      `create table \`points_hold_allocation\` (\`id\` int unsigned not null auto_increment primary key, \`hold_id\` int not null, \`lot_id\` int not null, \`amount\` int not null, \`returned\` int not null default 0) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`points_ledger_entry\` (\`id\` int unsigned not null auto_increment primary key, \`account_id\` int not null, \`bank_id\` int not null, \`type\` enum('EARN', 'HOLD', 'CAPTURE', 'RELEASE', 'REFUND', 'EXPIRE', 'ADJUST') not null, \`track\` enum('REDEEMABLE', 'TIER') not null, \`amount\` int not null, \`held_delta\` int not null default 0, \`source\` varchar(200) not null, \`idempotency_key\` varchar(190) not null, \`reason\` varchar(300) null, \`occurred_at\` datetime not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`points_ledger_entry\` add index \`points_ledger_entry_bank_id_index\`(\`bank_id\`);`);
    this.addSql(
      `alter table \`points_ledger_entry\` add unique \`points_ledger_entry_idempotency_key_unique\`(\`idempotency_key\`);`,
    );
    this.addSql(`alter table \`points_ledger_entry\` add index \`ledger_account_newest\`(\`account_id\`, \`id\`);`);

    this.addSql(
      `create table \`points_lot\` (\`id\` int unsigned not null auto_increment primary key, \`account_id\` int not null, \`amount\` int not null, \`remaining\` int not null, \`earned_at\` datetime not null, \`expires_at\` datetime null, \`entry_id\` int not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`points_lot\` add index \`lot_expiry_due\`(\`expires_at\`, \`remaining\`);`);
    this.addSql(`alter table \`points_lot\` add index \`lot_account_fefo\`(\`account_id\`, \`expires_at\`, \`id\`);`);

    this.addSql(
      `create table \`scheduled_payout\` (\`id\` int unsigned not null auto_increment primary key, \`event_id\` int not null, \`rule_id\` int not null, \`account_id\` int not null, \`installment\` int not null, \`points\` int not null, \`due_at\` datetime not null, \`paid_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`scheduled_payout\` add unique \`payout_installment\`(\`event_id\`, \`rule_id\`, \`installment\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`bank_event\`;`);

    this.addSql(`drop table if exists \`earn_rule\`;`);

    this.addSql(`drop table if exists \`outbox_message\`;`);

    this.addSql(`drop table if exists \`points_account\`;`);

    this.addSql(`drop table if exists \`points_hold\`;`);

    this.addSql(`drop table if exists \`points_hold_allocation\`;`);

    this.addSql(`drop table if exists \`points_ledger_entry\`;`);

    this.addSql(`drop table if exists \`points_lot\`;`);

    this.addSql(`drop table if exists \`scheduled_payout\`;`);
  }
}
