import { Migration } from '@mikro-orm/migrations';

/** Returns can be WITHDRAWN (and say by whom): SQLite checks enum values, so the table is rebuilt. */
export class Migration20261201143351_withdraw_return extends Migration {
  override async up(): Promise<void> {
    const columns =
      '`id`, `order_id`, `supplier_order_id`, `bank_id`, `customer_id`, `supplier_id`, `lines`, `kind`, `reason`, `status`, `created_at`, `decided_at`, `decided_by`, `refusal_reason`, `return_carrier_code`, `return_tracking_number`, `received_at`, `inspected_at`, `inspected_by`, `rejection_reason`, `photo_urls`, `refund_id`, `replacement_carrier_code`, `replacement_tracking_number`, `completed_at`';
    this.addSql('pragma foreign_keys = off;');
    this.addSql(
      "create table `return_request__temp_alter` (`id` integer not null primary key autoincrement, `order_id` integer not null, `supplier_order_id` integer not null, `bank_id` integer not null, `customer_id` integer not null, `supplier_id` integer not null, `lines` json not null, `kind` text check (`kind` in ('REFUND', 'EXCHANGE')) not null, `reason` text not null, `status` text check (`status` in ('REQUESTED', 'AUTHORISED', 'REFUSED', 'IN_TRANSIT', 'RECEIVED', 'REFUNDED', 'REJECTED', 'ACCEPTED', 'REPLACEMENT_SHIPPED', 'EXCHANGED', 'WITHDRAWN')) not null, `created_at` datetime not null, `decided_at` datetime null, `decided_by` text null, `refusal_reason` text null, `return_carrier_code` text null, `return_tracking_number` text null, `received_at` datetime null, `inspected_at` datetime null, `inspected_by` text null, `rejection_reason` text null, `photo_urls` json null, `refund_id` integer null, `replacement_carrier_code` text null, `replacement_tracking_number` text null, `completed_at` datetime null, `withdrawn_by` text check (`withdrawn_by` in ('CUSTOMER', 'CUSTOMER_SERVICE', 'SUPPLIER', 'PLATFORM', 'SYSTEM')) null);",
    );
    this.addSql(`insert into \`return_request__temp_alter\` (${columns}) select ${columns} from \`return_request\`;`);
    this.addSql('drop table `return_request`;');
    this.addSql('alter table `return_request__temp_alter` rename to `return_request`;');
    this.addSql('create index `return_request_supplier_order_id_index` on `return_request` (`supplier_order_id`);');
    this.addSql('create index `return_request_customer` on `return_request` (`customer_id`, `id`);');
    this.addSql('create index `return_request_bank` on `return_request` (`bank_id`, `id`);');
    this.addSql('create index `return_request_supplier` on `return_request` (`supplier_id`, `status`, `id`);');
    this.addSql('pragma foreign_keys = on;');
  }
}
