import { Migration } from '@mikro-orm/migrations';

/**
 * Fulfilments can be cancelled before anything ships. SQLite cannot alter a CHECK constraint, so
 * the table is rebuilt with the new status list (written by hand: the generator rebuilt other
 * tables for no change and missed this one).
 */
export class Migration20261128200058 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`fulfilment__temp_alter\` (\`id\` integer not null primary key autoincrement, \`supplier_order_id\` integer not null, \`order_id\` integer not null, \`bank_id\` integer not null, \`customer_id\` integer not null, \`supplier_id\` integer not null, \`status\` text check (\`status\` in ('OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'CANCELLED')) not null default 'OPEN', \`opened_at\` datetime not null, \`delivered_at\` datetime null, \`cancelled_at\` datetime null);`,
    );
    this.addSql(
      `insert into \`fulfilment__temp_alter\` select \`id\`, \`supplier_order_id\`, \`order_id\`, \`bank_id\`, \`customer_id\`, \`supplier_id\`, \`status\`, \`opened_at\`, \`delivered_at\`, null from \`fulfilment\`;`,
    );
    this.addSql(`drop table \`fulfilment\`;`);
    this.addSql(`alter table \`fulfilment__temp_alter\` rename to \`fulfilment\`;`);
    this.addSql(
      `create unique index \`fulfilment_supplier_order_id_unique\` on \`fulfilment\` (\`supplier_order_id\`);`,
    );
    this.addSql(`create index \`fulfilment_order_id_index\` on \`fulfilment\` (\`order_id\`);`);
    this.addSql(`create index \`fulfilment_supplier_queue\` on \`fulfilment\` (\`supplier_id\`, \`status\`, \`id\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }
}
