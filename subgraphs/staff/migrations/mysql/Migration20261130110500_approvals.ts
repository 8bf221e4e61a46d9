import { Migration } from '@mikro-orm/migrations';

export class Migration20261130110500_approvals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`approval_policy\` (\`bank_id\` int unsigned not null, \`points_adjustment_above\` bigint null, \`listing_below_cost\` tinyint(1) not null default false, \`campaign_launch\` tinyint(1) not null default false, \`partner_app_creation\` tinyint(1) not null default false, \`expiry_hours\` int not null default 72, \`updated_at\` datetime not null, primary key (\`bank_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`approval_request\` (\`id\` int unsigned not null auto_increment primary key, \`kind\` enum('POINTS_ADJUSTMENT', 'LISTING_BELOW_COST', 'CAMPAIGN_LAUNCH', 'PARTNER_APP_CREATION') not null, \`status\` enum('PENDING', 'APPROVED', 'APPLIED', 'FAILED', 'REJECTED', 'WITHDRAWN', 'EXPIRED') not null default 'PENDING', \`bank_id\` int not null, \`maker_sub\` varchar(100) not null, \`summary\` varchar(300) not null, \`payload\` json not null, \`maker_note\` varchar(500) not null, \`checker_sub\` varchar(100) null, \`checker_note\` varchar(500) null, \`decided_at\` datetime null, \`outcome\` varchar(500) null, \`settled_at\` datetime null, \`expires_at\` datetime not null, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`approval_request\` add index \`approval_maker\`(\`maker_sub\`, \`id\`);`);
    this.addSql(
      `alter table \`approval_request\` add index \`approval_bank_status\`(\`bank_id\`, \`status\`, \`id\`);`,
    );

    this.addSql(
      `create table \`outbox_message\` (\`id\` int unsigned not null auto_increment primary key, \`topic\` varchar(100) not null, \`payload\` json not null, \`dedupe_key\` varchar(190) null, \`created_at\` datetime not null, \`attempts\` int not null default 0, \`next_attempt_at\` datetime not null, \`claimed_until\` datetime null, \`delivered_at\` datetime null, \`last_error\` varchar(500) null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`outbox_message\` add unique \`outbox_message_dedupe_key_unique\`(\`dedupe_key\`);`);
    this.addSql(`alter table \`outbox_message\` add index \`outbox_due\`(\`delivered_at\`, \`next_attempt_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`approval_policy\`;`);

    this.addSql(`drop table if exists \`approval_request\`;`);

    this.addSql(`drop table if exists \`outbox_message\`;`);
  }
}
