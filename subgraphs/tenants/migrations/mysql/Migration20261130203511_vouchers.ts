import { Migration } from '@mikro-orm/migrations';

export class Migration20261130203511_vouchers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`voucher\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`name\` varchar(100) not null, \`kind\` enum('AMOUNT_OFF', 'PERCENT_OFF') not null, \`value\` bigint not null, \`cap_fen\` bigint null, \`min_spend_fen\` bigint not null, \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`per_customer_limit\` int not null, \`tier_id\` int null, \`segment_id\` int null, \`customer_id\` int null, \`budget_fen\` bigint not null, \`spent_fen\` bigint not null default 0, \`used_count\` int not null default 0, \`funded_by\` enum('BANK', 'SUPPLIER', 'SHARED') not null, \`bank_share_bp\` int not null default 10000, \`state\` enum('ACTIVE', 'STOPPED') not null default 'ACTIVE', \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`voucher\` add index \`voucher_bank_window\`(\`bank_id\`, \`state\`, \`ends_at\`);`);

    this.addSql(
      `create table \`voucher_redemption\` (\`order_id\` int unsigned not null, \`voucher_id\` int null, \`customer_id\` int null, \`discount_fen\` bigint not null default 0, \`returned_fen\` bigint not null default 0, \`state\` enum('RESERVED', 'RELEASED') not null, \`created_at\` datetime not null, primary key (\`order_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`voucher_redemption\` add index \`voucher_redemption_voucher\`(\`voucher_id\`, \`order_id\`);`,
    );

    this.addSql(
      `create table \`voucher_return\` (\`return_key\` varchar(100) not null, \`order_id\` int not null, primary key (\`return_key\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`voucher_use\` (\`voucher_id\` int unsigned not null, \`customer_id\` int unsigned not null, \`used\` int not null default 0, primary key (\`voucher_id\`, \`customer_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`voucher\`;`);

    this.addSql(`drop table if exists \`voucher_redemption\`;`);

    this.addSql(`drop table if exists \`voucher_return\`;`);

    this.addSql(`drop table if exists \`voucher_use\`;`);
  }
}
