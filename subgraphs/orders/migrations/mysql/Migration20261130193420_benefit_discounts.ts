import { Migration } from '@mikro-orm/migrations';

export class Migration20261130193420_benefit_discounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`order_discount\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int not null, \`order_line_id\` int not null, \`supplier_order_id\` int not null, \`source\` enum('QUOTA', 'THRESHOLD', 'PERCENT_OFF', 'VOUCHER') not null, \`rule_id\` int not null, \`fen\` bigint not null, \`points\` bigint not null, \`funded_by\` enum('BANK', 'SUPPLIER', 'SHARED') not null, \`bank_share_bp\` int not null default 10000) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`order_discount\` add index \`order_discount_order_id_index\`(\`order_id\`);`);
    this.addSql(`alter table \`order_discount\` add index \`order_discount_order_line_id_index\`(\`order_line_id\`);`);

    this.addSql(
      `alter table \`order_line\` add \`discount_fen\` bigint not null default 0, add \`discount_points\` bigint not null default 0, add \`quota_rule_id\` int null, add \`quota_units\` int not null default 0, add \`quota_period_key\` varchar(8) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`order_discount\`;`);

    this.addSql(
      `alter table \`order_line\` drop column \`discount_fen\`, drop column \`discount_points\`, drop column \`quota_rule_id\`, drop column \`quota_units\`, drop column \`quota_period_key\`;`,
    );
  }
}
