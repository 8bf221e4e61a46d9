import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105517_fulfilment_withdrawals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`fulfilment_withdrawal\` (\`id\` int unsigned not null auto_increment primary key, \`withdrawal_key\` varchar(64) not null, \`fulfilment_id\` int not null, \`lines\` json not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`fulfilment_withdrawal\` add unique \`fulfilment_withdrawal_withdrawal_key_unique\`(\`withdrawal_key\`);`,
    );
    this.addSql(
      `alter table \`fulfilment_withdrawal\` add index \`fulfilment_withdrawal_fulfilment_id_index\`(\`fulfilment_id\`);`,
    );

    this.addSql(`alter table \`fulfilment_line\` add \`withdrawn_quantity\` int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`fulfilment_withdrawal\`;`);

    this.addSql(`alter table \`fulfilment_line\` drop column \`withdrawn_quantity\`;`);
  }
}
