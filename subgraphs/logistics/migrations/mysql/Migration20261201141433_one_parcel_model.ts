import { Migration } from '@mikro-orm/migrations';

/**
 * One parcel model: return parcels and exchange replacements become `shipment` rows with a
 * direction (their events `tracking_event` rows), so one carrier-event path serves every parcel.
 * Existing return parcels and their events move over (new ids: events follow their parcel by the
 * unique carrier + tracking number); then the old tables go. A return parcel whose tracking number
 * an outbound shipment of the same carrier also had stops the migration (the unique index) rather
 * than being dropped: such a parcel's callbacks had been going to the shipment, so look at it first.
 */
export class Migration20261201141433_one_parcel_model extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      "alter table `shipment` add `direction` enum('OUTBOUND', 'RETURN', 'REPLACEMENT') not null default 'OUTBOUND', add `return_request_id` int null;",
    );
    this.addSql('alter table `shipment` modify `fulfilment_id` int null;');
    this.addSql(
      'alter table `shipment` add unique `shipment_return_request_direction`(`return_request_id`, `direction`);',
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
