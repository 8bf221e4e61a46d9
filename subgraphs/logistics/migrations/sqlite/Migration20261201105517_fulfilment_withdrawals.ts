import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105517_fulfilment_withdrawals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`fulfilment_withdrawal\` (\`id\` integer not null primary key autoincrement, \`withdrawal_key\` text not null, \`fulfilment_id\` integer not null, \`lines\` json not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`fulfilment_withdrawal_withdrawal_key_unique\` on \`fulfilment_withdrawal\` (\`withdrawal_key\`);`,
    );
    this.addSql(
      `create index \`fulfilment_withdrawal_fulfilment_id_index\` on \`fulfilment_withdrawal\` (\`fulfilment_id\`);`,
    );

    this.addSql(`alter table \`fulfilment_line\` add column \`withdrawn_quantity\` integer not null default 0;`);
  }
}
