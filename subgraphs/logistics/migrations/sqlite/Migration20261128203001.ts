import { Migration } from '@mikro-orm/migrations';

/** Carriers managed by the platform: sealed callback secrets, rotation with overlap, active flag. */
export class Migration20261128203001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`carrier\` rename column \`callback_secret\` to \`secret_sealed\`;`);
    this.addSql(`alter table \`carrier\` add column \`active\` integer not null default true;`);
    this.addSql(`alter table \`carrier\` add column \`previous_secret_sealed\` text null;`);
    this.addSql(`alter table \`carrier\` add column \`previous_secret_until\` datetime null;`);
  }
}
