import { Migration } from '@mikro-orm/migrations';

export class Migration20261124101858 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`carrier\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`callback_secret\` text not null);`);
    this.addSql(`create unique index \`carrier_code_unique\` on \`carrier\` (\`code\`);`);
  }

}
