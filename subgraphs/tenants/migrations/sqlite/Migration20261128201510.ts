import { Migration } from '@mikro-orm/migrations';

/** Listings follow whether their SKU is on sale (generated; trimmed of table rebuilds that change nothing). */
export class Migration20261128201510 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`listing\` add column \`sku_on_sale\` integer not null default true;`);
    this.addSql(`create index \`listing_sku\` on \`listing\` (\`sku_id\`);`);
  }
}
