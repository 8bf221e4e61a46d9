import { Migration } from '@mikro-orm/migrations';

/** Recovery attempts and backoff per order and per refund (generated; trimmed of MariaDB's no-op JSON/enum noise). */
export class Migration20261128202105 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`customer_order\` add \`recovery_attempts\` int not null default 0, add \`next_recovery_at\` datetime null;`,
    );
    this.addSql(`alter table \`customer_order\` add index \`order_recovery_due\`(\`status\`, \`next_recovery_at\`);`);
    this.addSql(
      `alter table \`refund\` add \`settle_attempts\` int not null default 0, add \`next_settle_at\` datetime null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`refund\` drop column \`settle_attempts\`, drop column \`next_settle_at\`;`);
    this.addSql(`alter table \`customer_order\` drop index \`order_recovery_due\`;`);
    this.addSql(`alter table \`customer_order\` drop column \`recovery_attempts\`, drop column \`next_recovery_at\`;`);
  }
}
