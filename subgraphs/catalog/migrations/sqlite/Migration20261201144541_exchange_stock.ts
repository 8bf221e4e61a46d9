import { Migration } from '@mikro-orm/migrations';

export class Migration20261201144541_exchange_stock extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`exchange_stock_move\` (\`id\` integer not null primary key autoincrement, \`return_request_id\` integer not null, \`sku_id\` integer not null, \`kind\` text check (\`kind\` in ('REPLACEMENT_TAKEN', 'RETURN_RESOLD')) not null, \`quantity\` integer not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`exchange_stock_move_once\` on \`exchange_stock_move\` (\`return_request_id\`, \`sku_id\`, \`kind\`);`,
    );
  }
}
