import { Migration } from '@mikro-orm/migrations';

/** Refunds: the bank's cash payout, and indexes for suppliers' and banks' refund lists (generated; trimmed of no-op JSON/enum noise). */
export class Migration20261128205115 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`refund\` add \`cash_paid_out_at\` datetime null, add \`cash_payout_ref\` varchar(64) null;`,
    );
    this.addSql(`alter table \`refund\` add index \`refund_supplier_state\`(\`supplier_id\`, \`state\`, \`id\`);`);
    this.addSql(`alter table \`refund\` add index \`refund_bank\`(\`bank_id\`, \`id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`refund\` drop index \`refund_supplier_state\`;`);
    this.addSql(`alter table \`refund\` drop index \`refund_bank\`;`);
    this.addSql(`alter table \`refund\` drop column \`cash_paid_out_at\`, drop column \`cash_payout_ref\`;`);
  }
}
