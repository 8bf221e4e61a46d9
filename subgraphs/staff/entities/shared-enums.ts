import { registerEnumType } from 'type-graphql';

// Enums other subgraphs own, declared here with the same values so approval requests carry the
// changes in the owners' terms (federation merges identical enum definitions).

export enum PointsTrack {
  REDEEMABLE = 'REDEEMABLE',
  TIER = 'TIER',
}
registerEnumType(PointsTrack, {
  name: 'PointsTrack',
  description: 'Redeemable points (spent in the mall) or tier points (decide the tier).',
});

export enum PriceMode {
  POINTS = 'POINTS',
  CASH = 'CASH',
  POINTS_PLUS_CASH = 'POINTS_PLUS_CASH',
}
registerEnumType(PriceMode, {
  name: 'PriceMode',
  description: 'How a listing is paid for: points only, cash only (fen), or points plus cash.',
});
