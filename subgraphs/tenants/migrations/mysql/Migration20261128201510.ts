import { Migration } from '@mikro-orm/migrations';

/** Listings follow whether their SKU is on sale (generated; trimmed of the dialect's no-op JSON/enum noise). */
export class Migration20261128201510 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`listing\` add \`sku_on_sale\` tinyint(1) not null default true;`);
    this.addSql(`alter table \`listing\` add index \`listing_sku\`(\`sku_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`listing\` drop index \`listing_sku\`;`);
    this.addSql(`alter table \`listing\` drop column \`sku_on_sale\`;`);
  }
}
