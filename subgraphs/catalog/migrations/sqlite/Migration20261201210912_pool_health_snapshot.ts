import { Migration } from '@mikro-orm/migrations';

export class Migration20261201210912_pool_health_snapshot extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`pool_health_snapshot\` (\`id\` integer not null, \`skus_on_sale\` integer not null default 0, \`out_of_stock\` integer not null default 0, \`card_pools_running_dry\` integer not null default 0, \`card_pools_empty\` integer not null default 0, \`computed_at\` datetime null, \`lease_owner\` text null, \`lease_until\` datetime null, primary key (\`id\`));`,
    );
  }
}
