/** Form fields shared by the add and re-price dialogs: price, visibility (tiers, segments) and schedule. */
import DatePicker from 'antd/es/date-picker';
import Form from 'antd/es/form';
import InputNumber from 'antd/es/input-number';
import Radio from 'antd/es/radio';
import Select from 'antd/es/select';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PriceMode } from '../../gql/graphql';
import type { Price } from './pricing';

export interface CurationBank {
  id: string;
  pointsPerYuan: number;
  maxPointsShareBp: number;
  malls: { id: string; name: string }[];
  tiers: { id: string; name: string; rank: number }[];
  segments: { id: string; name: string }[];
}

export interface PriceForm {
  priceMode: PriceMode;
  pricePoints?: number | null;
  priceYuan?: number | null;
}

export interface TermsForm {
  visibleTierIds?: string[];
  targetSegmentIds?: string[];
  startsAt?: Dayjs | null;
  endsAt?: Dayjs | null;
  status?: 'ACTIVE' | 'PAUSED';
}

/** The price a price form describes (the parts its mode does not use are 0). */
export function priceOf(v: Partial<PriceForm>): Price {
  const mode = v.priceMode ?? 'POINTS';
  const points = mode === 'CASH' ? 0 : Math.round(v.pricePoints ?? 0);
  const fen = mode === 'POINTS' ? 0 : Math.round((v.priceYuan ?? 0) * 100);
  return { priceMode: mode, points, fen };
}

/** What the terms form adds to a listing row. */
export function termsOf(v: TermsForm) {
  return {
    visibleTierIds: v.visibleTierIds ?? [],
    targetSegmentIds: v.targetSegmentIds ?? [],
    startsAt: v.startsAt?.toISOString() ?? null,
    endsAt: v.endsAt?.toISOString() ?? null,
    status: v.status ?? 'ACTIVE',
  };
}

export function PriceModeField({ name = 'priceMode' }: { name?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={t('curation.priceMode')} rules={[{ required: true }]}>
      <Radio.Group
        optionType="button"
        data-testid="price-mode"
        options={(['POINTS', 'CASH', 'POINTS_PLUS_CASH'] as const).map((m) => ({
          value: m,
          label: t(`curation.mode.${m}`),
        }))}
      />
    </Form.Item>
  );
}

/** Points and cash inputs; which are shown follows the mode chosen in the same form. */
export function PriceFields() {
  const { t } = useTranslation();
  const mode = Form.useWatch<PriceMode | undefined>('priceMode');
  return (
    <>
      <PriceModeField />
      {mode !== 'CASH' && (
        <Form.Item name="pricePoints" label={t('curation.points')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1_000_000_000} precision={0} style={{ width: 200 }} data-testid="price-points" />
        </Form.Item>
      )}
      {mode !== 'POINTS' && (
        <Form.Item name="priceYuan" label={t('curation.cashYuan')} rules={[{ required: true }]}>
          <InputNumber min={0.01} max={10_000_000} precision={2} style={{ width: 200 }} data-testid="price-cash" />
        </Form.Item>
      )}
    </>
  );
}

export function TermsFields({ bank }: { bank: CurationBank }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="visibleTierIds" label={t('curation.tiers')} extra={t('curation.tiersHint')}>
        <Select
          mode="multiple"
          allowClear
          data-testid="visible-tiers"
          options={bank.tiers.map((tier) => ({ value: tier.id, label: tier.name }))}
        />
      </Form.Item>
      <Form.Item name="targetSegmentIds" label={t('curation.segments')} extra={t('curation.segmentsHint')}>
        <Select
          mode="multiple"
          allowClear
          data-testid="target-segments"
          options={bank.segments.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item name="startsAt" label={t('curation.startsAt')} extra={t('curation.startsAtHint')}>
        <DatePicker showTime data-testid="starts-at" />
      </Form.Item>
      <Form.Item
        name="endsAt"
        label={t('curation.endsAt')}
        extra={t('curation.endsAtHint')}
        dependencies={['startsAt']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, end: Dayjs | null | undefined) => {
              const start = getFieldValue('startsAt') as Dayjs | null | undefined;
              return !end || !start || end.isAfter(start)
                ? Promise.resolve()
                : Promise.reject(new Error(t('curation.endsAfterStart')));
            },
          }),
        ]}
      >
        <DatePicker showTime data-testid="ends-at" />
      </Form.Item>
      <Form.Item name="status" label={t('curation.status')}>
        <Radio.Group
          options={(['ACTIVE', 'PAUSED'] as const).map((s) => ({ value: s, label: t(`curation.statusName.${s}`) }))}
        />
      </Form.Item>
    </>
  );
}
