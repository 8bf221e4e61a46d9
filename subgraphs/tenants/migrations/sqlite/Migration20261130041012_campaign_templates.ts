import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand: only the campaign table is rebuilt (SQLite cannot alter a CHECK constraint); the
// generator's rebuilds of other tables changed nothing (see README).
export class Migration20261130041012_campaign_templates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`campaign__temp_alter\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`mall_id\` integer not null, \`name\` text not null, \`template\` text check (\`template\` in ('DOUBLE_ELEVEN', 'DOUBLE_TWELVE', 'SPRING_FESTIVAL', 'MID_AUTUMN', 'CUSTOM', 'LANTERN_FESTIVAL', 'QINGMING', 'DRAGON_BOAT', 'QIXI', 'DOUBLE_NINTH', 'WINTER_SOLSTICE')) not null default 'CUSTOM', \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`state\` text check (\`state\` in ('DRAFT', 'SCHEDULED', 'CANCELLED')) not null default 'DRAFT', \`segment_restricted\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`campaign__temp_alter\` select \`id\`, \`bank_id\`, \`mall_id\`, \`name\`, \`template\`, \`starts_at\`, \`ends_at\`, \`state\`, \`segment_restricted\`, \`created_at\`, \`updated_at\` from \`campaign\`;`,
    );
    this.addSql(`drop table \`campaign\`;`);
    this.addSql(`alter table \`campaign__temp_alter\` rename to \`campaign\`;`);
    this.addSql(`create index \`campaign_bank_id_index\` on \`campaign\` (\`bank_id\`);`);
    this.addSql(`create index \`campaign_mall_window\` on \`campaign\` (\`mall_id\`, \`starts_at\`, \`id\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }
}
