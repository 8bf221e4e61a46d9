import { Migration } from '@mikro-orm/migrations';

export class Migration20261201210449_job_lease extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`job_lease\` (\`name\` varchar(100) not null, \`owner\` varchar(100) null, \`acquired_at\` datetime null, \`expires_at\` datetime not null, primary key (\`name\`)) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`job_lease\`;`);
  }
}
