/**
 * From festival template to scheduled campaign in five steps: template (name and window prefilled
 * from the API's Chinese-calendar dates), listings by filter with campaign prices, audience
 * (segments and tiers, with the live audience size), preview (a DRAFT created on the server: its
 * items' subsidy per unit, the expected cost against the budget, the customer's view) and launch
 * (scheduleCampaign, or a maker-checker request where the bank's policy holds the launch).
 */
import { useEffect, useMemo, useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import DatePicker from 'antd/es/date-picker';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Progress from 'antd/es/progress';
import Radio from 'antd/es/radio';
import Result from 'antd/es/result';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Statistic from 'antd/es/statistic';
import Steps from 'antd/es/steps';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type {
  CampaignTemplate,
  ConsoleCampaignListingsQuery,
  ConsoleCampaignCostForecastQuery,
  ConsoleCampaignPreviewQuery,
  ConsoleCampaignTemplatesQuery,
  CreateCampaignInput,
  PriceMode,
} from '../../gql/graphql';
import { dayIn, discounted, formatters, midnightIn, type Price } from './format';

const TemplatesDocument = graphql(`
  query ConsoleCampaignTemplates {
    campaignTemplates {
      template
      name
      startsAt
      endsAt
      days
      discountBp
    }
  }
`);

const PoolSkusDocument = graphql(`
  query ConsoleCampaignPoolSkus($filter: SkuPoolFilter, $first: Int) {
    poolSkus(filter: $filter, first: $first) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const ListingsDocument = graphql(`
  query ConsoleCampaignListings($mallId: ID!, $filter: ListingFilter, $first: Int, $after: String) {
    mall(id: $mallId) {
      id
      listings(filter: $filter, first: $first, after: $after) {
        edges {
          node {
            id
            priceMode
            pricePoints
            priceFen
            sku {
              id
              title
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const AudienceDocument = graphql(`
  query ConsoleCampaignAudience($segmentIds: [ID!]!, $tierIds: [ID!]!) {
    campaignAudienceSize(targetSegmentIds: $segmentIds, targetTierIds: $tierIds)
  }
`);

const CreateDocument = graphql(`
  mutation ConsoleCreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      campaign {
        id
      }
      warnings {
        listingId
      }
    }
  }
`);

/** The API's expected cost of the DRAFT (`Campaign.costForecast`) at the operator's uptake. */
const ForecastDocument = graphql(`
  query ConsoleCampaignCostForecast($id: ID!, $uptakeBp: Int!) {
    campaign(id: $id) {
      id
      costForecast(uptakeBp: $uptakeBp) {
        uptakeBp
        audienceSize
        expectedUnits
        expectedCostFen
        worstCaseCostFen
        remainingFen
        exceedsRemainingBudget
        listings(first: 100) {
          edges {
            node {
              listingId
              expectedUnits
              expectedCostFen
            }
          }
        }
      }
    }
  }
`);

const PreviewDocument = graphql(`
  query ConsoleCampaignPreview($id: ID!) {
    campaign(id: $id) {
      id
      name
      status
      startsAt
      endsAt
      budgetFen
      items(first: 100) {
        edges {
          node {
            priceMode
            pricePoints
            priceFen
            unitSubsidyFen
            listing {
              id
              priceMode
              pricePoints
              priceFen
              sku {
                id
                title
              }
            }
          }
        }
      }
    }
  }
`);

const CancelDraftDocument = graphql(`
  mutation ConsoleCancelCampaignDraft($input: CancelCampaignInput!) {
    cancelCampaign(input: $input) {
      campaign {
        id
        status
      }
    }
  }
`);

const ScheduleDocument = graphql(`
  mutation ConsoleScheduleCampaign($input: ScheduleCampaignInput!) {
    scheduleCampaign(input: $input) {
      campaign {
        id
        status
        startsAt
      }
    }
  }
`);

const RequestLaunchDocument = graphql(`
  mutation ConsoleRequestCampaignLaunch($input: RequestApprovalInput!) {
    requestApproval(input: $input) {
      id
      status
    }
  }
`);

type Template = ConsoleCampaignTemplatesQuery['campaignTemplates'][number];
type ListingRow = NonNullable<ConsoleCampaignListingsQuery['mall']>['listings']['edges'][number]['node'];
/** The most listings one filter brings back (a campaign takes at most 1,000). */
const MAX_MATCHES = 1000;
/** The festival templates offered first; CUSTOM last. */
const TEMPLATE_ORDER: CampaignTemplate[] = [
  'MID_AUTUMN',
  'SPRING_FESTIVAL',
  'DOUBLE_ELEVEN',
  'DOUBLE_TWELVE',
  'LANTERN_FESTIVAL',
  'QINGMING',
  'DRAGON_BOAT',
  'QIXI',
  'DOUBLE_NINTH',
  'WINTER_SOLSTICE',
  'CUSTOM',
];

export interface WizardBank {
  id: string;
  timeZone: string;
  tiers: { id: string; name: string }[];
  segments: { id: string; name: string; memberCount: number }[];
}

interface Values {
  template?: CampaignTemplate;
  name?: string;
  window?: [Dayjs, Dayjs];
  budgetYuan?: number | null;
  supplierSharePercent?: number | null;
  text?: string;
  priceMode?: PriceMode | 'ANY';
  segmentIds?: string[];
  tierIds?: string[];
  /** Share of the audience expected to buy, in per cent (0.01–100). */
  uptakePercent?: number;
  note?: string;
}

type Launch = { kind: 'scheduled'; startsAt: string } | { kind: 'held'; reason: string } | { kind: 'waiting' };

/** The DRAFT's preview, read once per draft (none before the audience step is done). */
function usePreview(
  id: string | null,
  onError: (e: unknown) => void,
): { data: ConsoleCampaignPreviewQuery | undefined } {
  const [data, setData] = useState<ConsoleCampaignPreviewQuery>();
  useEffect(() => {
    setData(undefined);
    if (!id) return;
    let live = true;
    request(PreviewDocument, { id }).then(
      (d) => live && setData(d),
      (e: unknown) => live && onError(e),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return { data };
}

/** The DRAFT's expected cost at an uptake, read again when either changes (the last answer stays meanwhile). */
function useForecast(
  id: string | null,
  uptakeBp: number,
  onError: (e: unknown) => void,
): { data: ConsoleCampaignCostForecastQuery | undefined } {
  const [data, setData] = useState<ConsoleCampaignCostForecastQuery>();
  useEffect(() => {
    if (!id) {
      setData(undefined);
      return;
    }
    let live = true;
    request(ForecastDocument, { id, uptakeBp }).then(
      (d) => live && setData(d),
      (e: unknown) => live && onError(e),
    );
    return () => {
      live = false;
    };
  }, [id, uptakeBp]);
  return { data: data?.campaign.id === id ? data : undefined };
}

export default function CampaignWizard({
  mallId,
  bank,
  onOpen,
}: {
  mallId: string;
  bank: WizardBank;
  onOpen: (campaignId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const fmt = formatters(i18n.language, bank.timeZone);
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const templates = useQuery(TemplatesDocument, {});
  const byTemplate = useMemo(
    () => new Map((templates.data?.campaignTemplates ?? []).map((tpl) => [tpl.template, tpl])),
    [templates.data],
  );
  const template = Form.useWatch('template', { form, preserve: true });
  const chosen: Template | undefined = template ? byTemplate.get(template) : undefined;

  const [matches, setMatches] = useState<ListingRow[] | null>(null);
  const [selected, setSelected] = useState<Map<string, ListingRow>>(new Map());
  const [overrides, setOverrides] = useState<Record<string, { pricePoints?: number; priceFen?: number }>>({});
  /** The DRAFT behind the preview and what it was made from (a change makes a new one). */
  const [draft, setDraft] = useState<{ id: string; key: string; warnings: number } | null>(null);
  const [launch, setLaunch] = useState<Launch | null>(null);
  const fail = (e: unknown) => setProblem(e instanceof ApiError ? e.message : String(e));

  // A template picked before the templates arrived is prefilled when they do.
  const [prefilled, setPrefilled] = useState<CampaignTemplate | null>(null);
  useEffect(() => {
    if (template && template !== prefilled && byTemplate.has(template)) pickTemplate(template);
  });

  const segmentIds: string[] = Form.useWatch('segmentIds', { form, preserve: true }) ?? [];
  const tierIds: string[] = Form.useWatch('tierIds', { form, preserve: true }) ?? [];
  const audience = useQuery(AudienceDocument, { segmentIds, tierIds });
  const preview = usePreview(draft?.id ?? null, (e) => fail(e));
  const uptakePercent: number = Form.useWatch('uptakePercent', form) ?? 10;
  // Basis points for the API (1–10000); an empty or out-of-range field falls back to the default 10 %.
  const uptakeBp =
    Number.isFinite(uptakePercent) && uptakePercent > 0
      ? Math.min(10000, Math.max(1, Math.round(uptakePercent * 100)))
      : 1000;
  const forecast = useForecast(draft?.id ?? null, uptakeBp, (e) => fail(e));

  const pickTemplate = (value: CampaignTemplate) => {
    const tpl = byTemplate.get(value);
    if (!tpl) return;
    setPrefilled(value);
    form.setFieldsValue({
      name: tpl.name || undefined,
      window:
        tpl.startsAt && tpl.endsAt
          ? [
              dayjs(dayIn(new Date(tpl.startsAt), bank.timeZone)),
              dayjs(dayIn(new Date(new Date(tpl.endsAt).getTime() - 1), bank.timeZone)),
            ]
          : undefined,
    });
  };

  /** The mall's listings matching the filter: title words through the pool search, then the mall. */
  const find = async () => {
    setProblem(null);
    setBusy(true);
    try {
      const { text, priceMode } = form.getFieldsValue(['text', 'priceMode']) as Values;
      const filter: { skuIds?: string[]; status: 'ACTIVE'; priceMode?: PriceMode } = { status: 'ACTIVE' };
      if (priceMode && priceMode !== 'ANY') filter.priceMode = priceMode;
      if (text?.trim()) {
        const pool = await request(PoolSkusDocument, { filter: { text: text.trim() }, first: 100 });
        filter.skuIds = pool.poolSkus.edges.map((e) => e.node.id);
        if (filter.skuIds.length === 0) {
          setMatches([]);
          return;
        }
      }
      const rows: ListingRow[] = [];
      let after: string | null = null;
      do {
        const page: ConsoleCampaignListingsQuery = await request(ListingsDocument, {
          mallId,
          filter,
          first: 100,
          after,
        });
        rows.push(...page.mall.listings.edges.map((e) => e.node));
        after = page.mall.listings.pageInfo.hasNextPage ? page.mall.listings.pageInfo.endCursor : null;
      } while (after && rows.length < MAX_MATCHES);
      setMatches(rows.slice(0, MAX_MATCHES));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const selectAll = () =>
    setSelected((current) => {
      const next = new Map(current);
      for (const row of matches ?? []) next.set(row.id, row);
      return next;
    });

  const campaignPrice = (row: ListingRow): Price => {
    const base = discounted(
      { priceMode: row.priceMode, pricePoints: row.pricePoints, priceFen: row.priceFen },
      chosen?.discountBp ?? 0,
    );
    const o = overrides[row.id];
    return {
      priceMode: row.priceMode,
      pricePoints: o?.pricePoints ?? base.pricePoints,
      priceFen: o?.priceFen ?? base.priceFen,
    };
  };

  /** What createCampaign gets: explicit prices only for the listings whose price was changed here. */
  const input = (): CreateCampaignInput => {
    const v = form.getFieldsValue(true) as Values;
    const tpl = v.template ? byTemplate.get(v.template) : undefined;
    const out: CreateCampaignInput = {
      mallId,
      template: v.template!,
      name: v.name?.trim() || null,
      listingIds: [...selected.keys()],
      prices: [...selected.values()]
        .filter((row) => overrides[row.id])
        .map((row) => {
          const p = campaignPrice(row);
          return { listingId: row.id, pricePoints: p.pricePoints, priceFen: p.priceFen };
        }),
      targetSegmentIds: v.segmentIds ?? [],
      targetTierIds: v.tierIds ?? [],
      budgetFen: v.budgetYuan == null ? null : Math.round(v.budgetYuan * 100),
      supplierShareBp: v.supplierSharePercent == null ? 0 : Math.round(v.supplierSharePercent * 100),
    };
    if (v.window) {
      const [from, to] = [v.window[0].format('YYYY-MM-DD'), v.window[1].format('YYYY-MM-DD')];
      const same =
        tpl?.startsAt &&
        tpl.endsAt &&
        from === dayIn(new Date(tpl.startsAt), bank.timeZone) &&
        to === dayIn(new Date(new Date(tpl.endsAt).getTime() - 1), bank.timeZone);
      // Left to the API when it is the template's own window (it computes the festival itself).
      if (!same) {
        out.startsAt = midnightIn(from, bank.timeZone).toISOString();
        out.endsAt = midnightIn(v.window[1].add(1, 'day').format('YYYY-MM-DD'), bank.timeZone).toISOString();
      }
    }
    return out;
  };

  /** A DRAFT for the preview; a changed wizard replaces the previous draft (cancelled). */
  const prepareDraft = async () => {
    const body = input();
    const key = JSON.stringify(body);
    if (draft?.key === key) return true;
    const made = await request(CreateDocument, { input: body });
    if (draft) await request(CancelDraftDocument, { input: { campaignId: draft.id } }).catch(() => undefined);
    setDraft({ id: made.createCampaign.campaign.id, key, warnings: made.createCampaign.warnings.length });
    return true;
  };

  const next = async () => {
    setProblem(null);
    try {
      if (step === 0) await form.validateFields(['template', 'name', 'window', 'budgetYuan', 'supplierSharePercent']);
      if (step === 1 && selected.size === 0) {
        setProblem(t('campaigns.wizard.needListings'));
        return;
      }
      if (step === 2) {
        setBusy(true);
        await prepareDraft();
      }
      setStep((s) => s + 1);
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return; // the form shows it
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const schedule = async () => {
    if (!draft) return;
    setProblem(null);
    setBusy(true);
    try {
      const r = await request(ScheduleDocument, { input: { campaignId: draft.id } });
      setLaunch({ kind: 'scheduled', startsAt: r.scheduleCampaign.campaign.startsAt });
    } catch (e) {
      // The bank's maker-checker policy holds this launch: ask a colleague instead.
      if (e instanceof ApiError && e.code === 'FORBIDDEN' && /requestApproval/.test(e.message)) {
        form.setFieldsValue({ note: t('campaigns.wizard.noteDefault', { name: preview.data?.campaign.name ?? '' }) });
        setLaunch({ kind: 'held', reason: e.message.split(':')[0] ?? e.message });
      } else fail(e);
    } finally {
      setBusy(false);
    }
  };

  const submitForApproval = async () => {
    if (!draft) return;
    setProblem(null);
    setBusy(true);
    try {
      const note = ((form.getFieldValue('note') as string | undefined) ?? '').trim();
      await request(RequestLaunchDocument, {
        input: {
          note,
          campaignLaunch: { campaignId: draft.id, budgetFen: preview.data?.campaign.budgetFen ?? null },
        },
      });
      setLaunch({ kind: 'waiting' });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const items = preview.data?.campaign.items.edges.map((e) => e.node) ?? [];
  const cost = forecast.data?.campaign.costForecast;
  const expectedCost = cost?.expectedCostFen ?? 0;
  const unitsOf = new Map(cost?.listings.edges.map((e) => [e.node.listingId, e.node.expectedUnits]) ?? []);
  const budgetFen = preview.data?.campaign.budgetFen ?? null;

  const stepTitles = ['template', 'listings', 'audience', 'preview', 'launch'] as const;

  return (
    <Card data-testid="campaign-wizard">
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('campaigns.wizard.title')}
      </Typography.Title>
      <Steps
        current={step}
        items={stepTitles.map((key) => ({ title: t(`campaigns.wizard.steps.${key}`) }))}
        style={{ marginBottom: 24 }}
        data-testid="campaign-steps"
      />
      {problem && (
        <Alert type="error" title={problem} role="alert" style={{ marginBottom: 16 }} data-testid="wizard-error" />
      )}
      <Form form={form} layout="vertical" initialValues={{ priceMode: 'ANY', uptakePercent: 10 }}>
        {step === 0 && (
          <div data-testid="step-template">
            <Form.Item name="template" label={t('campaigns.wizard.pickTemplate')} rules={[{ required: true }]}>
              <Radio.Group onChange={(e) => pickTemplate(e.target.value as CampaignTemplate)}>
                <Space wrap>
                  {TEMPLATE_ORDER.map((key) => {
                    const tpl = byTemplate.get(key);
                    return (
                      <Radio.Button key={key} value={key} style={{ height: 'auto', padding: '6px 12px' }}>
                        <span data-testid={`template-${key}`}>
                          <strong>{t(`campaigns.template.${key}`)}</strong>
                          {tpl?.startsAt && (
                            <span style={{ display: 'block', fontSize: 12 }}>{fmt.day(tpl.startsAt)}</span>
                          )}
                        </span>
                      </Radio.Button>
                    );
                  })}
                </Space>
              </Radio.Group>
            </Form.Item>
            {chosen && (
              <Typography.Paragraph type="secondary" data-testid="template-summary">
                {t('campaigns.wizard.templateDays', {
                  days: chosen.days,
                  discount: fmt.share(chosen.discountBp / 10000),
                })}
                {chosen.startsAt ? ` · ${t('campaigns.wizard.festivalDay', { day: fmt.day(chosen.startsAt) })}` : ''}
              </Typography.Paragraph>
            )}
            <Form.Item
              name="name"
              label={t('campaigns.wizard.name')}
              rules={[{ required: true, max: 120, whitespace: true }]}
            >
              <Input maxLength={120} data-testid="campaign-name" />
            </Form.Item>
            <Form.Item name="window" label={t('campaigns.wizard.window')} rules={[{ required: true }]}>
              <DatePicker.RangePicker
                allowClear={false}
                aria-label={t('campaigns.wizard.window')}
                placeholder={[t('campaigns.wizard.startsAt'), t('campaigns.wizard.endsAt')]}
                data-testid="campaign-window"
              />
            </Form.Item>
            <Form.Item
              name="budgetYuan"
              label={t('campaigns.wizard.budget')}
              extra={t('campaigns.wizard.budgetHelp')}
              rules={[{ type: 'number', min: 0.01, max: 100_000_000 }]}
            >
              <InputNumber
                min={0.01}
                max={100_000_000}
                precision={2}
                style={{ width: 240 }}
                data-testid="campaign-budget"
              />
            </Form.Item>
            <Form.Item
              name="supplierSharePercent"
              label={t('campaigns.wizard.supplierShare')}
              extra={t('campaigns.wizard.supplierShareHelp')}
              rules={[{ type: 'number', min: 0, max: 100 }]}
            >
              <InputNumber
                min={0}
                max={100}
                precision={2}
                style={{ width: 240 }}
                data-testid="campaign-supplier-share"
              />
            </Form.Item>
          </div>
        )}

        {step === 1 && (
          <div data-testid="step-listings">
            <Space wrap align="end">
              <Form.Item name="text" label={t('campaigns.wizard.search')}>
                <Input
                  maxLength={100}
                  placeholder={t('campaigns.wizard.searchPlaceholder')}
                  onPressEnter={() => void find()}
                  data-testid="listing-search"
                />
              </Form.Item>
              <Form.Item name="priceMode" label={t('campaigns.wizard.priceMode')}>
                <Select
                  style={{ width: 160 }}
                  aria-label={t('campaigns.wizard.priceMode')}
                  options={[
                    { value: 'ANY', label: t('campaigns.wizard.anyMode') },
                    ...(['POINTS', 'CASH', 'POINTS_PLUS_CASH'] as const).map((m) => ({
                      value: m,
                      label: t(`campaigns.mode.${m}`),
                    })),
                  ]}
                />
              </Form.Item>
              <Form.Item>
                <Button onClick={() => void find()} loading={busy} data-testid="listing-find">
                  {t('campaigns.wizard.find')}
                </Button>
              </Form.Item>
              {matches && matches.length > 0 && (
                <Form.Item>
                  <Button type="primary" ghost onClick={selectAll} data-testid="listing-select-all">
                    {t('campaigns.wizard.selectAll', { count: matches.length })}
                  </Button>
                </Form.Item>
              )}
            </Space>
            {matches && (
              <Table<ListingRow>
                rowKey="id"
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={matches}
                locale={{ emptyText: t('campaigns.wizard.noListings') }}
                data-testid="listing-matches"
                rowSelection={{
                  selectedRowKeys: [...selected.keys()],
                  onChange: (_keys, rows) =>
                    setSelected((current) => {
                      const next = new Map(current);
                      const visible = new Set(matches.map((m) => m.id));
                      for (const id of [...next.keys()]) if (visible.has(id)) next.delete(id);
                      for (const row of rows) next.set(row.id, row);
                      return next;
                    }),
                  getCheckboxProps: (row) => ({ 'aria-label': row.sku.title }) as never,
                }}
                columns={[
                  { title: t('campaigns.wizard.listing'), key: 'title', render: (_, row) => row.sku.title },
                  {
                    title: t('campaigns.wizard.basePrice'),
                    key: 'base',
                    render: (_, row) => fmt.price(row, t('campaigns.points')),
                  },
                ]}
              />
            )}
            <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }} data-testid="selected-count">
              {t('campaigns.wizard.selected', { count: selected.size })}
            </Typography.Title>
            {selected.size > 0 && (
              <Table<ListingRow>
                rowKey="id"
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={[...selected.values()]}
                data-testid="selected-listings"
                columns={[
                  { title: t('campaigns.wizard.listing'), key: 'title', render: (_, row) => row.sku.title },
                  {
                    title: t('campaigns.wizard.basePrice'),
                    key: 'base',
                    render: (_, row) => fmt.price(row, t('campaigns.points')),
                  },
                  {
                    title: t('campaigns.wizard.campaignPoints'),
                    key: 'points',
                    render: (_, row) =>
                      row.priceMode === 'CASH' ? (
                        '—'
                      ) : (
                        <InputNumber
                          min={0}
                          precision={0}
                          value={campaignPrice(row).pricePoints}
                          aria-label={t('campaigns.wizard.campaignPointsFor', { title: row.sku.title })}
                          data-testid="campaign-points"
                          onChange={(v) =>
                            setOverrides((o) => ({
                              ...o,
                              [row.id]: { ...campaignPrice(row), ...o[row.id], pricePoints: Number(v ?? 0) },
                            }))
                          }
                        />
                      ),
                  },
                  {
                    title: t('campaigns.wizard.campaignFen'),
                    key: 'fen',
                    render: (_, row) =>
                      row.priceMode === 'POINTS' ? (
                        '—'
                      ) : (
                        <InputNumber
                          min={0}
                          precision={2}
                          value={campaignPrice(row).priceFen / 100}
                          aria-label={t('campaigns.wizard.campaignFenFor', { title: row.sku.title })}
                          data-testid="campaign-fen"
                          onChange={(v) =>
                            setOverrides((o) => ({
                              ...o,
                              [row.id]: {
                                ...campaignPrice(row),
                                ...o[row.id],
                                priceFen: Math.round(Number(v ?? 0) * 100),
                              },
                            }))
                          }
                        />
                      ),
                  },
                ]}
              />
            )}
          </div>
        )}

        {step === 2 && (
          <div data-testid="step-audience">
            <Form.Item
              name="segmentIds"
              label={t('campaigns.wizard.segments')}
              extra={t('campaigns.wizard.segmentsHelp')}
            >
              <Select
                mode="multiple"
                allowClear
                aria-label={t('campaigns.wizard.segments')}
                optionFilterProp="label"
                data-testid="audience-segments"
                options={bank.segments.map((s) => ({
                  value: s.id,
                  label: `${s.name}（${t('campaigns.wizard.members', { count: s.memberCount })}）`,
                }))}
              />
            </Form.Item>
            <Form.Item name="tierIds" label={t('campaigns.wizard.tiers')} extra={t('campaigns.wizard.tiersHelp')}>
              <Select
                mode="multiple"
                allowClear
                aria-label={t('campaigns.wizard.tiers')}
                optionFilterProp="label"
                data-testid="audience-tiers"
                options={bank.tiers.map((tier) => ({ value: tier.id, label: tier.name }))}
              />
            </Form.Item>
            <Statistic
              title={t('campaigns.wizard.audienceSize')}
              value={audience.data ? fmt.count(audience.data.campaignAudienceSize) : '…'}
              data-testid="audience-size-live"
            />
          </div>
        )}

        {step === 3 && (
          <div data-testid="step-preview">
            {!preview.data ? (
              <Typography.Text>{t('campaigns.wizard.creating')}</Typography.Text>
            ) : (
              <Space orientation="vertical" size="large" style={{ width: '100%' }}>
                {draft && draft.warnings > 0 && (
                  <Alert type="warning" title={t('campaigns.wizard.warnings', { count: draft.warnings })} />
                )}
                <Space size="large" wrap>
                  <Statistic
                    title={t('campaigns.wizard.audienceSize')}
                    value={audience.data ? fmt.count(audience.data.campaignAudienceSize) : '…'}
                    data-testid="preview-audience"
                  />
                  <Statistic
                    title={t('campaigns.wizard.expectedCost')}
                    value={cost ? fmt.yuan(expectedCost) : '…'}
                    data-testid="preview-expected-cost"
                  />
                  <Statistic
                    title={t('campaigns.wizard.worstCase')}
                    value={
                      !cost
                        ? '…'
                        : cost.worstCaseCostFen == null
                          ? t('campaigns.wizard.unbounded')
                          : fmt.yuan(cost.worstCaseCostFen)
                    }
                    data-testid="preview-worst-case"
                  />
                  <Statistic
                    title={t('campaigns.wizard.budgetLeft')}
                    value={budgetFen == null ? t('campaigns.noCap') : fmt.yuan(budgetFen)}
                    data-testid="preview-budget"
                  />
                </Space>
                <Form.Item
                  name="uptakePercent"
                  label={t('campaigns.wizard.uptake')}
                  extra={t('campaigns.wizard.uptakeHelp')}
                >
                  <InputNumber min={0.01} max={100} step={1} precision={2} data-testid="uptake" />
                </Form.Item>
                {budgetFen == null ? (
                  <Alert type="info" title={t('campaigns.wizard.noBudget')} data-testid="preview-cost-vs-budget" />
                ) : (
                  <div data-testid="preview-cost-vs-budget">
                    <Progress
                      percent={Math.min(100, Math.round((expectedCost / budgetFen) * 100))}
                      status={cost?.exceedsRemainingBudget ? 'exception' : 'normal'}
                      aria-label={t('campaigns.wizard.expectedCost')}
                    />
                    <Alert
                      type={cost?.exceedsRemainingBudget ? 'warning' : 'success'}
                      title={
                        cost?.exceedsRemainingBudget
                          ? t('campaigns.wizard.overBudget', { over: fmt.yuan(expectedCost - budgetFen) })
                          : t('campaigns.wizard.withinBudget', { share: fmt.share(expectedCost / budgetFen) })
                      }
                    />
                  </div>
                )}
                <Table
                  rowKey={(item) => item.listing.id}
                  size="small"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={items}
                  data-testid="preview-items"
                  columns={[
                    { title: t('campaigns.wizard.listing'), key: 'title', render: (_, i) => i.listing.sku.title },
                    {
                      title: t('campaigns.wizard.basePrice'),
                      key: 'base',
                      render: (_, i) => fmt.price(i.listing, t('campaigns.points')),
                    },
                    {
                      title: t('campaigns.wizard.campaignPrice'),
                      key: 'campaign',
                      render: (_, i) => fmt.price(i, t('campaigns.points')),
                    },
                    {
                      title: t('campaigns.wizard.unitSubsidy'),
                      key: 'subsidy',
                      render: (_, i) => fmt.yuan(i.unitSubsidyFen),
                    },
                    {
                      title: t('campaigns.wizard.expectedUnitsColumn'),
                      key: 'units',
                      render: (_, i) => {
                        const units = unitsOf.get(i.listing.id);
                        return units == null ? '…' : fmt.count(units);
                      },
                    },
                  ]}
                />
                {items[0] && (
                  <section aria-label={t('campaigns.wizard.customerView')}>
                    <Typography.Title level={3} style={{ fontSize: 16 }}>
                      {t('campaigns.wizard.customerView')}
                    </Typography.Title>
                    <Typography.Paragraph type="secondary">
                      {t('campaigns.wizard.customerViewHelp')}
                    </Typography.Paragraph>
                    <Card style={{ width: 320 }} data-testid="customer-view">
                      <Tag color="red">{preview.data.campaign.name}</Tag>
                      <Typography.Paragraph strong style={{ marginTop: 8 }}>
                        {items[0].listing.sku.title}
                      </Typography.Paragraph>
                      <Typography.Text style={{ fontSize: 22, color: '#b3261e' }} data-testid="customer-view-price">
                        {fmt.price(items[0], t('campaigns.points'))}
                      </Typography.Text>{' '}
                      <Typography.Text delete type="secondary">
                        {fmt.price(items[0].listing, t('campaigns.points'))}
                      </Typography.Text>
                      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                        {t('campaigns.wizard.until', {
                          date: fmt.day(new Date(new Date(preview.data.campaign.endsAt).getTime() - 1).toISOString()),
                        })}
                      </Typography.Paragraph>
                    </Card>
                  </section>
                )}
              </Space>
            )}
          </div>
        )}

        {step === 4 && preview.data && (
          <div data-testid="step-launch" data-campaign-id={draft?.id}>
            {!launch && (
              <Space orientation="vertical">
                <Typography.Paragraph>
                  {t('campaigns.wizard.launchHelp', {
                    start: fmt.time(preview.data.campaign.startsAt),
                    end: fmt.time(preview.data.campaign.endsAt),
                  })}
                </Typography.Paragraph>
                <Button
                  type="primary"
                  size="large"
                  loading={busy}
                  onClick={() => void schedule()}
                  data-testid="campaign-launch"
                >
                  {t('campaigns.wizard.launch')}
                </Button>
              </Space>
            )}
            {launch?.kind === 'scheduled' && (
              <Result
                status="success"
                title={t('campaigns.wizard.scheduled', { start: fmt.time(launch.startsAt) })}
                data-testid="launch-scheduled"
                extra={
                  <Button type="primary" onClick={() => onOpen(draft!.id)} data-testid="campaign-open">
                    {t('campaigns.wizard.open')}
                  </Button>
                }
              />
            )}
            {launch?.kind === 'held' && (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Alert
                  type="warning"
                  title={t('campaigns.wizard.needsApproval', { reason: launch.reason })}
                  data-testid="launch-held"
                />
                <Form.Item
                  name="note"
                  label={t('campaigns.wizard.note')}
                  rules={[{ required: true, min: 4, max: 500 }]}
                >
                  <Input.TextArea maxLength={500} rows={2} data-testid="approval-note" />
                </Form.Item>
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => void submitForApproval()}
                  data-testid="approval-submit"
                >
                  {t('campaigns.wizard.submitApproval')}
                </Button>
              </Space>
            )}
            {launch?.kind === 'waiting' && (
              <Result
                status="info"
                title={t('campaigns.wizard.waiting')}
                data-testid="launch-waiting"
                extra={
                  <Button onClick={() => onOpen(draft!.id)} data-testid="campaign-open">
                    {t('campaigns.wizard.open')}
                  </Button>
                }
              />
            )}
          </div>
        )}
      </Form>
      {!launch && (
        <Space style={{ marginTop: 24 }}>
          {step > 0 && (
            <Button onClick={() => setStep((s) => s - 1)} disabled={busy} data-testid="wizard-back">
              {t('campaigns.wizard.prevStep')}
            </Button>
          )}
          {step < 4 && (
            <Button type="primary" onClick={() => void next()} loading={busy} data-testid="wizard-next">
              {t('campaigns.wizard.nextStep')}
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}
