import { Migration } from '@mikro-orm/migrations';

export class Migration20261130155755_refund_decision extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`refund\` add \`decided_by\` varchar(128) null, add \`rejection_reason\` varchar(500) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`refund\` drop column \`decided_by\`, drop column \`rejection_reason\`;`);
  }
}
