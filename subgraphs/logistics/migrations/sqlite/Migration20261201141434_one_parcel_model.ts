import { Migration } from '@mikro-orm/migrations';

/**
 * One parcel model (see the MariaDB migration of the same name). SQLite cannot make a column
 * nullable in place, so `shipment` is rebuilt (same ids, same indexes) before the return parcels
 * and their events move in.
 */
export class Migration20261201141434_one_parcel_model extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      "create table `shipment_next` (`id` integer not null primary key autoincrement, `direction` text check (`direction` in ('OUTBOUND', 'RETURN', 'REPLACEMENT')) not null default 'OUTBOUND', `fulfilment_id` integer null, `return_request_id` integer null, `supplier_order_id` integer not null, `bank_id` integer not null, `customer_id` integer not null, `supplier_id` integer not null, `carrier_id` integer not null, `tracking_number` text not null, `status` text check (`status` in ('LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED')) not null default 'LABEL_CREATED', `progress_rank` integer not null default 0, `status_at` datetime not null, `shipped_at` datetime not null, `delivered_at` datetime null);",
    );
    this.addSql(
      'insert into `shipment_next` (`id`, `direction`, `fulfilment_id`, `return_request_id`, `supplier_order_id`, `bank_id`, `customer_id`, `supplier_id`, `carrier_id`, `tracking_number`, `status`, `progress_rank`, `status_at`, `shipped_at`, `delivered_at`) ' +
        "select `id`, 'OUTBOUND', `fulfilment_id`, null, `supplier_order_id`, `bank_id`, `customer_id`, `supplier_id`, `carrier_id`, `tracking_number`, `status`, `progress_rank`, `status_at`, `shipped_at`, `delivered_at` from `shipment`;",
    );
    this.addSql('drop table `shipment`;');
    this.addSql('alter table `shipment_next` rename to `shipment`;');
    this.addSql('create index `shipment_fulfilment_id_index` on `shipment` (`fulfilment_id`);');
    this.addSql('create index `shipment_supplier_order_id_index` on `shipment` (`supplier_order_id`);');
    this.addSql('create unique index `shipment_carrier_tracking` on `shipment` (`carrier_id`, `tracking_number`);');
    this.addSql(
      'create unique index `shipment_return_request_direction` on `shipment` (`return_request_id`, `direction`);',
    );

    this.addSql(
      'insert into `shipment` (`direction`, `fulfilment_id`, `return_request_id`, `supplier_order_id`, `bank_id`, `customer_id`, `supplier_id`, `carrier_id`, `tracking_number`, `status`, `progress_rank`, `status_at`, `shipped_at`, `delivered_at`) ' +
        'select `direction`, null, `return_request_id`, `supplier_order_id`, `bank_id`, `customer_id`, `supplier_id`, `carrier_id`, `tracking_number`, `status`, `progress_rank`, `status_at`, `created_at`, `delivered_at` from `return_parcel` order by `id`;',
    );
    this.addSql(
      'insert into `tracking_event` (`shipment_id`, `carrier_id`, `carrier_event_id`, `status`, `location`, `description`, `occurred_at`, `received_at`) ' +
        'select s.`id`, e.`carrier_id`, e.`carrier_event_id`, e.`status`, e.`location`, e.`description`, e.`occurred_at`, e.`received_at` ' +
        'from `return_parcel_event` e join `return_parcel` rp on rp.`id` = e.`return_parcel_id` ' +
        'join `shipment` s on s.`carrier_id` = rp.`carrier_id` and s.`tracking_number` = rp.`tracking_number` order by e.`id`;',
    );

    this.addSql('drop table if exists `return_parcel_event`;');
    this.addSql('drop table if exists `return_parcel`;');
  }
}
