import { Migration } from '@mikro-orm/migrations';

export class Migration20261202013731 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`fulfilment\` add column \`placed_at\` datetime null;`);
    // Fulfilments opened before orders sent the time placed: the time opened (paid), close to it.
    this.addSql(`update \`fulfilment\` set \`placed_at\` = \`opened_at\` where \`placed_at\` is null;`);
    this.addSql(
      `create index \`fulfilment_supplier_placed\` on \`fulfilment\` (\`supplier_id\`, \`status\`, \`placed_at\`);`,
    );
  }
}
