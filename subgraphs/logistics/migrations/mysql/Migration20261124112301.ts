import { Migration } from '@mikro-orm/migrations';

export class Migration20261124112301 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`carrier\` (\`id\` int unsigned not null auto_increment primary key, \`code\` varchar(32) not null, \`name\` varchar(120) not null, \`callback_secret\` varchar(128) not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`carrier\` add unique \`carrier_code_unique\`(\`code\`);`);

    this.addSql(
      `create table \`fulfilment\` (\`id\` int unsigned not null auto_increment primary key, \`supplier_order_id\` int not null, \`order_id\` int not null, \`bank_id\` int not null, \`customer_id\` int not null, \`supplier_id\` int not null, \`status\` enum('OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED') not null default 'OPEN', \`opened_at\` datetime not null, \`delivered_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`fulfilment\` add unique \`fulfilment_supplier_order_id_unique\`(\`supplier_order_id\`);`,
    );
    this.addSql(`alter table \`fulfilment\` add index \`fulfilment_order_id_index\`(\`order_id\`);`);
    this.addSql(
      `alter table \`fulfilment\` add index \`fulfilment_supplier_queue\`(\`supplier_id\`, \`status\`, \`id\`);`,
    );

    this.addSql(
      `create table \`fulfilment_line\` (\`id\` int unsigned not null auto_increment primary key, \`fulfilment_id\` int not null, \`order_line_id\` int not null, \`sku_id\` int not null, \`title\` varchar(300) not null, \`quantity\` int not null, \`shipped_quantity\` int not null default 0) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`fulfilment_line\` add index \`fulfilment_line_fulfilment_id_index\`(\`fulfilment_id\`);`,
    );
    this.addSql(`alter table \`fulfilment_line\` add unique \`fulfilment_line_order_line\`(\`order_line_id\`);`);

    this.addSql(
      `create table \`outbox_message\` (\`id\` int unsigned not null auto_increment primary key, \`topic\` varchar(100) not null, \`payload\` json not null, \`dedupe_key\` varchar(190) null, \`created_at\` datetime not null, \`attempts\` int not null default 0, \`next_attempt_at\` datetime not null, \`claimed_until\` datetime null, \`delivered_at\` datetime null, \`last_error\` varchar(500) null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`outbox_message\` add unique \`outbox_message_dedupe_key_unique\`(\`dedupe_key\`);`);
    this.addSql(`alter table \`outbox_message\` add index \`outbox_due\`(\`delivered_at\`, \`next_attempt_at\`);`);

    this.addSql(
      `create table \`shipment\` (\`id\` int unsigned not null auto_increment primary key, \`fulfilment_id\` int not null, \`supplier_order_id\` int not null, \`bank_id\` int not null, \`customer_id\` int not null, \`supplier_id\` int not null, \`carrier_id\` int not null, \`tracking_number\` varchar(64) not null, \`status\` enum('LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED') not null default 'LABEL_CREATED', \`progress_rank\` int not null default 0, \`status_at\` datetime not null, \`shipped_at\` datetime not null, \`delivered_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`shipment\` add index \`shipment_fulfilment_id_index\`(\`fulfilment_id\`);`);
    this.addSql(`alter table \`shipment\` add index \`shipment_supplier_order_id_index\`(\`supplier_order_id\`);`);
    this.addSql(
      `alter table \`shipment\` add unique \`shipment_carrier_tracking\`(\`carrier_id\`, \`tracking_number\`);`,
    );

    this.addSql(
      `create table \`shipment_line\` (\`id\` int unsigned not null auto_increment primary key, \`shipment_id\` int not null, \`order_line_id\` int not null, \`quantity\` int not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`shipment_line\` add unique \`shipment_line_shipment_order_line\`(\`shipment_id\`, \`order_line_id\`);`,
    );

    this.addSql(
      `create table \`tracking_event\` (\`id\` int unsigned not null auto_increment primary key, \`shipment_id\` int not null, \`carrier_id\` int not null, \`carrier_event_id\` varchar(128) not null, \`status\` enum('LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED') not null, \`location\` varchar(200) null, \`description\` varchar(500) null, \`occurred_at\` datetime not null, \`received_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`tracking_event\` add index \`tracking_event_shipment\`(\`shipment_id\`, \`occurred_at\`, \`id\`);`,
    );
    this.addSql(
      `alter table \`tracking_event\` add unique \`tracking_event_carrier_event\`(\`carrier_id\`, \`carrier_event_id\`);`,
    );

    this.addSql(
      `create table \`virtual_delivery\` (\`id\` int unsigned not null auto_increment primary key, \`code_id\` int not null, \`order_id\` int not null, \`order_line_id\` int not null, \`sku_id\` int not null, \`bank_id\` int not null, \`customer_id\` int not null, \`delivered_at\` datetime not null, \`expires_at\` datetime null, \`first_revealed_at\` datetime null, \`reveal_count\` int not null default 0) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`virtual_delivery\` add unique \`virtual_delivery_code_id_unique\`(\`code_id\`);`);
    this.addSql(`alter table \`virtual_delivery\` add index \`virtual_delivery_order_id_index\`(\`order_id\`);`);
    this.addSql(`alter table \`virtual_delivery\` add index \`virtual_delivery_customer\`(\`customer_id\`, \`id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`carrier\`;`);

    this.addSql(`drop table if exists \`fulfilment\`;`);

    this.addSql(`drop table if exists \`fulfilment_line\`;`);

    this.addSql(`drop table if exists \`outbox_message\`;`);

    this.addSql(`drop table if exists \`shipment\`;`);

    this.addSql(`drop table if exists \`shipment_line\`;`);

    this.addSql(`drop table if exists \`tracking_event\`;`);

    this.addSql(`drop table if exists \`virtual_delivery\`;`);
  }
}
