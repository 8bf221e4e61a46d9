import { Migration } from '@mikro-orm/migrations';

/** Recovery attempts and backoff per order and per refund (generated; trimmed of table rebuilds that changed nothing). */
export class Migration20261128202105 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`customer_order\` add column \`recovery_attempts\` integer not null default 0;`);
    this.addSql(`alter table \`customer_order\` add column \`next_recovery_at\` datetime null;`);
    this.addSql(`create index \`order_recovery_due\` on \`customer_order\` (\`status\`, \`next_recovery_at\`);`);
    this.addSql(`alter table \`refund\` add column \`settle_attempts\` integer not null default 0;`);
    this.addSql(`alter table \`refund\` add column \`next_settle_at\` datetime null;`);
  }
}
