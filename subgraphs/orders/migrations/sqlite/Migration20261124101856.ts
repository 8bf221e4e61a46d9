import { Migration } from '@mikro-orm/migrations';

export class Migration20261124101856 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`customer_order\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`mall_id\` integer not null, \`customer_id\` integer not null, \`status\` text check (\`status\` in ('PENDING_PAYMENT', 'PAID', 'CANCELLED', 'COMPLETED')) not null, \`total_points\` integer not null default 0, \`total_fen\` integer not null default 0, \`created_at\` datetime not null);`);
    this.addSql(`create index \`customer_order_bank_id_index\` on \`customer_order\` (\`bank_id\`);`);
    this.addSql(`create index \`order_customer_newest\` on \`customer_order\` (\`customer_id\`, \`id\`);`);
  }

}
