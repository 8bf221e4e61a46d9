import { Migration } from '@mikro-orm/migrations';

export class Migration20261201051330_sku_delivery_mode extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`sku\` add column \`delivery_mode\` text check (\`delivery_mode\` in ('CODE_POOL', 'DIRECT_TOPUP', 'PARTNER_ISSUED', 'BANK_SYSTEM')) null;`,
    );
    this.addSql(
      `alter table \`sku\` add column \`account_rule\` text check (\`account_rule\` in ('MOBILE_CN', 'QQ_NUMBER', 'EMAIL', 'ACCOUNT_ID')) null;`,
    );
    this.addSql(`alter table \`sku\` add column \`partner_product_code\` text null;`);
    // Every virtual SKU so far issues codes from a pool.
    this.addSql(`update \`sku\` set \`delivery_mode\` = 'CODE_POOL' where \`kind\` = 'VIRTUAL';`);
  }
}
