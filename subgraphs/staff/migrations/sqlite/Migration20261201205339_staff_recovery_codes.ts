import { Migration } from '@mikro-orm/migrations';

export class Migration20261201205339_staff_recovery_codes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`staff_recovery_code\` (\`id\` integer not null primary key autoincrement, \`staff_member_id\` integer not null, \`code_hash\` text not null, \`created_at\` datetime not null, \`used_at\` datetime null);`,
    );
    this.addSql(
      `create index \`staff_recovery_code_member\` on \`staff_recovery_code\` (\`staff_member_id\`, \`code_hash\`);`,
    );
  }
}
