import { Migration } from '@mikro-orm/migrations';

// Points balances, lots, holds, ledger amounts, awards and budgets become BIGINT (issue 11: an
// overflowing INT corrupted accounts). Generated, then trimmed to these columns: the generator also
// proposed the dialect's usual no-op JSON/enum/nullable-default changes.
export class Migration20261130041253 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`bank_event\` modify \`points_awarded\` bigint not null default 0, modify \`tier_points_awarded\` bigint not null default 0;`,
    );
    this.addSql(
      `alter table \`earn_rule\` modify \`budget_total\` bigint null, modify \`budget_used\` bigint not null default 0;`,
    );
    this.addSql(
      `alter table \`points_account\` modify \`redeemable\` bigint not null default 0, modify \`held\` bigint not null default 0, modify \`tier_points\` bigint not null default 0;`,
    );
    this.addSql(
      `alter table \`points_hold\` modify \`amount\` bigint not null, modify \`refunded\` bigint not null default 0;`,
    );
    this.addSql(
      `alter table \`points_hold_allocation\` modify \`amount\` bigint not null, modify \`returned\` bigint not null default 0;`,
    );
    this.addSql(
      `alter table \`points_ledger_entry\` modify \`amount\` bigint not null, modify \`held_delta\` bigint not null default 0;`,
    );
    this.addSql(`alter table \`points_lot\` modify \`amount\` bigint not null, modify \`remaining\` bigint not null;`);
    this.addSql(`alter table \`scheduled_payout\` modify \`points\` bigint not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`bank_event\` modify \`points_awarded\` int not null default 0, modify \`tier_points_awarded\` int not null default 0;`,
    );
    this.addSql(
      `alter table \`earn_rule\` modify \`budget_total\` int null, modify \`budget_used\` int not null default 0;`,
    );
    this.addSql(
      `alter table \`points_account\` modify \`redeemable\` int not null default 0, modify \`held\` int not null default 0, modify \`tier_points\` int not null default 0;`,
    );
    this.addSql(
      `alter table \`points_hold\` modify \`amount\` int not null, modify \`refunded\` int not null default 0;`,
    );
    this.addSql(
      `alter table \`points_hold_allocation\` modify \`amount\` int not null, modify \`returned\` int not null default 0;`,
    );
    this.addSql(
      `alter table \`points_ledger_entry\` modify \`amount\` int not null, modify \`held_delta\` int not null default 0;`,
    );
    this.addSql(`alter table \`points_lot\` modify \`amount\` int not null, modify \`remaining\` int not null;`);
    this.addSql(`alter table \`scheduled_payout\` modify \`points\` int not null;`);
  }
}
