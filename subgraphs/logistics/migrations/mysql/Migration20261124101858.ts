import { Migration } from '@mikro-orm/migrations';

export class Migration20261124101858 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`carrier\` (\`id\` int unsigned not null auto_increment primary key, \`code\` varchar(32) not null, \`name\` varchar(120) not null, \`callback_secret\` varchar(128) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`carrier\` add unique \`carrier_code_unique\`(\`code\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`carrier\`;`);
  }

}
