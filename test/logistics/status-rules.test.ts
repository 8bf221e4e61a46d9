import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ShipmentStatus as S } from '../../subgraphs/logistics/entities/shipment';
import {
  nextShipmentState,
  parseCallback,
  signCallback,
  type ShipmentState,
} from '../../subgraphs/logistics/services/tracking.service';

const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
/** Applies events in arrival order and returns the final status. */
function apply(events: [S, number][]): S {
  let state: ShipmentState = { status: S.LABEL_CREATED, progressRank: 0, statusAt: t(0) };
  for (const [status, m] of events) state = nextShipmentState(state, { status, occurredAt: t(m) }) ?? state;
  return state.status;
}

describe('shipment status rules', () => {
  it('moves forward whatever order events arrive in', () => {
    assert.equal(
      apply([
        [S.PICKED_UP, 1],
        [S.IN_TRANSIT, 2],
        [S.OUT_FOR_DELIVERY, 3],
      ]),
      S.OUT_FOR_DELIVERY,
    );
    assert.equal(
      apply([
        [S.OUT_FOR_DELIVERY, 3],
        [S.IN_TRANSIT, 2],
        [S.PICKED_UP, 1],
      ]),
      S.OUT_FOR_DELIVERY,
    );
  });

  it('treats DELIVERED and RETURNED as final: the first to arrive stays', () => {
    assert.equal(
      apply([
        [S.DELIVERED, 5],
        [S.IN_TRANSIT, 6],
        [S.EXCEPTION, 7],
        [S.RETURNED, 8],
      ]),
      S.DELIVERED,
    );
    assert.equal(
      apply([
        [S.RETURNED, 9],
        [S.DELIVERED, 5],
      ]),
      S.RETURNED,
    );
    assert.equal(
      apply([
        [S.PICKED_UP, 1],
        [S.DELIVERED, 0],
      ]),
      S.DELIVERED,
    ); // a delivery is a delivery, even with a skewed clock
  });

  it('shows an EXCEPTION only while it is the newest news, and clears it without going back', () => {
    assert.equal(
      apply([
        [S.IN_TRANSIT, 2],
        [S.EXCEPTION, 3],
      ]),
      S.EXCEPTION,
    );
    assert.equal(
      apply([
        [S.IN_TRANSIT, 4],
        [S.EXCEPTION, 3],
      ]),
      S.IN_TRANSIT,
    );
    assert.equal(
      apply([
        [S.OUT_FOR_DELIVERY, 3],
        [S.EXCEPTION, 4],
        [S.IN_TRANSIT, 5],
      ]),
      S.OUT_FOR_DELIVERY,
    );
    assert.equal(
      apply([
        [S.EXCEPTION, 4],
        [S.OUT_FOR_DELIVERY, 3],
      ]),
      S.EXCEPTION,
    ); // older progress is history
    assert.equal(
      apply([
        [S.EXCEPTION, 4],
        [S.OUT_FOR_DELIVERY, 3],
        [S.PICKED_UP, 5],
      ]),
      S.OUT_FOR_DELIVERY,
    ); // cleared to the furthest reached
    assert.equal(
      apply([
        [S.EXCEPTION, 4],
        [S.DELIVERED, 6],
      ]),
      S.DELIVERED,
    );
  });

  it('parses callbacks strictly and reports every problem by index', () => {
    assert.throws(() => parseCallback('{"events": []}'), /1 to 100 events/);
    assert.throws(() => parseCallback('[]'));
    try {
      parseCallback(
        JSON.stringify({
          events: [
            { eventId: 'a', trackingNumber: 'T1', status: 'PICKED_UP', occurredAt: 'yesterday' },
            { trackingNumber: 'T1', status: 'LABEL_CREATED', occurredAt: t(1).toISOString() },
          ],
        }),
      );
      assert.fail('accepted');
    } catch (e: any) {
      assert.deepEqual(
        e.extensions.problems.map((p: any) => [p.index, p.field]),
        [
          [0, 'occurredAt'],
          [1, 'eventId'],
          [1, 'status'],
        ],
      );
    }
    assert.match(signCallback('s', '{}'), /^sha256=[0-9a-f]{64}$/);
  });
});
