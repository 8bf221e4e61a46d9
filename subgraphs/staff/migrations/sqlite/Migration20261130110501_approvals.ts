import { Migration } from '@mikro-orm/migrations';

export class Migration20261130110501_approvals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`approval_policy\` (\`bank_id\` integer not null, \`points_adjustment_above\` bigint null, \`listing_below_cost\` integer not null default false, \`campaign_launch\` integer not null default false, \`partner_app_creation\` integer not null default false, \`expiry_hours\` integer not null default 72, \`updated_at\` datetime not null, primary key (\`bank_id\`));`,
    );

    this.addSql(
      `create table \`approval_request\` (\`id\` integer not null primary key autoincrement, \`kind\` text check (\`kind\` in ('POINTS_ADJUSTMENT', 'LISTING_BELOW_COST', 'CAMPAIGN_LAUNCH', 'PARTNER_APP_CREATION')) not null, \`status\` text check (\`status\` in ('PENDING', 'APPROVED', 'APPLIED', 'FAILED', 'REJECTED', 'WITHDRAWN', 'EXPIRED')) not null default 'PENDING', \`bank_id\` integer not null, \`maker_sub\` text not null, \`summary\` text not null, \`payload\` json not null, \`maker_note\` text not null, \`checker_sub\` text null, \`checker_note\` text null, \`decided_at\` datetime null, \`outcome\` text null, \`settled_at\` datetime null, \`expires_at\` datetime not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(`create index \`approval_maker\` on \`approval_request\` (\`maker_sub\`, \`id\`);`);
    this.addSql(`create index \`approval_bank_status\` on \`approval_request\` (\`bank_id\`, \`status\`, \`id\`);`);

    this.addSql(
      `create table \`outbox_message\` (\`id\` integer not null primary key autoincrement, \`topic\` text not null, \`payload\` json not null, \`dedupe_key\` text null, \`created_at\` datetime not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`claimed_until\` datetime null, \`delivered_at\` datetime null, \`last_error\` text null);`,
    );
    this.addSql(`create unique index \`outbox_message_dedupe_key_unique\` on \`outbox_message\` (\`dedupe_key\`);`);
    this.addSql(`create index \`outbox_due\` on \`outbox_message\` (\`delivered_at\`, \`next_attempt_at\`);`);
  }
}
