import { Migration } from '@mikro-orm/migrations';

/** Each order keeps its bank's time zone (report days, settlement month) (generated; trimmed of no-op JSON/enum changes). */
export class Migration20261130041239 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`customer_order\` add \`time_zone\` varchar(64) not null default 'Asia/Shanghai';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`customer_order\` drop column \`time_zone\`;`);
  }
}
