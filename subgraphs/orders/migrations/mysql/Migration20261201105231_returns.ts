import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105231_returns extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`return_request\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int not null, \`supplier_order_id\` int not null, \`bank_id\` int not null, \`customer_id\` int not null, \`supplier_id\` int not null, \`lines\` json not null, \`kind\` enum('REFUND', 'EXCHANGE') not null, \`reason\` varchar(500) not null, \`status\` enum('REQUESTED', 'AUTHORISED', 'REFUSED', 'IN_TRANSIT', 'RECEIVED', 'REFUNDED', 'REJECTED', 'ACCEPTED', 'REPLACEMENT_SHIPPED', 'EXCHANGED') not null, \`created_at\` datetime not null, \`decided_at\` datetime null, \`decided_by\` varchar(128) null, \`refusal_reason\` varchar(500) null, \`return_carrier_code\` varchar(32) null, \`return_tracking_number\` varchar(64) null, \`received_at\` datetime null, \`inspected_at\` datetime null, \`inspected_by\` varchar(128) null, \`rejection_reason\` varchar(500) null, \`photo_urls\` json null, \`refund_id\` int null, \`replacement_carrier_code\` varchar(32) null, \`replacement_tracking_number\` varchar(64) null, \`completed_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`return_request\` add index \`return_request_supplier_order_id_index\`(\`supplier_order_id\`);`,
    );
    this.addSql(`alter table \`return_request\` add index \`return_request_customer\`(\`customer_id\`, \`id\`);`);
    this.addSql(`alter table \`return_request\` add index \`return_request_bank\`(\`bank_id\`, \`id\`);`);
    this.addSql(
      `alter table \`return_request\` add index \`return_request_supplier\`(\`supplier_id\`, \`status\`, \`id\`);`,
    );

    this.addSql(`alter table \`order_line\` add \`return_days\` int not null default 7;`);
    // Virtual goods (card codes, perks) were never returnable.
    this.addSql(`update \`order_line\` set \`return_days\` = 0 where \`kind\` = 'VIRTUAL';`);

    this.addSql(
      `alter table \`refund\` modify \`cause\` enum('CUSTOMER', 'DELIVERY_FAILED', 'RETURN') not null default 'CUSTOMER';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`return_request\`;`);

    this.addSql(
      `alter table \`refund\` modify \`cause\` enum('CUSTOMER', 'DELIVERY_FAILED') not null default 'CUSTOMER';`,
    );

    this.addSql(`alter table \`order_line\` drop column \`return_days\`;`);
  }
}
