import type { Principal } from '../core/identity';
import type { Logger } from '../core/logger';
import { ServiceClient } from '../core/service-client';
import { RecentlyRevokedPartnerAppsDocument } from '../codegen/generated/service/gateway/tenants';

/** How often the gateway asks tenants which partner apps were revoked. */
export const REVOKED_APPS_POLL_MS = 5_000;

/**
 * Partner apps revoked within the last access-token lifetime, so that their tokens (and their
 * customers' tokens) stop working within seconds instead of at expiry. Tenants answers only recent
 * revocations — older tokens have expired anyway — so the set stays small. If tenants cannot be
 * reached the last answer is kept (tokens still expire within 15 minutes).
 */
export class RevokedPartnerApps {
  private ids = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly tenants = new ServiceClient('gateway', 'gateway', 3_000);

  constructor(private readonly log: Logger) {}

  start(intervalMs = REVOKED_APPS_POLL_MS): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      const { recentlyRevokedPartnerApps } = await this.tenants.request(
        'tenants',
        RecentlyRevokedPartnerAppsDocument,
        {},
      );
      this.ids = new Set(recentlyRevokedPartnerApps);
    } catch (e) {
      this.log.debug('revoked partner apps not refreshed', { error: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Whether the caller acts through a revoked partner app (the app itself, or a customer through it). */
  covers(principal: Principal): boolean {
    return principal.partnerAppId !== undefined && this.ids.has(principal.partnerAppId);
  }
}
