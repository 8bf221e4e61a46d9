import { Migration } from '@mikro-orm/migrations';

export class Migration20261202013731 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`fulfilment\` add \`placed_at\` datetime null;`);
    // Fulfilments opened before orders sent the time placed: the time opened (paid), close to it.
    this.addSql(`update \`fulfilment\` set \`placed_at\` = \`opened_at\` where \`placed_at\` is null;`);
    this.addSql(
      `alter table \`fulfilment\` add index \`fulfilment_supplier_placed\`(\`supplier_id\`, \`status\`, \`placed_at\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`fulfilment\` drop index \`fulfilment_supplier_placed\`;`);
    this.addSql(`alter table \`fulfilment\` drop column \`placed_at\`;`);
  }
}
