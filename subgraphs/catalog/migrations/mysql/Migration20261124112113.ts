import { Migration } from '@mikro-orm/migrations';

// Generated, then trimmed to the stock_return table: the generator also proposed no-op changes to
// JSON and enum columns that MariaDB reports differently from how MikroORM declares them.
export class Migration20261124112113 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`stock_return\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` varchar(64) not null, \`refund_id\` varchar(64) not null, \`sku_id\` int not null, \`quantity\` int not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`stock_return\` add unique \`stock_return_once\`(\`order_id\`, \`refund_id\`, \`sku_id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`stock_return\`;`);
  }
}
