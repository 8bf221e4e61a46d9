/**
 * Tiers and segments: the bank's tier ladder (MANAGE_BANK_SETTINGS to change it) and its segments
 * (RUN_CAMPAIGNS to change them), each editable where the person holds the permission the API checks.
 */
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { useMe } from '../me';
import SegmentList from './tiers/SegmentList';
import TierEvaluation from './tiers/TierEvaluation';
import TierLadder from './tiers/TierLadder';

export default function TiersSegments() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-tiers">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('tiers.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('tiers.intro')}</Typography.Paragraph>
      </div>
      <TierLadder canEdit={me.permissions.includes('MANAGE_BANK_SETTINGS')} />
      <TierEvaluation canEdit={me.permissions.includes('MANAGE_BANK_SETTINGS')} />
      <SegmentList canEdit={me.permissions.includes('RUN_CAMPAIGNS')} />
    </Space>
  );
}
