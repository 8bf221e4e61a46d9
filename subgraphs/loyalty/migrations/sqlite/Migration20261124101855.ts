import { Migration } from '@mikro-orm/migrations';

export class Migration20261124101855 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`points_account\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`customer_id\` integer not null, \`redeemable\` integer not null default 0, \`held\` integer not null default 0, \`tier_points\` integer not null default 0, \`updated_at\` datetime not null);`);
    this.addSql(`create index \`points_account_bank_id_index\` on \`points_account\` (\`bank_id\`);`);
    this.addSql(`create unique index \`points_account_customer_id_unique\` on \`points_account\` (\`customer_id\`);`);
  }

}
