import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125909 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists \`payment\`;`);

    this.addSql(`alter table \`customer_order\` add unique \`order_payment_ref\`(\`bank_id\`, \`payment_ref\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `create table \`payment\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int not null, \`bank_id\` int not null, \`payment_ref\` varchar(128) not null, \`amount_fen\` bigint not null, \`confirmed_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`payment\` add unique \`payment_bank_id_payment_ref_unique\`(\`bank_id\`, \`payment_ref\`);`,
    );
    this.addSql(`alter table \`payment\` add unique \`payment_order_id_unique\`(\`order_id\`);`);

    this.addSql(`alter table \`customer_order\` drop index \`order_payment_ref\`;`);
  }
}
