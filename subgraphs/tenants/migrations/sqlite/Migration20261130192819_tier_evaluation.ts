import { Migration } from '@mikro-orm/migrations';

export class Migration20261130192819_tier_evaluation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`tier_change\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`customer_id\` integer not null, \`from_tier_id\` integer null, \`to_tier_id\` integer null, \`reason\` text check (\`reason\` in ('REACHED', 'EVALUATION')) not null, \`tier_points\` bigint not null, \`period_end\` datetime null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create index \`tier_change_customer\` on \`tier_change\` (\`customer_id\`, \`id\`);`);
    this.addSql(
      `create unique index \`tier_change_once\` on \`tier_change\` (\`customer_id\`, \`reason\`, \`period_end\`);`,
    );

    this.addSql(`alter table \`bank\` add column \`tier_period_months\` integer not null default 12;`);
    this.addSql(`alter table \`bank\` add column \`tier_grace_days\` integer not null default 30;`);

    this.addSql(`alter table \`customer\` add column \`tier_period_start\` datetime null;`);
    this.addSql(`alter table \`customer\` add column \`tier_period_base\` bigint null;`);
    this.addSql(`alter table \`customer\` add column \`tier_prev_period_points\` bigint null;`);
    this.addSql(`alter table \`customer\` add column \`tier_evaluated_through\` datetime null;`);
    this.addSql(`create index \`customer_bank_tier_period\` on \`customer\` (\`bank_id\`, \`tier_period_start\`);`);
  }
}
