import { Migration } from '@mikro-orm/migrations';

/** The bank's time zone (generated; trimmed of no-op JSON/enum changes). */
export class Migration20261130041244 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`bank\` add \`time_zone\` varchar(64) not null default 'Asia/Shanghai';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`bank\` drop column \`time_zone\`;`);
  }
}
