import { Migration } from '@mikro-orm/migrations';

export class Migration20261201051826_webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`webhook_delivery\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`endpoint_id\` int not null, \`event_id\` varchar(40) not null, \`event_type\` enum('ORDER_PAID', 'ORDER_DELIVERED', 'ORDER_REFUNDED', 'POINTS_EARNED', 'POINTS_SPENT', 'POINTS_EXPIRED', 'TIER_CHANGED', 'PERK_ISSUED', 'FINANCIAL_PERK_REQUESTED') not null, \`payload\` text not null, \`status\` enum('PENDING', 'DELIVERED', 'FAILED') not null, \`attempts\` int not null default 0, \`next_attempt_at\` datetime not null, \`give_up_at\` datetime not null, \`claimed_until\` datetime null, \`claim_token\` varchar(36) null, \`last_status_code\` int null, \`last_error\` varchar(500) null, \`delivered_at\` datetime null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`webhook_delivery\` add index \`webhook_delivery_endpoint\`(\`endpoint_id\`, \`id\`);`);
    this.addSql(`alter table \`webhook_delivery\` add index \`webhook_delivery_bank\`(\`bank_id\`, \`id\`);`);
    this.addSql(`alter table \`webhook_delivery\` add index \`webhook_delivery_due\`(\`status\`, \`next_attempt_at\`);`);
    this.addSql(`alter table \`webhook_delivery\` add unique \`webhook_delivery_event\`(\`endpoint_id\`, \`event_id\`);`);

    this.addSql(`create table \`webhook_endpoint\` (\`id\` int unsigned not null auto_increment primary key, \`bank_id\` int not null, \`url\` varchar(500) not null, \`event_type_list\` varchar(400) not null, \`secret_sealed\` varchar(255) not null, \`enabled\` tinyint(1) not null default true, \`description\` varchar(200) null, \`secret_rotated_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`webhook_endpoint\` add index \`webhook_endpoint_bank_id_index\`(\`bank_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`webhook_delivery\`;`);

    this.addSql(`drop table if exists \`webhook_endpoint\`;`);
  }

}
