import { Migration } from '@mikro-orm/migrations';

export class Migration20261130100938_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`outbox_message\` (\`id\` integer not null primary key autoincrement, \`topic\` text not null, \`payload\` json not null, \`dedupe_key\` text null, \`created_at\` datetime not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`claimed_until\` datetime null, \`delivered_at\` datetime null, \`last_error\` text null);`,
    );
    this.addSql(`create unique index \`outbox_message_dedupe_key_unique\` on \`outbox_message\` (\`dedupe_key\`);`);
    this.addSql(`create index \`outbox_due\` on \`outbox_message\` (\`delivered_at\`, \`next_attempt_at\`);`);
  }
}
