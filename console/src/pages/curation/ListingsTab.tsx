/**
 * The mall's current listings: keyset pages with filters, and bulk changes to the rows chosen —
 * re-price (one price for all, or ± a percentage of each one's price) and pause/resume — through
 * updateListing a few at a time, with progress and each row's outcome.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Form from 'antd/es/form';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Progress from 'antd/es/progress';
import Radio from 'antd/es/radio';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { request, useQuery } from '../../api';
import type { ConsoleCurationListingsQuery, ListingFilter, ListingStatus, PriceMode } from '../../gql/graphql';
import { RefusalTable, WarningList } from './AddDialogs';
import { needsApproval, updateInBatches, type Progress as Done, type UpdateOutcome } from './batch';
import { PriceFields, priceOf, type CurationBank, type PriceForm } from './fields';
import { CurationListingsDocument, CurationRequestApprovalDocument } from './operations';
import { formatPrice, isBelowCost, scaled } from './pricing';
import { TierPriceTags, TierPricesDialog } from './TierPrices';

type Listing = ConsoleCurationListingsQuery['mall']['listings']['edges'][number]['node'];
const PAGE_SIZE = 50;

type Change = { kind: 'reprice' } | { kind: 'status'; status: ListingStatus };

interface RepriceForm extends PriceForm {
  how: 'set' | 'percent';
  percent?: number;
}

export function ListingsTab({ bank, mallId }: { bank: CurationBank; mallId: string }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<ListingFilter>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const { data, error, loading, reload } = useQuery(CurationListingsDocument, {
    mallId,
    filter,
    first: PAGE_SIZE,
    after,
  });
  const page = data?.mall.listings;
  const listings = page?.edges.map((e) => e.node) ?? [];
  const [chosen, setChosen] = useState<Map<string, Listing>>(new Map());
  const [change, setChange] = useState<Change | null>(null);
  const [progress, setProgress] = useState<Done | null>(null);
  const [outcome, setOutcome] = useState<(UpdateOutcome & { approvals: number }) | null>(null);
  const [tierPricesOf, setTierPricesOf] = useState<Listing | null>(null);
  const [form] = Form.useForm<RepriceForm>();
  const repriceValues = Form.useWatch([], form) as RepriceForm | undefined;
  const how = repriceValues?.how;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const run = async (c: Change, v?: RepriceForm) => {
    const rows = [...chosen.values()];
    const changes = rows.map((l) => {
      if (c.kind === 'status') return { listingId: l.id, title: l.sku.title, status: c.status };
      const p =
        v!.how === 'percent'
          ? scaled(
              { priceMode: l.priceMode, points: l.pricePoints, fen: l.priceFen },
              Math.round((v!.percent ?? 0) * 100),
            )
          : priceOf(v!);
      return { listingId: l.id, title: l.sku.title, priceMode: p.priceMode, pricePoints: p.points, priceFen: p.fen };
    });
    const done = await updateInBatches(changes, setProgress);
    // Below-cost prices the bank's maker-checker policy holds go to the approvals inbox instead.
    let approvals = 0;
    const refused = [];
    for (const r of done.refused) {
      const asked = changes.find((x) => x.listingId === r.listingId);
      if (needsApproval(r) && asked && 'priceMode' in asked && asked.priceMode) {
        try {
          await request(CurationRequestApprovalDocument, {
            input: {
              note: t('curation.approvalNote', {
                title: asked.title.slice(0, 200),
                price: formatPrice(
                  { priceMode: asked.priceMode, points: asked.pricePoints ?? 0, fen: asked.priceFen ?? 0 },
                  t,
                ),
              }),
              listingPrice: {
                listingId: asked.listingId,
                priceMode: asked.priceMode,
                pricePoints: asked.pricePoints,
                priceFen: asked.priceFen,
              },
            },
          });
          approvals++;
          continue;
        } catch (e) {
          refused.push({ ...r, reason: String((e as Error).message) });
          continue;
        }
      }
      refused.push(r);
    }
    setOutcome({ ...done, refused, approvals });
    reload();
  };

  const start = (c: Change) => {
    setChange(c);
    setProgress(null);
    setOutcome(null);
    if (c.kind === 'status') void run(c);
  };
  const close = () => {
    setChange(null);
    setProgress(null);
    setOutcome(null);
    setChosen(new Map());
  };
  const previewBelow =
    change?.kind === 'reprice' && how === 'set'
      ? [...chosen.values()].filter((l) => {
          const p = priceOf(repriceValues ?? {});
          return (p.points > 0 || p.fen > 0) && isBelowCost(p, l.sku.supplierPriceFen ?? 0, bank);
        }).length
      : 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Form
          layout="inline"
          aria-label={t('curation.filterListings')}
          onValuesChange={(_, v: { status?: ListingStatus; priceMode?: PriceMode; priceGuard?: 'GUARDED' }) => {
            setFilter({
              ...(v.status ? { status: v.status } : {}),
              ...(v.priceMode ? { priceMode: v.priceMode } : {}),
              ...(v.priceGuard ? { priceGuarded: true } : {}),
            });
            setCursors([null]);
            setChosen(new Map());
          }}
        >
          <Form.Item name="status" label={t('curation.status')}>
            <Select
              allowClear
              style={{ width: 120 }}
              data-testid="listings-status"
              options={(['ACTIVE', 'PAUSED'] as const).map((s) => ({ value: s, label: t(`curation.statusName.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="priceMode" label={t('curation.priceMode')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={(['POINTS', 'CASH', 'POINTS_PLUS_CASH'] as const).map((m) => ({
                value: m,
                label: t(`curation.mode.${m}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="priceGuard" label={t('curation.priceGuard')}>
            <Select
              allowClear
              style={{ width: 180 }}
              data-testid="listings-price-guard"
              options={[{ value: 'GUARDED', label: t('curation.priceGuardOnly') }]}
            />
          </Form.Item>
        </Form>
      </Card>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Space wrap>
        <Typography.Text data-testid="listings-selected">
          {t('curation.chosen', { count: chosen.size })}
        </Typography.Text>
        <Button disabled={!chosen.size} onClick={() => start({ kind: 'reprice' })} data-testid="listings-reprice">
          {t('curation.reprice')}
        </Button>
        <Button
          disabled={!chosen.size}
          onClick={() => start({ kind: 'status', status: 'PAUSED' })}
          data-testid="listings-pause"
        >
          {t('curation.pause')}
        </Button>
        <Button
          disabled={!chosen.size}
          onClick={() => start({ kind: 'status', status: 'ACTIVE' })}
          data-testid="listings-resume"
        >
          {t('curation.resume')}
        </Button>
      </Space>
      <Table<Listing>
        rowKey="id"
        size="middle"
        loading={loading}
        pagination={false}
        dataSource={listings}
        locale={{ emptyText: t('curation.listingsEmpty') }}
        data-testid="listings-table"
        rowSelection={{
          selectedRowKeys: [...chosen.keys()],
          getCheckboxProps: (l) => ({ 'aria-label': t('curation.choose', { title: l.sku.title }) }),
          onChange: (keys) =>
            setChosen((old) => {
              const next = new Map(old);
              const set = new Set(keys.map(String));
              for (const l of listings) {
                if (set.has(l.id)) next.set(l.id, l);
                else next.delete(l.id);
              }
              return next;
            }),
        }}
        columns={[
          { title: t('curation.listing'), dataIndex: 'id', render: (id: string) => `#${id}` },
          { title: t('curation.sku'), key: 'sku', render: (_, l) => l.sku.title },
          {
            title: t('curation.price'),
            key: 'price',
            render: (_, l) => {
              const p = { priceMode: l.priceMode, points: l.pricePoints, fen: l.priceFen };
              const below = isBelowCost(p, l.sku.supplierPriceFen ?? 0, bank);
              return (
                <span data-testid={`listing-price-${l.id}`}>
                  {formatPrice(p, t)} {below && <Tag color="red">{t('curation.belowCost')}</Tag>}
                </span>
              );
            },
          },
          {
            title: t('curation.tierPrices'),
            key: 'tierPrices',
            render: (_, l) => (
              <Space size={4} wrap>
                <TierPriceTags bank={bank} prices={l.tierPrices ?? []} listingId={l.id} />
                <Button
                  size="small"
                  aria-label={t('curation.editTierPrices', { title: l.sku.title })}
                  data-testid={`tier-prices-${l.id}`}
                  onClick={() => setTierPricesOf(l)}
                >
                  {t('curation.tierPrices')}
                </Button>
              </Space>
            ),
          },
          {
            title: t('curation.status'),
            dataIndex: 'status',
            render: (s: ListingStatus, l) => (
              <Space size={4}>
                <Tag color={s === 'ACTIVE' ? 'blue' : 'default'}>{t(`curation.statusName.${s}`)}</Tag>
                {!l.skuOnSale && <Tag color="red">{t('curation.offSale')}</Tag>}
                {l.priceGuard && (
                  <Tag
                    color={l.priceGuard.state === 'PAUSED' ? 'red' : 'orange'}
                    data-testid={`listing-price-guard-${l.id}`}
                    title={t('curation.priceGuardHint')}
                  >
                    {t(`curation.priceGuardState.${l.priceGuard.state}`, {
                      cost: (l.priceGuard.supplierPriceFen / 100).toFixed(2),
                    })}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('curation.visibility'),
            key: 'visibility',
            render: (_, l) =>
              l.visibleTiers.length || l.targetSegments?.length
                ? [...l.visibleTiers, ...(l.targetSegments ?? [])].map((x) => <Tag key={x.id}>{x.name}</Tag>)
                : t('curation.everyone'),
          },
          {
            title: t('curation.schedule'),
            key: 'schedule',
            render: (_, l) =>
              l.startsAt || l.endsAt
                ? `${l.startsAt ? time.format(new Date(l.startsAt)) : '…'} – ${l.endsAt ? time.format(new Date(l.endsAt)) : '…'}`
                : t('curation.always'),
          },
        ]}
      />
      <Space>
        <Button
          disabled={cursors.length <= 1 || loading}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="listings-previous"
        >
          {t('curation.previous')}
        </Button>
        <Typography.Text>{t('curation.page', { page: cursors.length })}</Typography.Text>
        <Button
          disabled={!page?.pageInfo.hasNextPage || loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
          data-testid="listings-next"
        >
          {t('curation.next')}
        </Button>
      </Space>
      {tierPricesOf && (
        <TierPricesDialog
          bank={bank}
          listing={{ id: tierPricesOf.id, title: tierPricesOf.sku.title, tierPrices: tierPricesOf.tierPrices ?? [] }}
          onClose={(saved) => {
            setTierPricesOf(null);
            if (saved) reload();
          }}
        />
      )}
      {change && (
        <Modal
          open
          title={
            change.kind === 'reprice'
              ? t('curation.repriceTitle', { count: chosen.size })
              : t(change.status === 'PAUSED' ? 'curation.pauseTitle' : 'curation.resumeTitle', { count: chosen.size })
          }
          closable={!progress || outcome !== null}
          mask={{ closable: false }}
          onCancel={() => (!progress || outcome) && close()}
          destroyOnHidden
          footer={
            outcome || change.kind === 'status' ? (
              <Button type="primary" disabled={!outcome} onClick={close} data-testid="listings-change-close">
                {t('curation.close')}
              </Button>
            ) : (
              <Space>
                <Button onClick={close} disabled={progress !== null}>
                  {t('curation.cancel')}
                </Button>
                <Button
                  type="primary"
                  loading={progress !== null && !outcome}
                  onClick={() => form.submit()}
                  data-testid="reprice-submit"
                >
                  {t('curation.apply')}
                </Button>
              </Space>
            )
          }
        >
          {change.kind === 'reprice' && !progress && (
            <Form<RepriceForm>
              form={form}
              layout="vertical"
              aria-label={t('curation.reprice')}
              initialValues={{ how: 'percent', percent: 10, priceMode: 'POINTS' }}
              onFinish={(v) => void run(change, v)}
            >
              <Form.Item name="how" label={t('curation.repriceHow')}>
                <Radio.Group
                  data-testid="reprice-how"
                  options={[
                    { value: 'percent', label: t('curation.byPercent') },
                    { value: 'set', label: t('curation.setPrice') },
                  ]}
                />
              </Form.Item>
              {how === 'set' ? (
                <PriceFields />
              ) : (
                <Form.Item
                  name="percent"
                  label={t('curation.percent')}
                  extra={t('curation.percentHint')}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={-99} max={1000} precision={2} suffix="%" data-testid="reprice-percent" />
                </Form.Item>
              )}
              {previewBelow > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="reprice-below-cost-preview"
                  title={t('curation.belowCostSome', { count: previewBelow })}
                />
              )}
            </Form>
          )}
          {progress && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Progress
                percent={progress.total ? Math.floor((progress.done * 100) / progress.total) : 100}
                status={outcome ? 'success' : 'active'}
                aria-label={t('curation.progress')}
              />
              <Typography.Text data-testid="listings-progress">
                {t('curation.progressText', { done: progress.done, total: progress.total })}
              </Typography.Text>
            </Space>
          )}
          {outcome && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Alert
                type={outcome.refused.length ? 'warning' : 'success'}
                showIcon
                data-testid="listings-summary"
                data-updated={outcome.updated.length}
                title={t('curation.updateSummary', {
                  updated: outcome.updated.length,
                  refused: outcome.refused.length,
                })}
              />
              {outcome.approvals > 0 && (
                <Alert
                  type="info"
                  showIcon
                  data-testid="sent-for-approval"
                  title={t('curation.sentManyForApproval', { count: outcome.approvals })}
                />
              )}
              <WarningList warnings={outcome.warnings} testId="reprice-below-cost-warning" />
              <RefusalTable refused={outcome.refused} />
            </Space>
          )}
        </Modal>
      )}
    </Space>
  );
}
