import { Migration } from '@mikro-orm/migrations';

export class Migration20261201174717 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index \`virtual_card_code_issued\` on \`virtual_card_code\` (\`kind_id\`, \`issued_at\`);`);
  }
}
