import { Migration } from '@mikro-orm/migrations';

export class Migration20261130094639_onboarding_partner_apps extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`bank\` add \`settlement_term_days\` int not null default 30;`);

    this.addSql(
      `alter table \`partner_app\` add \`previous_secret_hash\` varchar(255) null, add \`previous_secret_expires_at\` datetime null, add \`secret_rotated_at\` datetime null, add \`revoked_at\` datetime null, add \`scope_list\` varchar(100) not null default 'BROWSE,CHECKOUT,EARN_EVENTS,CUSTOMER_UPSERT';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`partner_app\` drop column \`previous_secret_hash\`, drop column \`previous_secret_expires_at\`, drop column \`secret_rotated_at\`, drop column \`revoked_at\`, drop column \`scope_list\`;`,
    );

    this.addSql(`alter table \`bank\` drop column \`settlement_term_days\`;`);
  }
}
