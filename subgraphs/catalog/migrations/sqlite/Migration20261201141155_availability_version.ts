import { Migration } from '@mikro-orm/migrations';

export class Migration20261201141155_availability_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`stock\` add column \`availability_version\` integer not null default 0;`);

    this.addSql(`alter table \`virtual_card_kind\` add column \`availability_version\` integer not null default 0;`);
  }
}
