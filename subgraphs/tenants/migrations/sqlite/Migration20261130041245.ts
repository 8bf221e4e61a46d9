import { Migration } from '@mikro-orm/migrations';

/** The bank's time zone (generated; trimmed of table rebuilds that change nothing). */
export class Migration20261130041245 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`bank\` add column \`time_zone\` text not null default 'Asia/Shanghai';`);
  }
}
