import type { CampaignStatus } from '../../gql/graphql';

/** Tag colours of campaign statuses (antd preset colours, which keep the theme's contrast). */
export const STATUS_COLOURS: Record<CampaignStatus, string> = {
  DRAFT: 'default',
  SCHEDULED: 'blue',
  LIVE: 'green',
  ENDED: 'default',
  CANCELLED: 'red',
};
