import { Migration } from '@mikro-orm/migrations';

export class Migration20261201141154_availability_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`stock\` add \`availability_version\` int not null default 0;`);

    this.addSql(`alter table \`virtual_card_kind\` add \`availability_version\` int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`stock\` drop column \`availability_version\`;`);

    this.addSql(`alter table \`virtual_card_kind\` drop column \`availability_version\`;`);
  }
}
