import { Migration } from '@mikro-orm/migrations';

export class Migration20261201051827_webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`webhook_delivery\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`endpoint_id\` integer not null, \`event_id\` text not null, \`event_type\` text check (\`event_type\` in ('ORDER_PAID', 'ORDER_DELIVERED', 'ORDER_REFUNDED', 'POINTS_EARNED', 'POINTS_SPENT', 'POINTS_EXPIRED', 'TIER_CHANGED', 'PERK_ISSUED', 'FINANCIAL_PERK_REQUESTED')) not null, \`payload\` text not null, \`status\` text check (\`status\` in ('PENDING', 'DELIVERED', 'FAILED')) not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`give_up_at\` datetime not null, \`claimed_until\` datetime null, \`claim_token\` text null, \`last_status_code\` integer null, \`last_error\` text null, \`delivered_at\` datetime null, \`created_at\` datetime not null);`);
    this.addSql(`create index \`webhook_delivery_endpoint\` on \`webhook_delivery\` (\`endpoint_id\`, \`id\`);`);
    this.addSql(`create index \`webhook_delivery_bank\` on \`webhook_delivery\` (\`bank_id\`, \`id\`);`);
    this.addSql(`create index \`webhook_delivery_due\` on \`webhook_delivery\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create unique index \`webhook_delivery_event\` on \`webhook_delivery\` (\`endpoint_id\`, \`event_id\`);`);

    this.addSql(`create table \`webhook_endpoint\` (\`id\` integer not null primary key autoincrement, \`bank_id\` integer not null, \`url\` text not null, \`event_type_list\` text not null, \`secret_sealed\` text not null, \`enabled\` integer not null default true, \`description\` text null, \`secret_rotated_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create index \`webhook_endpoint_bank_id_index\` on \`webhook_endpoint\` (\`bank_id\`);`);
  }

}
