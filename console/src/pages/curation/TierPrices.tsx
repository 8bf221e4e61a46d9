/**
 * A listing's prices per tier (setListingTierPrices): one row per tier of the bank — no tier price,
 * or a mode with points and cash — saved together. The API checks every price (a free one, 0 + 0,
 * needs the listing's purchase limit) and shows why it refuses. Where the bank wants a second person
 * for below-cost prices, the same prices go to the approvals inbox (requestApproval listingTierPrices).
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Radio from 'antd/es/radio';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import type { PriceMode } from '../../gql/graphql';
import type { CurationBank } from './fields';
import { CurationRequestApprovalDocument, CurationSetTierPricesDocument } from './operations';
import { formatPrice } from './pricing';

export interface TierPriceRow {
  tierId: string;
  priceMode: PriceMode;
  pricePoints: number;
  priceFen: number;
}

interface Draft {
  mode: PriceMode | 'NONE';
  points: number;
  yuan: number;
}

/** The tier prices of a listing as tags ("金卡 ¥60.00"), in ladder order. */
export function TierPriceTags({
  bank,
  prices,
  listingId,
}: {
  bank: CurationBank;
  prices: TierPriceRow[];
  listingId: string;
}) {
  const { t } = useTranslation();
  const shown = bank.tiers.map((tier) => ({ tier, p: prices.find((x) => x.tierId === tier.id) })).filter((x) => x.p);
  return (
    <span data-testid={`listing-tier-prices-${listingId}`}>
      {shown.length
        ? shown.map(({ tier, p }) => (
            <Tag key={tier.id}>
              {tier.name} {formatPrice({ priceMode: p!.priceMode, points: p!.pricePoints, fen: p!.priceFen }, t)}
            </Tag>
          ))
        : t('curation.tierPricesNone')}
    </span>
  );
}

export function TierPricesDialog({
  bank,
  listing,
  onClose,
}: {
  bank: CurationBank;
  listing: { id: string; title: string; tierPrices: TierPriceRow[] };
  /** Called with true when the prices were saved. */
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(
      bank.tiers.map((tier) => {
        const p = listing.tierPrices.find((x) => x.tierId === tier.id);
        return [
          tier.id,
          p
            ? { mode: p.priceMode, points: p.pricePoints, yuan: p.priceFen / 100 }
            : { mode: 'NONE', points: 0, yuan: 0 },
        ];
      }),
    ),
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The approval request the prices went to, when the bank holds them for a second person. */
  const [sentFor, setSentFor] = useState<string | null>(null);
  const set = (tierId: string, d: Partial<Draft>) =>
    setDrafts((old) => ({ ...old, [tierId]: { ...old[tierId]!, ...d } }));

  const save = async () => {
    setSaving(true);
    setError(null);
    const prices: TierPriceRow[] = bank.tiers
      .filter((tier) => drafts[tier.id]!.mode !== 'NONE')
      .map((tier) => {
        const d = drafts[tier.id]!;
        const mode = d.mode as PriceMode;
        return {
          tierId: tier.id,
          priceMode: mode,
          pricePoints: mode === 'CASH' ? 0 : Math.round(d.points),
          priceFen: mode === 'POINTS' ? 0 : Math.round(d.yuan * 100),
        };
      });
    try {
      await request(CurationSetTierPricesDocument, { input: { listingId: listing.id, prices } });
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'FORBIDDEN' && e.message.includes('listingTierPrices')) {
        try {
          const asked = await request(CurationRequestApprovalDocument, {
            input: {
              note: t('curation.tierApprovalNote', { title: listing.title.slice(0, 200) }),
              listingTierPrices: { listingId: listing.id, prices },
            },
          });
          setSentFor(asked.requestApproval.id);
        } catch (asking) {
          setError((asking as Error).message);
        }
      } else setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('curation.tierPricesTitle', { title: listing.title })}
      onCancel={() => onClose(false)}
      destroyOnHidden
      width={720}
      footer={
        <Space>
          <Button onClick={() => onClose(false)}>{t('curation.cancel')}</Button>
          {sentFor === null && (
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="tier-prices-submit">
              {t('curation.tierPricesSave')}
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('curation.tierPricesHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon role="alert" data-testid="tier-prices-error" title={error} />}
        {sentFor !== null && (
          <Alert
            type="info"
            showIcon
            role="status"
            data-testid="tier-prices-sent"
            title={t('curation.tierPricesSentForApproval', { id: sentFor })}
          />
        )}
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={bank.tiers}
          columns={[
            { title: t('curation.tiers'), dataIndex: 'name' },
            {
              title: t('curation.priceMode'),
              key: 'mode',
              render: (_, tier) => (
                <Radio.Group
                  optionType="button"
                  size="small"
                  aria-label={`${tier.name} ${t('curation.priceMode')}`}
                  data-testid={`tier-mode-${tier.id}`}
                  value={drafts[tier.id]!.mode}
                  onChange={(e) => set(tier.id, { mode: e.target.value as Draft['mode'] })}
                  options={(['NONE', 'POINTS', 'CASH', 'POINTS_PLUS_CASH'] as const).map((m) => ({
                    value: m,
                    label: m === 'NONE' ? t('curation.noTierPrice') : t(`curation.mode.${m}`),
                  }))}
                />
              ),
            },
            {
              title: t('curation.points'),
              key: 'points',
              render: (_, tier) => (
                <InputNumber
                  min={0}
                  max={1_000_000_000}
                  precision={0}
                  aria-label={`${tier.name} ${t('curation.points')}`}
                  data-testid={`tier-points-${tier.id}`}
                  disabled={drafts[tier.id]!.mode === 'NONE' || drafts[tier.id]!.mode === 'CASH'}
                  value={drafts[tier.id]!.points}
                  onChange={(v) => set(tier.id, { points: Number(v ?? 0) })}
                />
              ),
            },
            {
              title: t('curation.cashYuan'),
              key: 'cash',
              render: (_, tier) => (
                <InputNumber
                  min={0}
                  max={10_000_000}
                  precision={2}
                  aria-label={`${tier.name} ${t('curation.cashYuan')}`}
                  data-testid={`tier-cash-${tier.id}`}
                  disabled={drafts[tier.id]!.mode === 'NONE' || drafts[tier.id]!.mode === 'POINTS'}
                  value={drafts[tier.id]!.yuan}
                  onChange={(v) => set(tier.id, { yuan: Number(v ?? 0) })}
                />
              ),
            },
            {
              title: '',
              key: 'clear',
              render: (_, tier) => (
                <Button
                  size="small"
                  aria-label={t('curation.clearTierPrice', { tier: tier.name })}
                  data-testid={`tier-clear-${tier.id}`}
                  onClick={() => set(tier.id, { mode: 'NONE', points: 0, yuan: 0 })}
                >
                  {t('curation.reset')}
                </Button>
              ),
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
