import { Migration } from '@mikro-orm/migrations';

export class Migration20261130100937_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`outbox_message\` (\`id\` int unsigned not null auto_increment primary key, \`topic\` varchar(100) not null, \`payload\` json not null, \`dedupe_key\` varchar(190) null, \`created_at\` datetime not null, \`attempts\` int not null default 0, \`next_attempt_at\` datetime not null, \`claimed_until\` datetime null, \`delivered_at\` datetime null, \`last_error\` varchar(500) null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`outbox_message\` add unique \`outbox_message_dedupe_key_unique\`(\`dedupe_key\`);`);
    this.addSql(`alter table \`outbox_message\` add index \`outbox_due\`(\`delivered_at\`, \`next_attempt_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`outbox_message\`;`);
  }
}
