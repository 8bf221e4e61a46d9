import { Migration } from '@mikro-orm/migrations';

export class Migration20261201205338_staff_recovery_codes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`staff_recovery_code\` (\`id\` int unsigned not null auto_increment primary key, \`staff_member_id\` int not null, \`code_hash\` varchar(64) not null, \`created_at\` datetime not null, \`used_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`staff_recovery_code\` add index \`staff_recovery_code_member\`(\`staff_member_id\`, \`code_hash\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`staff_recovery_code\`;`);
  }
}
