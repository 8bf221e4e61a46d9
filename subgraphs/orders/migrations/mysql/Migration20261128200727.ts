import { Migration } from '@mikro-orm/migrations';

/** Each refund keeps the value of the points it returned (generated; trimmed of MariaDB's no-op JSON/enum noise). */
export class Migration20261128200727 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`refund\` add \`points_value_fen\` int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`refund\` drop column \`points_value_fen\`;`);
  }
}
