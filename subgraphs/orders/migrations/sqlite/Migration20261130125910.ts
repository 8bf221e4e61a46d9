import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125910 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists \`payment\`;`);

    this.addSql(`create unique index \`order_payment_ref\` on \`customer_order\` (\`bank_id\`, \`payment_ref\`);`);
  }
}
