import { Migration } from '@mikro-orm/migrations';

/** Each order keeps its bank's time zone (report days, settlement month) (generated; trimmed of table rebuilds that change nothing). */
export class Migration20261130041240 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`customer_order\` add column \`time_zone\` text not null default 'Asia/Shanghai';`);
  }
}
