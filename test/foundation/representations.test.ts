import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { collapseRepresentations, expandEntities } from '../../gateway/representations';

const sku = (id: string) => ({ __typename: 'Sku', id });

describe('the gateway sends duplicate _entities representations once', () => {
  it('collapses duplicates in first-seen order and leaves distinct lists alone', () => {
    const collapsed = collapseRepresentations([sku('7'), sku('8'), sku('7'), sku('7')]);
    assert.deepEqual(collapsed, { unique: [sku('7'), sku('8')], slots: [0, 1, 0, 0] });
    assert.equal(collapseRepresentations([sku('7'), sku('8')]), null);
    assert.equal(collapseRepresentations(undefined), null);
  });

  it('answers every representation asked for, in order, each place with its own objects', () => {
    const collapsed = collapseRepresentations([sku('7'), sku('8'), sku('7')])!;
    const response: GatewayGraphQLResponse = {
      data: {
        _entities: [
          { title: 'A', brand: { name: 'X' } },
          { title: 'B', brand: { name: 'Y' } },
        ],
      },
    };
    expandEntities(response, collapsed);
    const entities = (response.data as { _entities: { title: string; brand: { name: string } }[] })._entities;
    assert.deepEqual(
      entities.map((e) => e.title),
      ['A', 'B', 'A'],
    );
    assert.deepEqual(entities[2], entities[0]);
    assert.notEqual(entities[2], entities[0]);
    assert.notEqual(entities[2]!.brand, entities[0]!.brand);
  });

  it('puts an error on an entity at every place that entity was asked for', () => {
    const collapsed = collapseRepresentations([sku('7'), sku('8'), sku('7')])!;
    const response: GatewayGraphQLResponse = {
      data: { _entities: [null, { title: 'B' }] },
      errors: [
        { message: 'SKU 7 is not yours', path: ['_entities', 0, 'title'] },
        { message: 'elsewhere', path: ['other'] },
      ],
    };
    expandEntities(response, collapsed);
    assert.deepEqual(
      response.errors!.map((e) => [e.message, e.path]),
      [
        ['SKU 7 is not yours', ['_entities', 0, 'title']],
        ['SKU 7 is not yours', ['_entities', 2, 'title']],
        ['elsewhere', ['other']],
      ],
    );
    assert.deepEqual((response.data as { _entities: unknown[] })._entities, [null, { title: 'B' }, null]);
  });
});
