import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { EntityManager } from '@mikro-orm/core';
import { partnerSafelistDefault } from '../../../core/config';
import { notFound } from '../../../core/errors';
import { PartnerApp } from '../entities/partner-app';
import { Customer } from '../entities/customer';
import { Bank } from '../entities/bank';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(expected, actual);
}

/** Whether an app that never chose runs only safelisted operations: yes in production. */
export function defaultSafelistOnly(): boolean {
  return partnerSafelistDefault();
}

export function effectiveSafelistOnly(app: PartnerApp): boolean {
  return app.safelistOnly ?? defaultSafelistOnly();
}

/** Partner-app credentials and the customer lookups the gateway needs to issue tokens. */
export class PartnerAppService {
  constructor(private readonly em: EntityManager) {}

  /** Null for an unknown client, a wrong secret or a disabled app: the caller learns nothing more. */
  async authenticate(clientId: string, secret: string): Promise<PartnerApp | null> {
    const app = await this.em.findOne(PartnerApp, { clientId });
    if (!app || !app.active) {
      await hashSecret(secret); // same work either way, so timing does not reveal valid client ids
      return null;
    }
    return (await verifySecret(secret, app.secretHash)) ? app : null;
  }

  /**
   * Registers a partner app for a bank and returns its secret once; only the hash is kept, so a
   * lost secret means a new app.
   */
  async create(
    bankId: number,
    name: string,
    safelistOnly: boolean | null = null,
    clientId = `pa_${randomBytes(9).toString('base64url')}`,
  ): Promise<{ app: PartnerApp; clientSecret: string }> {
    if ((await this.em.count(Bank, { id: bankId })) === 0) throw notFound('Bank', bankId);
    const clientSecret = randomBytes(24).toString('base64url');
    const app = this.em.create(PartnerApp, {
      bankId,
      name,
      clientId,
      secretHash: await hashSecret(clientSecret),
      active: true,
      safelistOnly,
      createdAt: new Date(),
    });
    await this.em.flush();
    return { app, clientSecret };
  }

  /**
   * Restricts an app to the safelist, frees it, or (null) returns it to the deployment default.
   * `bankId` null is the platform; another bank's app is NOT_FOUND. Tokens already issued keep
   * their claim until they expire (15 minutes).
   */
  async setSafelistOnly(appId: number, bankId: number | null, safelistOnly: boolean | null): Promise<PartnerApp> {
    const app = await this.em.findOne(PartnerApp, { id: appId });
    if (!app || (bankId !== null && app.bankId !== bankId)) throw notFound('Partner app', appId);
    app.safelistOnly = safelistOnly;
    await this.em.flush();
    return app;
  }

  /** Only ever within the given bank: a partner app cannot reach another bank's customers. */
  customerByRef(bankId: number, externalRef: string): Promise<Customer | null> {
    return this.em.findOne(Customer, { bankId, externalRef });
  }
}
