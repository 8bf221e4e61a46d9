import { Migration } from '@mikro-orm/migrations';

export class Migration20261201052155_bank_event_files extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`bank_event_file\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`file_name\` text not null, \`size_bytes\` bigint not null, \`sha256\` text null, \`received_bytes\` bigint not null default 0, \`status\` text check (\`status\` in ('UPLOADING', 'QUEUED', 'PROCESSING', 'DONE', 'FAILED')) not null default 'UPLOADING', \`failure\` text null, \`next_byte\` bigint not null default 0, \`next_row\` integer not null default 0, \`rows_total\` integer null, \`rows_processed\` integer not null default 0, \`rows_accepted\` integer not null default 0, \`rows_rejected\` integer not null default 0, \`rows_duplicate\` integer not null default 0, \`points_awarded\` bigint not null default 0, \`tier_points_awarded\` bigint not null default 0, \`lease_until\` datetime null, \`lease_owner\` text null, \`created_at\` datetime not null, \`completed_at\` datetime null);`,
    );
    this.addSql(`create index \`bank_event_file_status\` on \`bank_event_file\` (\`status\`, \`lease_until\`);`);
    this.addSql(`create index \`bank_event_file_bank_newest\` on \`bank_event_file\` (\`bank_id\`, \`id\`);`);

    this.addSql(
      `create table \`bank_event_file_chunk\` (\`id\` integer not null primary key autoincrement, \`file_id\` integer not null, \`byte_offset\` bigint not null, \`length\` integer not null, \`bytes\` mediumblob not null);`,
    );
    this.addSql(
      `create unique index \`bank_event_file_chunk_offset\` on \`bank_event_file_chunk\` (\`file_id\`, \`byte_offset\`);`,
    );

    this.addSql(
      `create table \`bank_event_file_error\` (\`id\` integer not null primary key autoincrement, \`file_id\` integer not null, \`row_number\` integer not null, \`column\` text not null, \`message\` text not null);`,
    );
    this.addSql(
      `create unique index \`bank_event_file_error_row\` on \`bank_event_file_error\` (\`file_id\`, \`row_number\`);`,
    );

    this.addSql(
      `alter table \`bank_event\` add column \`type\` text check (\`type\` in ('EARN', 'REVERSAL')) not null default 'EARN';`,
    );
    this.addSql(`alter table \`bank_event\` add column \`reverses_event_id\` integer null;`);
    this.addSql(`alter table \`bank_event\` add column \`points_cancelled\` bigint not null default 0;`);
    this.addSql(`alter table \`bank_event\` add column \`points_clawed_back\` bigint not null default 0;`);
    this.addSql(`alter table \`bank_event\` add column \`points_unrecovered\` bigint not null default 0;`);
    this.addSql(`create unique index \`bank_event_reversal\` on \`bank_event\` (\`reverses_event_id\`);`);

    this.addSql(`alter table \`earn_rule\` add column \`claw_back_paid_on_reversal\` integer not null default false;`);

    this.addSql(`alter table \`scheduled_payout\` add column \`cancelled_at\` datetime null;`);
  }
}
