import { Migration } from '@mikro-orm/migrations';

export class Migration20261124104018 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`bank_event\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`customer_id\` integer not null, \`product\` text not null, \`amount_fen\` bigint not null, \`merchant_category\` text null, \`occurred_at\` datetime not null, \`idempotency_key\` text not null, \`points_awarded\` integer not null default 0, \`tier_points_awarded\` integer not null default 0, \`created_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`bank_event_idempotency\` on \`bank_event\` (\`bank_id\`, \`idempotency_key\`);`);

    this.addSql(
      `create table \`earn_rule\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`name\` text not null, \`kind\` text check (\`kind\` in ('PRODUCT_RATE', 'CARD_SPEND')) not null, \`track\` text check (\`track\` in ('REDEEMABLE', 'TIER')) not null, \`product\` text not null, \`segment_id\` integer null, \`window_start\` datetime null, \`window_end\` datetime null, \`rate_basis_points\` integer not null default 0, \`points_per_yuan\` integer not null default 0, \`excluded_merchant_categories\` json not null, \`payout\` text check (\`payout\` in ('IMMEDIATE', 'MONTHLY')) not null default 'IMMEDIATE', \`installments\` integer not null default 1, \`budget_total\` integer null, \`budget_used\` integer not null default 0, \`validity_days\` integer null, \`status\` text check (\`status\` in ('ACTIVE', 'PAUSED')) not null default 'ACTIVE', \`created_at\` datetime not null);`,
    );
    this.addSql(`create index \`earn_rule_match\` on \`earn_rule\` (\`bank_id\`, \`product\`, \`status\`);`);

    this.addSql(
      `create table \`outbox_message\` (\`id\` integer not null primary key autoincrement, \`topic\` text not null, \`payload\` json not null, \`dedupe_key\` text null, \`created_at\` datetime not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`claimed_until\` datetime null, \`delivered_at\` datetime null, \`last_error\` text null);`,
    );
    this.addSql(`create unique index \`outbox_message_dedupe_key_unique\` on \`outbox_message\` (\`dedupe_key\`);`);
    this.addSql(`create index \`outbox_due\` on \`outbox_message\` (\`delivered_at\`, \`next_attempt_at\`);`);

    this.addSql(
      `create table \`points_account\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`customer_id\` integer not null, \`redeemable\` integer not null default 0, \`held\` integer not null default 0, \`tier_points\` integer not null default 0, \`tier_name\` text null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create index \`points_account_bank_id_index\` on \`points_account\` (\`bank_id\`);`);
    this.addSql(`create unique index \`points_account_customer_id_unique\` on \`points_account\` (\`customer_id\`);`);

    this.addSql(
      `create table \`points_hold\` (\`id\` integer not null primary key autoincrement, \`order_id\` text not null, \`account_id\` integer not null, \`bank_id\` integer not null, \`customer_id\` integer not null, \`amount\` integer not null, \`state\` text check (\`state\` in ('HELD', 'CAPTURED', 'RELEASED')) not null, \`refunded\` integer not null default 0, \`created_at\` datetime not null, \`settled_at\` datetime null);`,
    );
    this.addSql(`create unique index \`points_hold_order_id_unique\` on \`points_hold\` (\`order_id\`);`);

    this.addSql(
      `create table \`points_hold_allocation\` (\`id\` integer not null primary key autoincrement, \`hold_id\` integer not null, \`lot_id\` integer not null, \`amount\` integer not null, \`returned\` integer not null default 0);`,
    );

    this.addSql(
      `create table \`points_ledger_entry\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`bank_id\` integer not null, \`type\` text check (\`type\` in ('EARN', 'HOLD', 'CAPTURE', 'RELEASE', 'REFUND', 'EXPIRE', 'ADJUST')) not null, \`track\` text check (\`track\` in ('REDEEMABLE', 'TIER')) not null, \`amount\` integer not null, \`held_delta\` integer not null default 0, \`source\` text not null, \`idempotency_key\` text not null, \`reason\` text null, \`occurred_at\` datetime not null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create index \`points_ledger_entry_bank_id_index\` on \`points_ledger_entry\` (\`bank_id\`);`);
    this.addSql(
      `create unique index \`points_ledger_entry_idempotency_key_unique\` on \`points_ledger_entry\` (\`idempotency_key\`);`,
    );
    this.addSql(`create index \`ledger_account_newest\` on \`points_ledger_entry\` (\`account_id\`, \`id\`);`);

    this.addSql(
      `create table \`points_lot\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`amount\` integer not null, \`remaining\` integer not null, \`earned_at\` datetime not null, \`expires_at\` datetime null, \`entry_id\` integer not null);`,
    );
    this.addSql(`create index \`lot_expiry_due\` on \`points_lot\` (\`expires_at\`, \`remaining\`);`);
    this.addSql(`create index \`lot_account_fefo\` on \`points_lot\` (\`account_id\`, \`expires_at\`, \`id\`);`);

    this.addSql(
      `create table \`scheduled_payout\` (\`id\` integer not null primary key autoincrement, \`event_id\` integer not null, \`rule_id\` integer not null, \`account_id\` integer not null, \`installment\` integer not null, \`points\` integer not null, \`due_at\` datetime not null, \`paid_at\` datetime null);`,
    );
    this.addSql(
      `create unique index \`payout_installment\` on \`scheduled_payout\` (\`event_id\`, \`rule_id\`, \`installment\`);`,
    );
  }
}
