import { Migration } from '@mikro-orm/migrations';

export class Migration20261201143350_withdraw_return extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`return_request\` add \`withdrawn_by\` enum('CUSTOMER', 'CUSTOMER_SERVICE', 'SUPPLIER', 'PLATFORM', 'SYSTEM') null;`,
    );
    this.addSql(
      `alter table \`return_request\` modify \`status\` enum('REQUESTED', 'AUTHORISED', 'REFUSED', 'IN_TRANSIT', 'RECEIVED', 'REFUNDED', 'REJECTED', 'ACCEPTED', 'REPLACEMENT_SHIPPED', 'EXCHANGED', 'WITHDRAWN') not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`return_request\` drop column \`withdrawn_by\`;`);

    this.addSql(
      `alter table \`return_request\` modify \`status\` enum('REQUESTED', 'AUTHORISED', 'REFUSED', 'IN_TRANSIT', 'RECEIVED', 'REFUNDED', 'REJECTED', 'ACCEPTED', 'REPLACEMENT_SHIPPED', 'EXCHANGED') not null;`,
    );
  }
}
