import { Migration } from '@mikro-orm/migrations';

export class Migration20261201144541_exchange_stock extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`exchange_stock_move\` (\`id\` int unsigned not null auto_increment primary key, \`return_request_id\` int not null, \`sku_id\` int not null, \`kind\` enum('REPLACEMENT_TAKEN', 'RETURN_RESOLD') not null, \`quantity\` int not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`exchange_stock_move\` add unique \`exchange_stock_move_once\`(\`return_request_id\`, \`sku_id\`, \`kind\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`exchange_stock_move\`;`);
  }
}
