/**
 * Issue 12 item 8: one naming rule for ids in inputs. Every ID field of every public input is
 * `<qualifier?><Entity>Id` (or `…Ids` for a list), where Entity is a type of the schema — `skuId`,
 * `visibleTierIds`, `parentCategoryId` — never a bare `id` nor a name that hides the entity
 * (`ruleId`, `addMemberIds`, `deliveryId`).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isInputObjectType, isObjectType, type GraphQLSchema } from 'graphql';

/** Domain entities an input may name that have no public object type yet (none since PartnerApp got one). */
const ENTITIES_WITHOUT_PUBLIC_TYPE: string[] = [];

function offenders(schema: GraphQLSchema): string[] {
  const types = Object.values(schema.getTypeMap());
  const entities = [
    ...types.filter((t) => isObjectType(t) && !t.name.startsWith('__')).map((t) => t.name.toLowerCase()),
    ...ENTITIES_WITHOUT_PUBLIC_TYPE,
  ];
  const out: string[] = [];
  for (const input of types.filter(isInputObjectType)) {
    for (const field of Object.values(input.getFields())) {
      if (getNamedType(field.type).name !== 'ID') continue;
      const stem = /^(.*?)Ids?$/.exec(field.name)?.[1]?.toLowerCase() ?? '';
      if (!stem || !entities.some((e) => stem.endsWith(e))) out.push(`${input.name}.${field.name}`);
    }
  }
  return out.sort();
}

describe('input id naming', () => {
  const sdl = fs.readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8');

  it('every ID field of every public input names its entity (<entity>Id / <entity>Ids)', () => {
    assert.deepEqual(offenders(buildSchema(sdl)), []);
  });

  it('the rule catches a bare id, a hidden entity and a list that names no entity', () => {
    const bad = buildSchema(`
      type Sku { id: ID! } type EarnRule { id: ID! } type Customer { id: ID! }
      type Query { sku: Sku rule: EarnRule customer: Customer }
      input UpdateSkuInput { id: ID! }
      input SetEarnRuleStatusInput { ruleId: ID! }
      input UpdateSegmentInput { addMemberIds: [ID!] addMemberCustomerIds: [ID!] }
      input Fine { skuId: ID! earnRuleId: ID! note: String }
    `);
    assert.deepEqual(offenders(bad), [
      'SetEarnRuleStatusInput.ruleId',
      'UpdateSegmentInput.addMemberIds',
      'UpdateSkuInput.id',
    ]);
  });
});
