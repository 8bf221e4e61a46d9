import { Migration } from '@mikro-orm/migrations';

export class Migration20261201172648_settlement_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`settlement_payment\` (\`id\` int unsigned not null auto_increment primary key, \`statement_id\` int not null, \`bank_id\` int not null, \`supplier_id\` int not null, \`reference\` varchar(64) not null, \`paid_on\` date not null, \`amount_fen\` bigint not null, \`recorded_by\` varchar(100) not null, \`recorded_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`settlement_payment\` add index \`settlement_payment_bank_id_paid_on_index\`(\`bank_id\`, \`paid_on\`);`,
    );
    this.addSql(
      `alter table \`settlement_payment\` add unique \`settlement_payment_statement_id_reference_unique\`(\`statement_id\`, \`reference\`);`,
    );

    this.addSql(`alter table \`settlement_line\` add \`adjusts_line_id\` int null, add \`note\` varchar(500) null;`);
    this.addSql(
      `alter table \`settlement_line\` modify \`kind\` enum('DELIVERY', 'REFUND', 'DISCOUNT', 'DISCOUNT_RETURN', 'CO_FUNDING', 'CO_FUNDING_RETURN', 'ADJUSTMENT', 'COMMISSION', 'COMMISSION_RETURN') not null;`,
    );

    this.addSql(
      `alter table \`settlement_statement\` add \`commission_fen\` bigint not null default 0, add \`paid_fen\` bigint not null default 0, add \`issued_at\` datetime null, add \`due_on\` date null, add \`confirmed_at\` datetime null;`,
    );
    // OPEN is now DRAFT and SETTLED is CLOSED: widen the enum, rename the rows, then narrow it.
    this.addSql(
      `alter table \`settlement_statement\` modify \`status\` enum('OPEN', 'SETTLED', 'DRAFT', 'ISSUED', 'DISPUTED', 'CONFIRMED', 'CLOSED') not null default 'DRAFT';`,
    );
    this.addSql(
      `update \`settlement_statement\` set \`status\` = case \`status\` when 'OPEN' then 'DRAFT' when 'SETTLED' then 'CLOSED' else \`status\` end;`,
    );
    this.addSql(
      `alter table \`settlement_statement\` modify \`status\` enum('DRAFT', 'ISSUED', 'DISPUTED', 'CONFIRMED', 'CLOSED') not null default 'DRAFT';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`settlement_payment\`;`);

    this.addSql(
      `alter table \`settlement_statement\` drop column \`commission_fen\`, drop column \`paid_fen\`, drop column \`issued_at\`, drop column \`due_on\`, drop column \`confirmed_at\`;`,
    );

    this.addSql(
      `alter table \`settlement_statement\` modify \`status\` enum('OPEN', 'SETTLED', 'DRAFT', 'ISSUED', 'DISPUTED', 'CONFIRMED', 'CLOSED') not null default 'OPEN';`,
    );
    this.addSql(
      `update \`settlement_statement\` set \`status\` = case when \`status\` = 'CLOSED' then 'SETTLED' else 'OPEN' end;`,
    );
    this.addSql(
      `alter table \`settlement_statement\` modify \`status\` enum('OPEN', 'SETTLED') not null default 'OPEN';`,
    );

    this.addSql(`alter table \`settlement_line\` drop column \`adjusts_line_id\`, drop column \`note\`;`);

    this.addSql(
      `alter table \`settlement_line\` modify \`kind\` enum('DELIVERY', 'REFUND', 'DISCOUNT', 'DISCOUNT_RETURN') not null;`,
    );
  }
}
