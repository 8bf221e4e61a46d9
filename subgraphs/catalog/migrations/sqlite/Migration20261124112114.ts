import { Migration } from '@mikro-orm/migrations';

// Generated, then trimmed to the stock_return table: the generator also proposed no-op changes to
// JSON and enum columns that MariaDB reports differently from how MikroORM declares them.
export class Migration20261124112114 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`stock_return\` (\`id\` integer not null primary key autoincrement, \`order_id\` text not null, \`refund_id\` text not null, \`sku_id\` integer not null, \`quantity\` integer not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`stock_return_once\` on \`stock_return\` (\`order_id\`, \`refund_id\`, \`sku_id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`stock_return\`;`);
  }
}
