import { Migration } from '@mikro-orm/migrations';

export class Migration20261201173640 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`campaign\` add \`supplier_share_bp\` int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`campaign\` drop column \`supplier_share_bp\`;`);
  }
}
