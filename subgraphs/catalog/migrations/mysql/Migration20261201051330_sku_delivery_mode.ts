import { Migration } from '@mikro-orm/migrations';

export class Migration20261201051330_sku_delivery_mode extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`sku\` add \`delivery_mode\` enum('CODE_POOL', 'DIRECT_TOPUP', 'PARTNER_ISSUED', 'BANK_SYSTEM') null, add \`account_rule\` enum('MOBILE_CN', 'QQ_NUMBER', 'EMAIL', 'ACCOUNT_ID') null, add \`partner_product_code\` varchar(64) null;`,
    );
    // Every virtual SKU so far issues codes from a pool.
    this.addSql(`update \`sku\` set \`delivery_mode\` = 'CODE_POOL' where \`kind\` = 'VIRTUAL';`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`sku\` drop column \`delivery_mode\`, drop column \`account_rule\`, drop column \`partner_product_code\`;`,
    );
  }
}
