/**
 * 卡密库存 (supplier MANAGE_STOCK): the supplier's card kinds with their pools — available, held,
 * issued — the depletion forecast (`forecast`: codes issued over the last 7 days, days left at that
 * rate) and the low-pool alert (at or below the kind's threshold). Codes are uploaded from a text or
 * CSV file, one a line (first column), 5,000 a call (`uploadCodes`) with progress; duplicates are
 * counted and skipped by the API. With MANAGE_CATALOG: new card kinds and each kind's name, face value,
 * validity and threshold (`CardKindForm`: createVirtualCardKind / updateVirtualCardKind), and the card
 * SKUs each kind backs.
 */
import { useRef, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Checkbox from 'antd/es/checkbox';
import InputNumber from 'antd/es/input-number';
import Progress from 'antd/es/progress';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleCardPoolsQuery } from '../../gql/graphql';
import { useMe } from '../../me';
import { Pager, useCursorPages } from '../../paging';
import { fenToYuan } from '../orders/format';
import { CardKindForm, type CardKindFields } from './CardKindForm';
import { decodeText, MAX_FILE_BYTES, parseCsv } from './table-file';

const CardPoolsDocument = graphql(`
  query ConsoleCardPools($first: Int, $after: String, $depletingOnly: Boolean) {
    virtualCardKinds(first: $first, after: $after, depletingOnly: $depletingOnly) {
      edges {
        node {
          id
          name
          faceValueFen
          validityDays
          lowPoolThreshold
          skus {
            id
            code
          }
          pool {
            available
            reserved
            issued
            depleting
          }
          forecast(days: 7) {
            windowDays
            issued
            dailyIssueRate
            daysLeft
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const UploadCodesDocument = graphql(`
  mutation ConsoleUploadCodes($input: UploadCodesInput!) {
    uploadCodes(input: $input) {
      inserted
      duplicates {
        index
      }
      virtualCardKind {
        id
        pool {
          available
        }
      }
    }
  }
`);

const SetThresholdDocument = graphql(`
  mutation ConsoleSetLowPoolThreshold($input: SetLowPoolThresholdInput!) {
    setLowPoolThreshold(input: $input) {
      virtualCardKind {
        id
        lowPoolThreshold
        pool {
          depleting
        }
      }
    }
  }
`);

type Kind = ConsoleCardPoolsQuery['virtualCardKinds']['edges'][number]['node'];
/** uploadCodes takes at most 5,000 codes a call. */
const BATCH = 5000;
/** Codes of one file (more is refused before anything is sent). */
const MAX_CODES = 200_000;

export default function CardPools() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pages = useCursorPages();
  const [depletingOnly, setDepletingOnly] = useState(false);
  const { data, error, loading, reload } = useQuery(CardPoolsDocument, {
    first: 20,
    after: pages.after,
    depletingOnly,
  });
  const input = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<Kind | null>(null);
  const [upload, setUpload] = useState<{ kind: string; done: number; total: number } | null>(null);
  const [result, setResult] = useState<{ kind: string; inserted: number; duplicates: number } | null>(null);
  const kinds = data?.virtualCardKinds.edges.map((e) => e.node) ?? [];
  const me = useMe();
  // Card kinds are catalogue data: creating or editing one takes MANAGE_CATALOG (as the API checks).
  const canEditKinds = me.permissions.includes('MANAGE_CATALOG');
  const [editingKind, setEditingKind] = useState<CardKindFields | 'new' | null>(null);
  const depleting = kinds.filter((k) => k.pool.depleting);

  async function setThreshold(kind: Kind, lowPoolThreshold: number) {
    try {
      await request(SetThresholdDocument, { input: { virtualCardKindId: kind.id, lowPoolThreshold } });
      void message.success(t('cardPools.thresholdSet', { name: kind.name, threshold: lowPoolThreshold }));
    } catch (e) {
      void message.error(t('common.error', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      reload();
    }
  }

  async function send(kind: Kind, file: File) {
    if (file.size > MAX_FILE_BYTES) {
      void message.error(t('cardPools.tooLarge'));
      return;
    }
    const text = decodeText(new Uint8Array(await file.arrayBuffer()));
    const codes = parseCsv(text)
      .map((r) => (r[0] ?? '').trim())
      .filter((c) => c && !/^(code|卡密|codes?)$/i.test(c));
    if (codes.length === 0 || codes.length > MAX_CODES) {
      void message.error(t('cardPools.badCount', { max: MAX_CODES }));
      return;
    }
    let inserted = 0;
    let duplicates = 0;
    setResult(null);
    setUpload({ kind: kind.name, done: 0, total: codes.length });
    try {
      for (let start = 0; start < codes.length; start += BATCH) {
        const r = await request(UploadCodesDocument, {
          input: { virtualCardKindId: kind.id, codes: codes.slice(start, start + BATCH) },
        });
        inserted += r.uploadCodes.inserted;
        duplicates += r.uploadCodes.duplicates.length;
        setUpload({ kind: kind.name, done: Math.min(start + BATCH, codes.length), total: codes.length });
      }
      setResult({ kind: kind.name, inserted, duplicates });
    } catch (e) {
      void message.error(t('cardPools.failed', { message: e instanceof Error ? e.message : String(e), inserted }));
    } finally {
      setUpload(null);
      reload();
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-card-pools">
      <Typography.Title level={1}>{t('cardPools.title')}</Typography.Title>
      <Typography.Paragraph>{t('cardPools.intro')}</Typography.Paragraph>
      {depleting.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="low-pool-alert"
          title={t('cardPools.lowAlert', { names: depleting.map((k) => k.name).join('、') })}
        />
      )}
      {error && <Alert type="error" title={t('common.error', { message: error.message })} />}
      {canEditKinds && (
        <Space>
          <Button type="primary" data-testid="new-card-kind" onClick={() => setEditingKind('new')}>
            {t('cardPools.newKind')}
          </Button>
        </Space>
      )}
      <CardKindForm
        kind={editingKind}
        onClose={() => setEditingKind(null)}
        onSaved={(name) => {
          void message.success(t('cardPools.kindSaved', { name }));
          setEditingKind(null);
          reload();
        }}
      />
      <input
        ref={input}
        type="file"
        accept=".txt,.csv,text/plain,text/csv"
        style={{ display: 'none' }}
        aria-label={t('cardPools.choose')}
        data-testid="codes-file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f && target) void send(target, f);
        }}
      />
      <Checkbox
        checked={depletingOnly}
        onChange={(e) => {
          setDepletingOnly(e.target.checked);
          pages.reset();
        }}
        data-testid="depleting-only"
      >
        {t('cardPools.depletingOnly')}
      </Checkbox>
      {upload && (
        <div data-testid="codes-uploading">
          <Typography.Text>{t('cardPools.uploading', upload)}</Typography.Text>
          <Progress
            percent={Math.floor((upload.done / upload.total) * 100)}
            aria-label={t('cardPools.uploading', upload)}
          />
        </div>
      )}
      {result && <Alert type="success" showIcon data-testid="codes-uploaded" title={t('cardPools.uploaded', result)} />}
      <Table<Kind>
        rowKey="id"
        loading={loading}
        dataSource={kinds}
        pagination={false}
        onRow={(k) => ({ 'data-testid': `pool-${k.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('cardPools.name'), dataIndex: 'name' },
          {
            title: t('cardPools.faceValue'),
            key: 'face',
            render: (_, k) => <span data-testid={`pool-face-value-${k.id}`}>¥{fenToYuan(k.faceValueFen)}</span>,
          },
          {
            title: t('cardPools.validity'),
            key: 'validity',
            render: (_, k) => (
              <span data-testid={`pool-validity-${k.id}`}>{t('cardPools.days', { days: k.validityDays })}</span>
            ),
          },
          {
            title: t('cardPools.skus'),
            key: 'skus',
            render: (_, k) =>
              k.skus.length ? k.skus.map((s) => <Tag key={s.id}>{s.code}</Tag>) : t('cardPools.noSkus'),
          },
          {
            title: t('cardPools.available'),
            key: 'available',
            render: (_, k) => (
              <Space>
                <span data-testid={`pool-available-${k.id}`}>{k.pool.available}</span>
                {k.pool.depleting && <Tag color="red">{t('cardPools.low')}</Tag>}
              </Space>
            ),
          },
          { title: t('cardPools.reserved'), key: 'reserved', render: (_, k) => k.pool.reserved },
          { title: t('cardPools.issued'), key: 'issued', render: (_, k) => k.pool.issued },
          {
            title: t('cardPools.threshold'),
            key: 'threshold',
            render: (_, k) => (
              <InputNumber
                key={`${k.id}-${k.lowPoolThreshold}`}
                size="small"
                min={0}
                max={1_000_000}
                precision={0}
                defaultValue={k.lowPoolThreshold}
                aria-label={t('cardPools.thresholdOf', { name: k.name })}
                data-testid={`pool-threshold-${k.id}`}
                onBlur={(e) => {
                  const v = Number(e.target.value);
                  if (Number.isInteger(v) && v >= 0 && v !== k.lowPoolThreshold) void setThreshold(k, v);
                }}
                onPressEnter={(e) => (e.target as HTMLInputElement).blur()}
              />
            ),
          },
          {
            title: t('cardPools.rate'),
            key: 'rate',
            render: (_, k) => t('cardPools.perDay', { rate: k.forecast.dailyIssueRate, days: k.forecast.windowDays }),
          },
          {
            title: t('cardPools.daysLeft'),
            key: 'daysLeft',
            render: (_, k) => (
              <span data-testid={`pool-days-left-${k.id}`}>
                {k.forecast.daysLeft === null || k.forecast.daysLeft === undefined
                  ? t('cardPools.noIssues')
                  : t('cardPools.days', { days: k.forecast.daysLeft })}
              </span>
            ),
          },
          {
            title: t('cardPools.actions'),
            key: 'actions',
            render: (_, k) => (
              <Space>
                <Button
                  size="small"
                  disabled={!!upload}
                  data-testid={`upload-codes-${k.id}`}
                  onClick={() => {
                    setTarget(k);
                    input.current?.click();
                  }}
                >
                  {t('cardPools.upload')}
                </Button>
                {canEditKinds && (
                  <Button size="small" data-testid={`edit-card-kind-${k.id}`} onClick={() => setEditingKind(k)}>
                    {t('cardPools.edit')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={data?.virtualCardKinds.pageInfo.hasNextPage}
        endCursor={data?.virtualCardKinds.pageInfo.endCursor}
        loading={loading}
        testId="pools"
      />
    </Space>
  );
}
