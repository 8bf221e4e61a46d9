import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105238_returns extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`return_parcel\` (\`id\` int unsigned not null auto_increment primary key, \`return_request_id\` int not null, \`direction\` enum('RETURN', 'REPLACEMENT') not null, \`supplier_order_id\` int not null, \`bank_id\` int not null, \`customer_id\` int not null, \`supplier_id\` int not null, \`carrier_id\` int not null, \`tracking_number\` varchar(64) not null, \`status\` enum('LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED') not null default 'LABEL_CREATED', \`progress_rank\` int not null default 0, \`status_at\` datetime not null, \`created_at\` datetime not null, \`delivered_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`return_parcel\` add index \`return_parcel_supplier_order_id_index\`(\`supplier_order_id\`);`,
    );
    this.addSql(
      `alter table \`return_parcel\` add unique \`return_parcel_request_direction\`(\`return_request_id\`, \`direction\`);`,
    );
    this.addSql(
      `alter table \`return_parcel\` add unique \`return_parcel_carrier_tracking\`(\`carrier_id\`, \`tracking_number\`);`,
    );

    this.addSql(
      `create table \`return_parcel_event\` (\`id\` int unsigned not null auto_increment primary key, \`return_parcel_id\` int not null, \`carrier_id\` int not null, \`carrier_event_id\` varchar(128) not null, \`status\` enum('LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED') not null, \`location\` varchar(200) null, \`description\` varchar(500) null, \`occurred_at\` datetime not null, \`received_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`return_parcel_event\` add index \`return_parcel_event_parcel\`(\`return_parcel_id\`, \`occurred_at\`, \`id\`);`,
    );
    this.addSql(
      `alter table \`return_parcel_event\` add unique \`return_parcel_event_carrier_event\`(\`carrier_id\`, \`carrier_event_id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`return_parcel\`;`);

    this.addSql(`drop table if exists \`return_parcel_event\`;`);
  }
}
