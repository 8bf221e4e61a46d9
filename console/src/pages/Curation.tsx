/**
 * Mall curation (bank staff with CURATE_LISTINGS): search the shared pool and add SKUs to one of the
 * bank's malls, singly or in bulk, priced in points, cash or both; then keep the mall's listings —
 * re-price, pause and resume in bulk. The API checks every permission and price rule again.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import Form from 'antd/es/form';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Spin from 'antd/es/spin';
import Tabs from 'antd/es/tabs';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../api';
import type { CurationBank } from './curation/fields';
import { ListingsTab } from './curation/ListingsTab';
import { CurationBankDocument } from './curation/operations';
import { PoolTab } from './curation/PoolTab';

export default function Curation() {
  const { t } = useTranslation();
  const { data, error, loading } = useQuery(CurationBankDocument, {});
  const [mallId, setMallId] = useState<string | null>(null);
  const [tab, setTab] = useState('pool');
  /** Bumped when listings were added, so the listings tab reads them afresh. */
  const [generation, setGeneration] = useState(0);
  const bank: CurationBank | undefined = data && {
    ...data.bank,
    segments: data.bank.segments.edges.map((e) => e.node),
  };
  const mall = mallId ?? bank?.malls[0]?.id ?? null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-curation">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('curation.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('curation.intro')}</Typography.Paragraph>
      </div>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      {loading && !bank && <Spin aria-label={t('common.loading')} />}
      {bank && !mall && <Alert type="info" title={t('curation.noMall')} />}
      {bank && mall && (
        <>
          <Form layout="inline" aria-label={t('curation.mall')}>
            <Form.Item label={t('curation.mall')} htmlFor="curation-mall">
              <Select
                id="curation-mall"
                value={mall}
                onChange={(v: string) => {
                  setMallId(v);
                  setGeneration((g) => g + 1);
                }}
                style={{ minWidth: 200 }}
                data-testid="curation-mall"
                options={bank.malls.map((m) => ({ value: m.id, label: m.name }))}
              />
            </Form.Item>
          </Form>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'pool',
                label: <span data-testid="tab-pool">{t('curation.poolTab')}</span>,
                children: <PoolTab key={mall} bank={bank} mallId={mall} onListed={() => setGeneration((g) => g + 1)} />,
              },
              {
                key: 'listings',
                label: <span data-testid="tab-listings">{t('curation.listingsTab')}</span>,
                children: <ListingsTab key={`${mall}-${generation}`} bank={bank} mallId={mall} />,
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
