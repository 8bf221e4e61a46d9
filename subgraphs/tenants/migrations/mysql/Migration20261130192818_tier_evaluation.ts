import { Migration } from '@mikro-orm/migrations';

export class Migration20261130192818_tier_evaluation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`tier_change\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`customer_id\` int not null, \`from_tier_id\` int null, \`to_tier_id\` int null, \`reason\` enum('REACHED', 'EVALUATION') not null, \`tier_points\` bigint not null, \`period_end\` datetime null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`tier_change\` add index \`tier_change_customer\`(\`customer_id\`, \`id\`);`);
    this.addSql(
      `alter table \`tier_change\` add unique \`tier_change_once\`(\`customer_id\`, \`reason\`, \`period_end\`);`,
    );

    this.addSql(
      `alter table \`bank\` add \`tier_period_months\` int not null default 12, add \`tier_grace_days\` int not null default 30;`,
    );

    this.addSql(
      `alter table \`customer\` add \`tier_period_start\` datetime null, add \`tier_period_base\` bigint null, add \`tier_prev_period_points\` bigint null, add \`tier_evaluated_through\` datetime null;`,
    );
    this.addSql(
      `alter table \`customer\` add index \`customer_bank_tier_period\`(\`bank_id\`, \`tier_period_start\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`tier_change\`;`);

    this.addSql(`alter table \`customer\` drop index \`customer_bank_tier_period\`;`);
    this.addSql(
      `alter table \`customer\` drop column \`tier_period_start\`, drop column \`tier_period_base\`, drop column \`tier_prev_period_points\`, drop column \`tier_evaluated_through\`;`,
    );

    this.addSql(`alter table \`bank\` drop column \`tier_period_months\`, drop column \`tier_grace_days\`;`);
  }
}
