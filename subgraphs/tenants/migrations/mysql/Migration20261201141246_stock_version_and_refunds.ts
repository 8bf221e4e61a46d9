import { Migration } from '@mikro-orm/migrations';

export class Migration20261201141246_stock_version_and_refunds extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`listing_sales_refund\` (\`refund_id\` int unsigned not null, \`order_id\` int not null, \`pending_units\` text null, \`recorded_at\` datetime not null, primary key (\`refund_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`listing_sales_refund\` add index \`listing_sales_refund_order\`(\`order_id\`);`);

    this.addSql(`alter table \`listing\` add \`in_stock_version\` int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`listing_sales_refund\`;`);

    this.addSql(`alter table \`listing\` drop column \`in_stock_version\`;`);
  }
}
