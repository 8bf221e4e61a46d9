import { Migration } from '@mikro-orm/migrations';

export class Migration20261201173642 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`campaign\` add column \`supplier_share_bp\` integer not null default 0;`);
  }
}
