import { Migration } from '@mikro-orm/migrations';

/** Settlement sums are bigint: a month of a large supplier passes 2^31 fen (generated; trimmed of MariaDB's no-op JSON/enum noise). */
export class Migration20261128201434 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`settlement_line\` modify \`amount_fen\` bigint not null;`);
    this.addSql(`alter table \`settlement_statement\` modify \`total_fen\` bigint not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`settlement_statement\` modify \`total_fen\` int not null default 0;`);
    this.addSql(`alter table \`settlement_line\` modify \`amount_fen\` int not null;`);
  }
}
