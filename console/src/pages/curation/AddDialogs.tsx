/**
 * Adding pool SKUs to the mall: one at a time on its own price, or many at once priced by a rule
 * (markup over cost) in createListings calls of at most 500, with progress and every refusal listed.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Progress from 'antd/es/progress';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import type { ConsoleCurationPoolIdsQuery, ListingRowInput, SkuPoolFilter } from '../../gql/graphql';
import {
  alreadyListed,
  createInBatches,
  MAX_ALL_MATCHING,
  needsApproval,
  type PriceWarningType,
  type Progress as Done,
  type Refusal,
} from './batch';
import {
  PriceFields,
  PriceModeField,
  TermsFields,
  priceOf,
  termsOf,
  type CurationBank,
  type PriceForm,
  type TermsForm,
} from './fields';
import { CurationCreateListingDocument, CurationPoolIdsDocument, CurationRequestApprovalDocument } from './operations';
import { formatPrice, isBelowCost, priceFromRule, yuan } from './pricing';

export interface PoolPick {
  id: string;
  title: string;
  supplierPriceFen: number;
}

export function RefusalTable({ refused }: { refused: Refusal[] }) {
  const { t } = useTranslation();
  if (!refused.length) return null;
  return (
    <Table<Refusal>
      rowKey={(r) => r.skuId ?? r.listingId ?? r.title}
      size="small"
      data-testid="refusals"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={refused}
      columns={[
        { title: t('curation.sku'), key: 'what', render: (_, r) => `#${r.skuId ?? r.listingId} ${r.title}` },
        { title: t('curation.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}

export function WarningList({ warnings, testId }: { warnings: PriceWarningType[]; testId: string }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={testId}
      title={t('curation.belowCostDone', { count: warnings.length })}
      description={
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {warnings.slice(0, 10).map((w) => (
            <li key={`${w.skuId}-${w.listingId}`}>
              {t('curation.belowCostRow', {
                sku: w.skuId,
                listing: w.listingId ?? '—',
                cost: yuan(w.supplierPriceFen),
              })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

type OneForm = PriceForm & TermsForm;

export function AddOneDialog({
  bank,
  mallId,
  sku,
  onClose,
}: {
  bank: CurationBank;
  mallId: string;
  sku: PoolPick;
  onClose: (listed: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OneForm>();
  const values = Form.useWatch([], form) as OneForm | undefined;
  const price = priceOf(values ?? { priceMode: 'POINTS' });
  const below = (price.points > 0 || price.fen > 0) && isBelowCost(price, sku.supplierPriceFen, bank);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ listingId: string; warnings: PriceWarningType[]; approval?: string } | null>(
    null,
  );

  const submit = async (v: OneForm) => {
    setBusy(true);
    setError(null);
    const p = priceOf(v);
    const input = {
      mallId,
      skuId: sku.id,
      priceMode: p.priceMode,
      pricePoints: p.points,
      priceFen: p.fen,
      ...termsOf(v),
    };
    try {
      const data = await request(CurationCreateListingDocument, { input });
      setResult({ listingId: data.createListing.listing.id, warnings: data.createListing.warnings });
    } catch (e) {
      const refusal = { code: e instanceof ApiError ? e.code : undefined, reason: String((e as Error).message) };
      if (!needsApproval(refusal)) {
        setError(refusal.reason);
        setBusy(false);
        return;
      }
      // The bank wants a second person for below-cost prices: list it paused at cost, then ask.
      try {
        const created = await request(CurationCreateListingDocument, {
          input: {
            ...input,
            priceMode: 'CASH',
            pricePoints: 0,
            priceFen: Math.max(1, sku.supplierPriceFen),
            status: 'PAUSED',
          },
        });
        const listingId = created.createListing.listing.id;
        const asked = await request(CurationRequestApprovalDocument, {
          input: {
            note: t('curation.approvalNote', { title: sku.title.slice(0, 200), price: formatPrice(p, t) }),
            listingPrice: { listingId, priceMode: p.priceMode, pricePoints: p.points, priceFen: p.fen },
          },
        });
        setResult({ listingId, warnings: [], approval: asked.requestApproval.id });
      } catch (e2) {
        setError(String((e2 as Error).message));
      }
    }
    setBusy(false);
  };

  return (
    <Modal
      open
      title={t('curation.addOne', { title: sku.title })}
      onCancel={() => onClose(result !== null)}
      footer={
        result ? (
          <Button type="primary" onClick={() => onClose(true)} data-testid="add-close">
            {t('curation.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={() => onClose(false)}>{t('curation.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="add-submit">
              {t('curation.addToMall')}
            </Button>
          </Space>
        )
      }
      width={640}
      destroyOnHidden
    >
      {result ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="success"
            showIcon
            data-testid="created-listing"
            data-listing-id={result.listingId}
            title={t('curation.created', { id: result.listingId })}
          />
          {result.approval && (
            <Alert
              type="info"
              showIcon
              data-testid="sent-for-approval"
              title={t('curation.sentForApproval', { id: result.approval })}
            />
          )}
          <WarningList warnings={result.warnings} testId="below-cost-warning" />
        </Space>
      ) : (
        <Form<OneForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ priceMode: 'POINTS', status: 'ACTIVE' }}
          aria-label={t('curation.addToMall')}
        >
          <Typography.Paragraph>
            {t('curation.costIs', { cost: yuan(sku.supplierPriceFen), rate: bank.pointsPerYuan })}
          </Typography.Paragraph>
          <PriceFields />
          {below && (
            <Alert
              type="warning"
              showIcon
              data-testid="below-cost-preview"
              title={t('curation.belowCostPreview', { cost: yuan(sku.supplierPriceFen) })}
              style={{ marginBottom: 16 }}
            />
          )}
          <TermsFields bank={bank} />
          {error && <Alert type="error" role="alert" title={error} data-testid="add-error" />}
        </Form>
      )}
    </Modal>
  );
}

interface RuleForm extends TermsForm {
  priceMode: 'POINTS' | 'CASH' | 'POINTS_PLUS_CASH';
  markupPercent: number;
  pointsSharePercent?: number;
}

type Phase =
  { kind: 'form' } | { kind: 'collect'; found: number } | { kind: 'check' } | { kind: 'create'; progress: Done };

export function BulkAddDialog({
  bank,
  mallId,
  picks,
  filter,
  onClose,
}: {
  bank: CurationBank;
  mallId: string;
  /** The SKUs chosen; null: every SKU matching the filter (up to 5,000). */
  picks: PoolPick[] | null;
  filter: SkuPoolFilter;
  onClose: (listed: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleForm>();
  const mode = Form.useWatch('priceMode', form);
  const markup = Form.useWatch('markupPercent', form);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{
    created: number;
    refused: Refusal[];
    warnings: PriceWarningType[];
    truncated: boolean;
  } | null>(null);

  const run = async (v: RuleForm) => {
    setError(null);
    try {
      let skus = picks;
      let truncated = false;
      if (!skus) {
        skus = [];
        let after: string | null = null;
        setPhase({ kind: 'collect', found: 0 });
        for (;;) {
          const page: ConsoleCurationPoolIdsQuery = await request(CurationPoolIdsDocument, { filter, after });
          for (const e of page.poolSkus.edges)
            skus.push({ id: e.node.id, title: e.node.title, supplierPriceFen: e.node.supplierPriceFen ?? 0 });
          setPhase({ kind: 'collect', found: skus.length });
          if (!page.poolSkus.pageInfo.hasNextPage || !page.poolSkus.pageInfo.endCursor) break;
          if (skus.length >= MAX_ALL_MATCHING) {
            truncated = true;
            break;
          }
          after = page.poolSkus.pageInfo.endCursor;
        }
        skus = skus.slice(0, MAX_ALL_MATCHING);
      }
      setPhase({ kind: 'check' });
      const listed = await alreadyListed(
        mallId,
        skus.map((s) => s.id),
      );
      const refused: Refusal[] = skus
        .filter((s) => listed.has(s.id))
        .map((s) => ({ skuId: s.id, title: s.title, reason: t('curation.alreadyListed') }));
      const rule = {
        mode: v.priceMode,
        markupBp: Math.round(v.markupPercent * 100),
        pointsShareBp: v.pointsSharePercent != null ? Math.round(v.pointsSharePercent * 100) : null,
      };
      const terms = termsOf(v);
      const rows: (ListingRowInput & { title: string })[] = skus
        .filter((s) => !listed.has(s.id))
        .map((s) => {
          const p = priceFromRule(s.supplierPriceFen, rule, bank);
          return {
            skuId: s.id,
            title: s.title,
            priceMode: p.priceMode,
            pricePoints: p.points,
            priceFen: p.fen,
            ...terms,
          };
        });
      const done = await createInBatches(mallId, rows, (progress) => setPhase({ kind: 'create', progress }));
      setPhase({ kind: 'create', progress: { done: rows.length, total: rows.length } });
      setOutcome({
        created: done.created.length,
        refused: [...refused, ...done.refused],
        warnings: done.warnings,
        truncated,
      });
    } catch (e) {
      setError(String((e as Error).message));
      setPhase({ kind: 'form' });
    }
  };

  const running = phase.kind !== 'form' && !outcome;
  const belowCostRule = markup != null && markup < 100;
  return (
    <Modal
      open
      title={picks ? t('curation.bulkAddChosen', { count: picks.length }) : t('curation.bulkAddAll')}
      closable={!running}
      mask={{ closable: false }}
      onCancel={() => !running && onClose(outcome !== null && outcome.created > 0)}
      width={720}
      destroyOnHidden
      footer={
        outcome ? (
          <Button type="primary" onClick={() => onClose(outcome.created > 0)} data-testid="bulk-close">
            {t('curation.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={() => onClose(false)} disabled={running}>
              {t('curation.cancel')}
            </Button>
            <Button type="primary" loading={running} onClick={() => form.submit()} data-testid="bulk-submit">
              {t('curation.addToMall')}
            </Button>
          </Space>
        )
      }
    >
      {phase.kind === 'form' ? (
        <Form<RuleForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void run(v)}
          initialValues={{ priceMode: 'POINTS', markupPercent: 115, pointsSharePercent: 50, status: 'ACTIVE' }}
          aria-label={t('curation.bulkAdd')}
        >
          <Typography.Paragraph>{t('curation.ruleHint', { rate: bank.pointsPerYuan })}</Typography.Paragraph>
          <PriceModeField />
          <Form.Item name="markupPercent" label={t('curation.markup')} rules={[{ required: true }]}>
            <InputNumber min={1} max={1000} precision={2} suffix="%" data-testid="bulk-markup" />
          </Form.Item>
          {mode === 'POINTS_PLUS_CASH' && (
            <Form.Item
              name="pointsSharePercent"
              label={t('curation.pointsShare')}
              extra={t('curation.pointsShareCap', { cap: bank.maxPointsShareBp / 100 })}
            >
              <InputNumber min={1} max={100} precision={2} suffix="%" />
            </Form.Item>
          )}
          {belowCostRule && (
            <Alert
              type="warning"
              showIcon
              data-testid="bulk-below-cost-preview"
              title={t('curation.belowCostRule')}
              style={{ marginBottom: 16 }}
            />
          )}
          <TermsFields bank={bank} />
          {error && <Alert type="error" role="alert" title={error} />}
        </Form>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="bulk-run">
          {phase.kind === 'collect' && (
            <Typography.Text data-testid="bulk-collecting">
              {t('curation.collecting', { count: phase.found })}
            </Typography.Text>
          )}
          {phase.kind === 'check' && <Typography.Text>{t('curation.checking')}</Typography.Text>}
          {phase.kind === 'create' && (
            <>
              <Progress
                percent={phase.progress.total ? Math.floor((phase.progress.done * 100) / phase.progress.total) : 100}
                status={outcome ? (outcome.refused.length ? 'normal' : 'success') : 'active'}
                aria-label={t('curation.progress')}
              />
              <Typography.Text data-testid="bulk-progress">
                {t('curation.progressText', { done: phase.progress.done, total: phase.progress.total })}
              </Typography.Text>
            </>
          )}
          {outcome && (
            <>
              <Alert
                type={outcome.refused.length ? 'warning' : 'success'}
                showIcon
                data-testid="bulk-summary"
                data-created={outcome.created}
                data-refused={outcome.refused.length}
                title={t('curation.bulkSummary', { created: outcome.created, refused: outcome.refused.length })}
              />
              {outcome.truncated && (
                <Alert
                  type="info"
                  showIcon
                  title={t('curation.truncated', { max: MAX_ALL_MATCHING.toLocaleString() })}
                />
              )}
              <WarningList warnings={outcome.warnings} testId="bulk-below-cost-warning" />
              <RefusalTable refused={outcome.refused} />
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}
