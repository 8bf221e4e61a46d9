import { Migration } from '@mikro-orm/migrations';

export class Migration20261124101855 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`points_account\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`customer_id\` int not null, \`redeemable\` int not null default 0, \`held\` int not null default 0, \`tier_points\` int not null default 0, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`points_account\` add index \`points_account_bank_id_index\`(\`bank_id\`);`);
    this.addSql(`alter table \`points_account\` add unique \`points_account_customer_id_unique\`(\`customer_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`points_account\`;`);
  }

}
