import { Migration } from '@mikro-orm/migrations';

/** Refunds: the bank's cash payout, and indexes for suppliers' and banks' refund lists (generated; trimmed of table rebuilds that change nothing). */
export class Migration20261128205116 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`refund\` add column \`cash_paid_out_at\` datetime null;`);
    this.addSql(`alter table \`refund\` add column \`cash_payout_ref\` text null;`);
    this.addSql(`create index \`refund_supplier_state\` on \`refund\` (\`supplier_id\`, \`state\`, \`id\`);`);
    this.addSql(`create index \`refund_bank\` on \`refund\` (\`bank_id\`, \`id\`);`);
  }
}
