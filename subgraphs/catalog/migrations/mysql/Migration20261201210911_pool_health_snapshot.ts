import { Migration } from '@mikro-orm/migrations';

export class Migration20261201210911_pool_health_snapshot extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`pool_health_snapshot\` (\`id\` int unsigned not null, \`skus_on_sale\` int not null default 0, \`out_of_stock\` int not null default 0, \`card_pools_running_dry\` int not null default 0, \`card_pools_empty\` int not null default 0, \`computed_at\` datetime null, \`lease_owner\` varchar(64) null, \`lease_until\` datetime null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`pool_health_snapshot\`;`);
  }
}
