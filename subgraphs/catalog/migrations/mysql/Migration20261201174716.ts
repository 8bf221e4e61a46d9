import { Migration } from '@mikro-orm/migrations';

export class Migration20261201174716 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`virtual_card_code\` add index \`virtual_card_code_issued\`(\`kind_id\`, \`issued_at\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`virtual_card_code\` drop index \`virtual_card_code_issued\`;`);
  }
}
