import { Migration } from '@mikro-orm/migrations';

export class Migration20261124101856 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`customer_order\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`mall_id\` int not null, \`customer_id\` int not null, \`status\` enum('PENDING_PAYMENT', 'PAID', 'CANCELLED', 'COMPLETED') not null, \`total_points\` int not null default 0, \`total_fen\` int not null default 0, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`customer_order\` add index \`customer_order_bank_id_index\`(\`bank_id\`);`);
    this.addSql(`alter table \`customer_order\` add index \`order_customer_newest\`(\`customer_id\`, \`id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`customer_order\`;`);
  }

}
