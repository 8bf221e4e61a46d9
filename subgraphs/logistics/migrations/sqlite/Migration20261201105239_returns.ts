import { Migration } from '@mikro-orm/migrations';

export class Migration20261201105239_returns extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`return_parcel\` (\`id\` integer not null primary key autoincrement, \`return_request_id\` integer not null, \`direction\` text check (\`direction\` in ('RETURN', 'REPLACEMENT')) not null, \`supplier_order_id\` integer not null, \`bank_id\` integer not null, \`customer_id\` integer not null, \`supplier_id\` integer not null, \`carrier_id\` integer not null, \`tracking_number\` text not null, \`status\` text check (\`status\` in ('LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED')) not null default 'LABEL_CREATED', \`progress_rank\` integer not null default 0, \`status_at\` datetime not null, \`created_at\` datetime not null, \`delivered_at\` datetime null);`,
    );
    this.addSql(`create index \`return_parcel_supplier_order_id_index\` on \`return_parcel\` (\`supplier_order_id\`);`);
    this.addSql(
      `create unique index \`return_parcel_request_direction\` on \`return_parcel\` (\`return_request_id\`, \`direction\`);`,
    );
    this.addSql(
      `create unique index \`return_parcel_carrier_tracking\` on \`return_parcel\` (\`carrier_id\`, \`tracking_number\`);`,
    );

    this.addSql(
      `create table \`return_parcel_event\` (\`id\` integer not null primary key autoincrement, \`return_parcel_id\` integer not null, \`carrier_id\` integer not null, \`carrier_event_id\` text not null, \`status\` text check (\`status\` in ('LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED')) not null, \`location\` text null, \`description\` text null, \`occurred_at\` datetime not null, \`received_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`return_parcel_event_parcel\` on \`return_parcel_event\` (\`return_parcel_id\`, \`occurred_at\`, \`id\`);`,
    );
    this.addSql(
      `create unique index \`return_parcel_event_carrier_event\` on \`return_parcel_event\` (\`carrier_id\`, \`carrier_event_id\`);`,
    );
  }
}
