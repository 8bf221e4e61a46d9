import { Migration } from '@mikro-orm/migrations';

export class Migration20261201120707_refund_causes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`refund__temp_alter\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`supplier_order_id\` integer not null, \`bank_id\` integer not null, \`supplier_id\` integer not null, \`lines\` json not null, \`reason\` text not null, \`restock\` integer not null default false, \`cause\` text check (\`cause\` in ('CUSTOMER', 'DELIVERY_FAILED', 'SUPPLIER_CANCELLED', 'WITHDRAWN', 'RETURN')) not null default 'CUSTOMER', \`requested_by\` text check (\`requested_by\` in ('CUSTOMER', 'CUSTOMER_SERVICE', 'SUPPLIER', 'PLATFORM', 'SYSTEM')) not null default 'CUSTOMER', \`requester\` text null, \`withdrawal_key\` text null, \`state\` text check (\`state\` in ('REQUESTED', 'APPROVED', 'REJECTED')) not null, \`points_refunded\` bigint not null default 0, \`cash_refund_fen\` bigint not null default 0, \`shipping_refund_fen\` integer not null default 0, \`voucher_return_fen\` bigint not null default 0, \`points_value_fen\` bigint not null default 0, \`remote_settled\` integer not null default false, \`settle_attempts\` integer not null default 0, \`next_settle_at\` datetime null, \`cash_paid_out_at\` datetime null, \`cash_payout_ref\` text null, \`created_at\` datetime not null, \`decided_at\` datetime null, \`decided_by\` text null, \`rejection_reason\` text null);`,
    );
    this.addSql(
      `insert into \`refund__temp_alter\` select \`id\`, \`order_id\`, \`supplier_order_id\`, \`bank_id\`, \`supplier_id\`, \`lines\`, \`reason\`, \`restock\`, \`cause\`, \`requested_by\`, \`requester\`, \`withdrawal_key\`, \`state\`, \`points_refunded\`, \`cash_refund_fen\`, \`shipping_refund_fen\`, \`voucher_return_fen\`, \`points_value_fen\`, \`remote_settled\`, \`settle_attempts\`, \`next_settle_at\`, \`cash_paid_out_at\`, \`cash_payout_ref\`, \`created_at\`, \`decided_at\`, \`decided_by\`, \`rejection_reason\` from \`refund\`;`,
    );
    this.addSql(`drop table \`refund\`;`);
    this.addSql(`alter table \`refund__temp_alter\` rename to \`refund\`;`);
    this.addSql(`create index \`refund_order_id_index\` on \`refund\` (\`order_id\`);`);
    this.addSql(`create index \`refund_supplier_order_id_index\` on \`refund\` (\`supplier_order_id\`);`);
    this.addSql(`create unique index \`refund_withdrawal_key_unique\` on \`refund\` (\`withdrawal_key\`);`);
    this.addSql(`create index \`refund_supplier_decided\` on \`refund\` (\`supplier_id\`, \`state\`, \`decided_at\`);`);
    this.addSql(`create index \`refund_supplier_state\` on \`refund\` (\`supplier_id\`, \`state\`, \`id\`);`);
    this.addSql(`create index \`refund_bank\` on \`refund\` (\`bank_id\`, \`id\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }
}
