import { Migration } from '@mikro-orm/migrations';

export class Migration20261201173630 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`advance_payout\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`supplier_id\` int not null, \`order_line_id\` int not null, \`statement_id\` int not null, \`source_key\` varchar(100) not null, \`status\` enum('PAID', 'HELD', 'CLAWBACK') not null, \`amount_fen\` bigint not null, \`created_at\` datetime not null, \`paid_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`advance_payout\` add index \`advance_payout_order_line_id_index\`(\`order_line_id\`);`);
    this.addSql(
      `alter table \`advance_payout\` add index \`advance_payout_bank_id_status_id_index\`(\`bank_id\`, \`status\`, \`id\`);`,
    );
    this.addSql(`alter table \`advance_payout\` add unique \`advance_payout_source_key_unique\`(\`source_key\`);`);

    this.addSql(
      `create table \`advance_terms\` (\`bank_id\` int unsigned not null, \`enabled\` tinyint(1) not null default false, \`exposure_cap_fen\` bigint not null default 0, \`repayment_term_days\` int not null default 30, \`updated_at\` datetime not null, primary key (\`bank_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`commission_rate\` (\`id\` int unsigned not null auto_increment primary key, \`supplier_id\` int not null, \`category_id\` int null, \`rate_bp\` int not null, \`valid_from\` date not null, \`valid_to\` date null, \`created_by\` varchar(100) not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`commission_rate\` add index \`commission_rate_supplier_id_category_id_valid_from_index\`(\`supplier_id\`, \`category_id\`, \`valid_from\`);`,
    );

    this.addSql(
      `alter table \`order_line\` add \`campaign_supplier_funded_fen\` bigint not null default 0, add \`category_path\` varchar(255) null;`,
    );

    this.addSql(`alter table \`settlement_line\` add \`rate_bp\` int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`advance_payout\`;`);

    this.addSql(`drop table if exists \`advance_terms\`;`);

    this.addSql(`drop table if exists \`commission_rate\`;`);

    this.addSql(`alter table \`settlement_line\` drop column \`rate_bp\`;`);

    this.addSql(
      `alter table \`order_line\` drop column \`campaign_supplier_funded_fen\`, drop column \`category_path\`;`,
    );
  }
}
