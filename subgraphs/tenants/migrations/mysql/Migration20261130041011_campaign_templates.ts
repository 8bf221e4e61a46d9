import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand: the generator also proposed its usual no-op JSON/enum rewrites (see README).
export class Migration20261130041011_campaign_templates extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`campaign\` modify \`template\` enum('DOUBLE_ELEVEN', 'DOUBLE_TWELVE', 'SPRING_FESTIVAL', 'MID_AUTUMN', 'CUSTOM', 'LANTERN_FESTIVAL', 'QINGMING', 'DRAGON_BOAT', 'QIXI', 'DOUBLE_NINTH', 'WINTER_SOLSTICE') not null default 'CUSTOM';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`campaign\` modify \`template\` enum('DOUBLE_ELEVEN', 'DOUBLE_TWELVE', 'SPRING_FESTIVAL', 'MID_AUTUMN', 'CUSTOM') not null default 'CUSTOM';`,
    );
  }
}
