import { Migration } from '@mikro-orm/migrations';

export class Migration20261130192859_benefit_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`benefit_quota_spend\` (\`order_id\` int unsigned not null, \`listing_id\` int unsigned not null, \`rule_id\` int not null, \`customer_id\` int not null, \`period_key\` varchar(8) not null, \`units\` int not null, \`returned_units\` int not null default 0, primary key (\`order_id\`, \`listing_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`benefit_quota_use\` (\`rule_id\` int unsigned not null, \`customer_id\` int unsigned not null, \`period_key\` varchar(8) not null, \`used\` int not null default 0, primary key (\`rule_id\`, \`customer_id\`, \`period_key\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`benefit_rule\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`name\` varchar(120) not null, \`kind\` enum('THRESHOLD', 'PERCENT_OFF', 'FREE_SHIPPING', 'QUOTA') not null, \`enabled\` tinyint(1) not null default true, \`tier_id\` int null, \`segment_id\` int null, \`starts_at\` datetime not null, \`ends_at\` datetime null, \`funded_by\` enum('BANK', 'SUPPLIER', 'SHARED') not null, \`bank_share_bp\` int not null default 10000, \`threshold_basis\` enum('CASH', 'POINTS', 'BOTH') null, \`threshold_amount\` bigint null, \`discount_amount\` bigint null, \`repeatable\` tinyint(1) not null default false, \`percent_bp\` int null, \`cap_fen\` bigint null, \`quota_units\` int null, \`quota_period\` enum('MONTH', 'QUARTER', 'YEAR') null, \`quota_discount_bp\` int null, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`benefit_rule\` add index \`benefit_rule_bank\`(\`bank_id\`, \`id\`);`);

    this.addSql(
      `create table \`benefit_rule_listing\` (\`rule_id\` int unsigned not null, \`listing_id\` int unsigned not null, primary key (\`rule_id\`, \`listing_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`benefit_rule_listing\` add index \`benefit_rule_listing_listing\`(\`listing_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`benefit_quota_spend\`;`);

    this.addSql(`drop table if exists \`benefit_quota_use\`;`);

    this.addSql(`drop table if exists \`benefit_rule\`;`);

    this.addSql(`drop table if exists \`benefit_rule_listing\`;`);
  }
}
