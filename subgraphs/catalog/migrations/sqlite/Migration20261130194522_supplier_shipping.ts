import { Migration } from '@mikro-orm/migrations';

export class Migration20261130194522_supplier_shipping extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`supplier\` add column \`shipping_fee_fen\` integer not null default 0;`);
    this.addSql(`alter table \`supplier\` add column \`free_shipping_over_fen\` bigint null;`);
  }
}
