import { Migration } from '@mikro-orm/migrations';

export class Migration20261130094640_onboarding_partner_apps extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`bank\` add column \`settlement_term_days\` integer not null default 30;`);

    this.addSql(`alter table \`partner_app\` add column \`previous_secret_hash\` text null;`);
    this.addSql(`alter table \`partner_app\` add column \`previous_secret_expires_at\` datetime null;`);
    this.addSql(`alter table \`partner_app\` add column \`secret_rotated_at\` datetime null;`);
    this.addSql(`alter table \`partner_app\` add column \`revoked_at\` datetime null;`);
    this.addSql(
      `alter table \`partner_app\` add column \`scope_list\` text not null default 'BROWSE,CHECKOUT,EARN_EVENTS,CUSTOMER_UPSERT';`,
    );
  }
}
