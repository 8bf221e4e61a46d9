import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125333_campaign_budget extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`campaign_budget_hold\` (\`order_id\` int unsigned not null, \`state\` enum('RESERVED', 'RELEASED') not null, \`created_at\` datetime not null, primary key (\`order_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`campaign_budget_return\` (\`return_key\` varchar(100) not null, \`order_id\` int not null, primary key (\`return_key\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`campaign_spend\` (\`order_id\` int unsigned not null, \`listing_id\` int unsigned not null, \`campaign_id\` int not null, \`quantity\` int not null, \`unit_subsidy_fen\` bigint not null, \`returned_quantity\` int not null default 0, primary key (\`order_id\`, \`listing_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`campaign_spend\` add index \`campaign_spend_campaign\`(\`campaign_id\`, \`order_id\`);`);

    this.addSql(
      `alter table \`campaign\` add \`budget_fen\` bigint null, add \`spent_fen\` bigint not null default 0, add \`units_sold\` int not null default 0;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`campaign_budget_hold\`;`);

    this.addSql(`drop table if exists \`campaign_budget_return\`;`);

    this.addSql(`drop table if exists \`campaign_spend\`;`);

    this.addSql(
      `alter table \`campaign\` drop column \`budget_fen\`, drop column \`spent_fen\`, drop column \`units_sold\`;`,
    );
  }
}
