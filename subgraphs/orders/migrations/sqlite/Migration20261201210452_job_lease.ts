import { Migration } from '@mikro-orm/migrations';

export class Migration20261201210452_job_lease extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`job_lease\` (\`name\` text not null, \`owner\` text null, \`acquired_at\` datetime null, \`expires_at\` datetime not null, primary key (\`name\`));`,
    );
  }
}
