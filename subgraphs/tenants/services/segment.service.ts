import type { EntityManager } from '@mikro-orm/core';
import { badInput, type FieldProblem } from '../../../core/errors';
import { requireRoleAndPermission, type Principal } from '../../../core/identity';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import { Customer } from '../entities/customer';
import { CustomerSegment, Segment, SegmentMember } from '../entities/segment';
import { actingBankId, CAMPAIGNS, CURATOR_ROLES, findOwned } from './access';
import { MembershipService } from './membership.service';
import { normaliseRules } from './segment-rules';

export const MAX_MEMBER_CHANGE = 1000;
const SEGMENT_ORDER: SortKey[] = [{ field: 'id', direction: 'ASC' }];

export interface SegmentChanges {
  name?: string | null;
  rules?: Record<string, unknown> | null;
  addMemberCustomerIds?: string[] | null;
  removeMemberCustomerIds?: string[] | null;
}

export class SegmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
  ) {}

  async create(bankIdArg: string | null | undefined, changes: SegmentChanges): Promise<Segment> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CAMPAIGNS);
    const bankId = actingBankId(this.principal, bankIdArg, CURATOR_ROLES);
    if (!changes.name) throw badInput('name is required.', [{ field: 'name', message: 'required' }]);
    return this.em.transactional(async (em) => {
      const segment = em.create(Segment, { bankId, name: '', rules: {}, createdAt: new Date(), updatedAt: new Date() });
      await this.apply(em, segment, changes);
      return segment;
    });
  }

  async update(segmentId: string, changes: SegmentChanges): Promise<Segment> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CAMPAIGNS);
    const segment = await this.own(segmentId);
    return this.em.transactional(async (em) => {
      const s = await em.findOneOrFail(Segment, segment.id);
      await this.apply(em, s, changes);
      return s;
    });
  }

  own(segmentId: string): Promise<Segment> {
    return findOwned(this.em, Segment, this.principal, 'Segment', segmentId);
  }

  page(bankId: number, first?: number | null, after?: string | null): Promise<Connection<Segment>> {
    const limit = pageSize(first);
    const where: Record<string, unknown>[] = [{ bankId }];
    if (after) where.push(keysetAfter(SEGMENT_ORDER, decodeCursor(after, 1)));
    return this.em
      .find(Segment, { $and: where } as never, { orderBy: orderByOf(SEGMENT_ORDER), limit: limit + 1 })
      .then((rows) => toConnection(rows, limit, (s) => [s.id], Boolean(after)));
  }

  memberCount(segmentId: number): Promise<number> {
    return this.em.count(CustomerSegment, { segmentId });
  }

  /** Name, rules and members change together, then membership is recomputed in this transaction. */
  private async apply(em: EntityManager, segment: Segment, c: SegmentChanges): Promise<void> {
    const problems: FieldProblem[] = [];
    if (c.name != null) {
      const name = c.name.trim();
      if (name.length < 1 || name.length > 100) problems.push({ field: 'name', message: 'must be 1–100 characters.' });
      else if (await em.count(Segment, { bankId: segment.bankId, name, id: { $ne: segment.id ?? 0 } }))
        problems.push({ field: 'name', message: `a segment named "${name}" exists.` });
      segment.name = name;
    }
    if (c.rules != null) {
      const { rules, problems: ruleProblems } = normaliseRules(c.rules);
      problems.push(...ruleProblems);
      segment.rules = rules;
    }
    const add = await this.ownCustomers(em, segment.bankId, c.addMemberCustomerIds, 'addMemberCustomerIds', problems);
    const remove = await this.ownCustomers(
      em,
      segment.bankId,
      c.removeMemberCustomerIds,
      'removeMemberCustomerIds',
      problems,
    );
    if (problems.length) throw badInput('The segment is not valid.', problems);
    await em.flush();
    if (remove.length) await em.nativeDelete(SegmentMember, { segmentId: segment.id, customerId: { $in: remove } });
    if (add.length) {
      const have = new Set(
        (await em.find(SegmentMember, { segmentId: segment.id, customerId: { $in: add } })).map((m) => m.customerId),
      );
      const fresh = add.filter((id) => !have.has(id));
      if (fresh.length)
        await em.insertMany(
          SegmentMember,
          fresh.map((customerId) => ({ segmentId: segment.id, customerId })),
        );
    }
    await new MembershipService(em).recomputeForSegment(segment);
  }

  private async ownCustomers(
    em: EntityManager,
    bankId: number,
    given: string[] | null | undefined,
    field: string,
    problems: FieldProblem[],
  ): Promise<number[]> {
    if (!given?.length) return [];
    if (given.length > MAX_MEMBER_CHANGE) {
      problems.push({ field, message: `at most ${MAX_MEMBER_CHANGE} customers per call.` });
      return [];
    }
    const ids = [...new Set(given.map(Number))];
    const valid = ids.filter((n) => Number.isSafeInteger(n) && n > 0);
    const found = new Set(
      (valid.length ? await em.find(Customer, { id: { $in: valid }, bankId }, { fields: ['id'] }) : []).map(
        (c) => c.id,
      ),
    );
    ids.forEach((id, index) => {
      if (!found.has(id)) problems.push({ index, field, message: `Customer ${id} not found.` });
    });
    return [...found];
  }
}
