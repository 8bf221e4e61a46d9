import { Migration } from '@mikro-orm/migrations';

/** Carriers managed by the platform: sealed callback secrets, rotation with overlap, active flag. */
export class Migration20261128203000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`carrier\` change \`callback_secret\` \`secret_sealed\` varchar(255) not null;`);
    this.addSql(
      `alter table \`carrier\` add \`active\` tinyint(1) not null default true, add \`previous_secret_sealed\` varchar(255) null, add \`previous_secret_until\` datetime null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`carrier\` drop column \`active\`, drop column \`previous_secret_sealed\`, drop column \`previous_secret_until\`;`,
    );
    this.addSql(`alter table \`carrier\` change \`secret_sealed\` \`callback_secret\` varchar(128) not null;`);
  }
}
