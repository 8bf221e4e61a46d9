import { Migration } from '@mikro-orm/migrations';

/** Each refund keeps the value of the points it returned (generated; trimmed of table rebuilds that changed nothing). */
export class Migration20261128200727 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`refund\` add column \`points_value_fen\` integer not null default 0;`);
  }
}
