import { Migration } from '@mikro-orm/migrations';

export class Migration20261124112301 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`carrier\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`callback_secret\` text not null);`,
    );
    this.addSql(`create unique index \`carrier_code_unique\` on \`carrier\` (\`code\`);`);

    this.addSql(
      `create table \`fulfilment\` (\`id\` integer not null primary key autoincrement, \`supplier_order_id\` integer not null, \`order_id\` integer not null, \`bank_id\` integer not null, \`customer_id\` integer not null, \`supplier_id\` integer not null, \`status\` text check (\`status\` in ('OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED')) not null default 'OPEN', \`opened_at\` datetime not null, \`delivered_at\` datetime null);`,
    );
    this.addSql(
      `create unique index \`fulfilment_supplier_order_id_unique\` on \`fulfilment\` (\`supplier_order_id\`);`,
    );
    this.addSql(`create index \`fulfilment_order_id_index\` on \`fulfilment\` (\`order_id\`);`);
    this.addSql(`create index \`fulfilment_supplier_queue\` on \`fulfilment\` (\`supplier_id\`, \`status\`, \`id\`);`);

    this.addSql(
      `create table \`fulfilment_line\` (\`id\` integer not null primary key autoincrement, \`fulfilment_id\` integer not null, \`order_line_id\` integer not null, \`sku_id\` integer not null, \`title\` text not null, \`quantity\` integer not null, \`shipped_quantity\` integer not null default 0);`,
    );
    this.addSql(`create index \`fulfilment_line_fulfilment_id_index\` on \`fulfilment_line\` (\`fulfilment_id\`);`);
    this.addSql(`create unique index \`fulfilment_line_order_line\` on \`fulfilment_line\` (\`order_line_id\`);`);

    this.addSql(
      `create table \`outbox_message\` (\`id\` integer not null primary key autoincrement, \`topic\` text not null, \`payload\` json not null, \`dedupe_key\` text null, \`created_at\` datetime not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`claimed_until\` datetime null, \`delivered_at\` datetime null, \`last_error\` text null);`,
    );
    this.addSql(`create unique index \`outbox_message_dedupe_key_unique\` on \`outbox_message\` (\`dedupe_key\`);`);
    this.addSql(`create index \`outbox_due\` on \`outbox_message\` (\`delivered_at\`, \`next_attempt_at\`);`);

    this.addSql(
      `create table \`shipment\` (\`id\` integer not null primary key autoincrement, \`fulfilment_id\` integer not null, \`supplier_order_id\` integer not null, \`bank_id\` integer not null, \`customer_id\` integer not null, \`supplier_id\` integer not null, \`carrier_id\` integer not null, \`tracking_number\` text not null, \`status\` text check (\`status\` in ('LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED')) not null default 'LABEL_CREATED', \`progress_rank\` integer not null default 0, \`status_at\` datetime not null, \`shipped_at\` datetime not null, \`delivered_at\` datetime null);`,
    );
    this.addSql(`create index \`shipment_fulfilment_id_index\` on \`shipment\` (\`fulfilment_id\`);`);
    this.addSql(`create index \`shipment_supplier_order_id_index\` on \`shipment\` (\`supplier_order_id\`);`);
    this.addSql(
      `create unique index \`shipment_carrier_tracking\` on \`shipment\` (\`carrier_id\`, \`tracking_number\`);`,
    );

    this.addSql(
      `create table \`shipment_line\` (\`id\` integer not null primary key autoincrement, \`shipment_id\` integer not null, \`order_line_id\` integer not null, \`quantity\` integer not null);`,
    );
    this.addSql(
      `create unique index \`shipment_line_shipment_order_line\` on \`shipment_line\` (\`shipment_id\`, \`order_line_id\`);`,
    );

    this.addSql(
      `create table \`tracking_event\` (\`id\` integer not null primary key autoincrement, \`shipment_id\` integer not null, \`carrier_id\` integer not null, \`carrier_event_id\` text not null, \`status\` text check (\`status\` in ('LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED')) not null, \`location\` text null, \`description\` text null, \`occurred_at\` datetime not null, \`received_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`tracking_event_shipment\` on \`tracking_event\` (\`shipment_id\`, \`occurred_at\`, \`id\`);`,
    );
    this.addSql(
      `create unique index \`tracking_event_carrier_event\` on \`tracking_event\` (\`carrier_id\`, \`carrier_event_id\`);`,
    );

    this.addSql(
      `create table \`virtual_delivery\` (\`id\` integer not null primary key autoincrement, \`code_id\` integer not null, \`order_id\` integer not null, \`order_line_id\` integer not null, \`sku_id\` integer not null, \`bank_id\` integer not null, \`customer_id\` integer not null, \`delivered_at\` datetime not null, \`expires_at\` datetime null, \`first_revealed_at\` datetime null, \`reveal_count\` integer not null default 0);`,
    );
    this.addSql(`create unique index \`virtual_delivery_code_id_unique\` on \`virtual_delivery\` (\`code_id\`);`);
    this.addSql(`create index \`virtual_delivery_order_id_index\` on \`virtual_delivery\` (\`order_id\`);`);
    this.addSql(`create index \`virtual_delivery_customer\` on \`virtual_delivery\` (\`customer_id\`, \`id\`);`);
  }
}
