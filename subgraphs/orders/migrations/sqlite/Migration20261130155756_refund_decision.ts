import { Migration } from '@mikro-orm/migrations';

export class Migration20261130155756_refund_decision extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`refund\` add column \`decided_by\` text null;`);
    this.addSql(`alter table \`refund\` add column \`rejection_reason\` text null;`);
  }
}
