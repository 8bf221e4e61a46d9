import { Migration } from '@mikro-orm/migrations';

/** Fulfilments can be cancelled before anything ships (generated; trimmed of MariaDB's no-op JSON/enum noise). */
export class Migration20261128200057 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`fulfilment\` add \`cancelled_at\` datetime null;`);
    this.addSql(
      `alter table \`fulfilment\` modify \`status\` enum('OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'CANCELLED') not null default 'OPEN';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`fulfilment\` drop column \`cancelled_at\`;`);
    this.addSql(
      `alter table \`fulfilment\` modify \`status\` enum('OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED') not null default 'OPEN';`,
    );
  }
}
