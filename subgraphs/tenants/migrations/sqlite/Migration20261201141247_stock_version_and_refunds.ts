import { Migration } from '@mikro-orm/migrations';

export class Migration20261201141247_stock_version_and_refunds extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`listing_sales_refund\` (\`refund_id\` integer not null, \`order_id\` integer not null, \`pending_units\` text null, \`recorded_at\` datetime not null, primary key (\`refund_id\`));`,
    );
    this.addSql(`create index \`listing_sales_refund_order\` on \`listing_sales_refund\` (\`order_id\`);`);

    this.addSql(`alter table \`listing\` add column \`in_stock_version\` integer not null default 0;`);
  }
}
