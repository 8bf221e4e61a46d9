import { Migration } from '@mikro-orm/migrations';

export class Migration20261201052155_bank_event_files extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`bank_event_file\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`file_name\` varchar(200) not null, \`size_bytes\` bigint not null, \`sha256\` varchar(64) null, \`received_bytes\` bigint not null default 0, \`status\` enum('UPLOADING', 'QUEUED', 'PROCESSING', 'DONE', 'FAILED') not null default 'UPLOADING', \`failure\` varchar(500) null, \`next_byte\` bigint not null default 0, \`next_row\` int not null default 0, \`rows_total\` int null, \`rows_processed\` int not null default 0, \`rows_accepted\` int not null default 0, \`rows_rejected\` int not null default 0, \`rows_duplicate\` int not null default 0, \`points_awarded\` bigint not null default 0, \`tier_points_awarded\` bigint not null default 0, \`lease_until\` datetime null, \`lease_owner\` varchar(64) null, \`created_at\` datetime not null, \`completed_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`bank_event_file\` add index \`bank_event_file_status\`(\`status\`, \`lease_until\`);`);
    this.addSql(`alter table \`bank_event_file\` add index \`bank_event_file_bank_newest\`(\`bank_id\`, \`id\`);`);

    this.addSql(
      `create table \`bank_event_file_chunk\` (\`id\` int unsigned not null auto_increment primary key, \`file_id\` int not null, \`byte_offset\` bigint not null, \`length\` int not null, \`bytes\` mediumblob not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`bank_event_file_chunk\` add unique \`bank_event_file_chunk_offset\`(\`file_id\`, \`byte_offset\`);`,
    );

    this.addSql(
      `create table \`bank_event_file_error\` (\`id\` int unsigned not null auto_increment primary key, \`file_id\` int not null, \`row_number\` int not null, \`column\` varchar(64) not null, \`message\` varchar(300) not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`bank_event_file_error\` add unique \`bank_event_file_error_row\`(\`file_id\`, \`row_number\`);`,
    );

    this.addSql(
      `alter table \`bank_event\` add \`type\` enum('EARN', 'REVERSAL') not null default 'EARN', add \`reverses_event_id\` int null, add \`points_cancelled\` bigint not null default 0, add \`points_clawed_back\` bigint not null default 0, add \`points_unrecovered\` bigint not null default 0;`,
    );
    this.addSql(`alter table \`bank_event\` add unique \`bank_event_reversal\`(\`reverses_event_id\`);`);

    this.addSql(`alter table \`earn_rule\` add \`claw_back_paid_on_reversal\` tinyint(1) not null default false;`);

    this.addSql(`alter table \`scheduled_payout\` add \`cancelled_at\` datetime null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`bank_event_file\`;`);

    this.addSql(`drop table if exists \`bank_event_file_chunk\`;`);

    this.addSql(`drop table if exists \`bank_event_file_error\`;`);

    this.addSql(`alter table \`bank_event\` drop index \`bank_event_reversal\`;`);
    this.addSql(
      `alter table \`bank_event\` drop column \`type\`, drop column \`reverses_event_id\`, drop column \`points_cancelled\`, drop column \`points_clawed_back\`, drop column \`points_unrecovered\`;`,
    );

    this.addSql(`alter table \`scheduled_payout\` drop column \`cancelled_at\`;`);

    this.addSql(`alter table \`earn_rule\` drop column \`claw_back_paid_on_reversal\`;`);
  }
}
