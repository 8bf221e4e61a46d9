import { Migration } from '@mikro-orm/migrations';

// Generated, then trimmed to virtual_card_kind.available_codes (the generator also proposed no-op
// changes to JSON, enum and nullable columns that MariaDB reports differently from how MikroORM
// declares them), plus the backfill: each pool's counter starts at its current AVAILABLE count.
export class Migration20261130050340 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`virtual_card_kind\` add \`available_codes\` int not null default 0;`);
    this.addSql(
      `update \`virtual_card_kind\` set \`available_codes\` = (select count(*) from \`virtual_card_code\` c where c.\`kind_id\` = \`virtual_card_kind\`.\`id\` and c.\`state\` = 'AVAILABLE');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`virtual_card_kind\` drop column \`available_codes\`;`);
  }
}
