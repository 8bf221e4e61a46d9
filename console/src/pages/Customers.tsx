/**
 * Customers and points: look a customer up by the bank's own reference; tier and progress to the
 * next tier (`tierProgress`: tier points to earn this evaluation period, until when the tier is held), tier changes (`tierChanges`), balance, open points lots with expiry, ledger, orders, pending
 * points adjustments; live quota benefits and their use this period; adjust points (held for a second person where the bank's policy says so).
 * Personal data comes masked from the API for staff without SEE_CUSTOMER_DATA.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Col from 'antd/es/col';
import Descriptions from 'antd/es/descriptions';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Progress from 'antd/es/progress';
import Row from 'antd/es/row';
import Space from 'antd/es/space';
import Statistic from 'antd/es/statistic';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../api';
import { graphql } from '../gql';
import type { ConsoleCustomerByRefQuery } from '../gql/graphql';
import { useMe } from '../me';
import AdjustPoints from './customers/AdjustPoints';
import BenefitQuotas from './customers/BenefitQuotas';
import CustomerOrders from './customers/CustomerOrders';
import LedgerHistory from './customers/LedgerHistory';
import PointsLots from './customers/PointsLots';
import TierChanges from './customers/TierChanges';
import { useReloadOn } from '../paging';

const CustomerByRefDocument = graphql(`
  query ConsoleCustomerByRef($ref: String!) {
    customerByRef(externalRef: $ref) {
      id
      externalRef
      gender
      birthYear
      city
      assetBand
      tags
      tier {
        id
        name
        rank
        minTierPoints
      }
      tierProgress {
        current {
          id
          name
        }
        next {
          id
          name
          minTierPoints
        }
        pointsToNext
        periodTierPoints
        validUntil
      }
      segments {
        id
        name
      }
      points {
        redeemable
        held
        tierPoints
      }
    }
  }
`);

const PendingDocument = graphql(`
  query ConsoleCustomerPendingAdjustments {
    approvalRequests(filter: { status: PENDING, kind: POINTS_ADJUSTMENT }, first: 100) {
      edges {
        node {
          id
          makerSub
          createdAt
          pointsAdjustment {
            customerId
            track
            amount
            reason
          }
        }
      }
    }
  }
`);

type Customer = ConsoleCustomerByRefQuery['customerByRef'];
type Progress = Customer['tierProgress'];

/** How far along to the next tier the period's tier points are (0–100; 100 at the top). */
export function progressPercent(p: Pick<Progress, 'next' | 'periodTierPoints'>): number {
  if (!p.next) return 100;
  if (p.next.minTierPoints <= 0) return 0;
  return Math.min(100, Math.floor((p.periodTierPoints / p.next.minTierPoints) * 100));
}

export default function Customers() {
  const { t } = useTranslation();
  const [ref, setRef] = useState<string | null>(null);
  const [form] = Form.useForm<{ ref: string }>();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-customers">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('customers.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('customers.intro')}</Typography.Paragraph>
      </div>
      <Card>
        <Form form={form} layout="inline" onFinish={({ ref: value }) => setRef(value.trim())}>
          <Form.Item
            name="ref"
            label={t('customers.ref')}
            rules={[{ required: true, whitespace: true, max: 64, message: t('customers.refRule') }]}
          >
            <Input maxLength={64} style={{ width: 240 }} data-testid="customer-ref" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="customer-search">
            {t('customers.search')}
          </Button>
        </Form>
      </Card>
      {ref && <CustomerView key={ref} customerRef={ref} />}
    </Space>
  );
}

function CustomerView({ customerRef }: { customerRef: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [version, setVersion] = useState(0);
  const found = useQuery(CustomerByRefDocument, { ref: customerRef });
  const customer = found.data?.customerByRef;
  if (found.error)
    return (
      <Alert
        type={found.error.code === 'NOT_FOUND' ? 'warning' : 'error'}
        title={
          found.error.code === 'NOT_FOUND'
            ? t('customers.notFound', { ref: customerRef })
            : t('common.error', { message: found.error.message })
        }
        role="alert"
        data-testid="customer-error"
      />
    );
  if (!customer) return <Typography.Text>{t('common.loading')}</Typography.Text>;
  const changed = () => {
    setVersion((v) => v + 1);
    found.reload();
  };
  const num = new Intl.NumberFormat(i18n.language);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="customer-view">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Profile customer={customer} seesPersonalData={me.permissions.includes('SEE_CUSTOMER_DATA')} />
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('customers.points')} data-testid="customer-points">
            <Row gutter={16}>
              <Col span={8}>
                <Statistic
                  title={t('customers.redeemable')}
                  value={num.format(customer.points.redeemable)}
                  data-testid="points-redeemable"
                />
              </Col>
              <Col span={8}>
                <Statistic title={t('customers.held')} value={num.format(customer.points.held)} />
              </Col>
              <Col span={8}>
                <Statistic
                  title={t('customers.tierPoints')}
                  value={num.format(customer.points.tierPoints)}
                  data-testid="points-tier"
                />
              </Col>
            </Row>
            <TierProgress progress={customer.tierProgress} />
          </Card>
        </Col>
      </Row>
      <PendingAdjustments customerId={customer.id} version={version} />
      {me.permissions.includes('ADJUST_POINTS') && me.bank && (
        <AdjustPoints customerId={customer.id} bankId={me.bank.id} onDone={changed} />
      )}
      {/* Quota use is for staff serving customers (the API asks SERVE_CUSTOMERS). */}
      {me.permissions.includes('SERVE_CUSTOMERS') && <BenefitQuotas customerId={customer.id} />}
      <TierChanges customerId={customer.id} version={version} />
      <PointsLots customerId={customer.id} version={version} />
      <LedgerHistory customerId={customer.id} version={version} />
      <CustomerOrders customerId={customer.id} />
    </Space>
  );
}

function Profile({ customer, seesPersonalData }: { customer: Customer; seesPersonalData: boolean }) {
  const { t } = useTranslation();
  const hidden = t('customers.masked');
  const orHidden = (v: string | number | null | undefined) =>
    v === null || v === undefined ? (seesPersonalData ? t('customers.none') : hidden) : String(v);
  return (
    <Card title={t('customers.profile')} data-testid="customer-profile">
      {!seesPersonalData && (
        <Alert type="info" title={t('customers.maskedHint')} style={{ marginBottom: 16 }} data-testid="masked-hint" />
      )}
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'ref', label: t('customers.ref'), children: customer.externalRef },
          {
            key: 'tier',
            label: t('customers.tier'),
            children: <span data-testid="customer-tier">{customer.tier?.name ?? t('customers.noTier')}</span>,
          },
          {
            key: 'gender',
            label: t('customers.gender'),
            children: customer.gender ? t(`customers.genders.${customer.gender}`) : orHidden(null),
          },
          { key: 'birthYear', label: t('customers.birthYear'), children: orHidden(customer.birthYear) },
          {
            key: 'city',
            label: t('customers.city'),
            children: <span data-testid="customer-city">{orHidden(customer.city)}</span>,
          },
          { key: 'assetBand', label: t('customers.assetBand'), children: orHidden(customer.assetBand) },
          {
            key: 'tags',
            label: t('customers.tags'),
            children: customer.tags.length
              ? customer.tags.map((tag) => <Tag key={tag}>{tag}</Tag>)
              : t('customers.none'),
          },
          {
            key: 'segments',
            label: t('customers.segments'),
            children: customer.segments?.length
              ? customer.segments.map((s) => <Tag key={s.id}>{s.name}</Tag>)
              : t('customers.none'),
          },
        ]}
      />
    </Card>
  );
}

function TierProgress({ progress }: { progress: Progress }) {
  const { t, i18n } = useTranslation();
  const num = new Intl.NumberFormat(i18n.language);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const { current, next, pointsToNext, validUntil } = progress;
  return (
    <div style={{ marginTop: 16 }} data-testid="tier-progress">
      <Typography.Text strong>
        {t('customers.tier')}: {current?.name ?? t('customers.noTier')}
      </Typography.Text>
      <Progress percent={progressPercent(progress)} aria-label={t('customers.progressLabel')} />
      <Typography.Text data-testid="tier-progress-text">
        {next
          ? t('customers.nextTier', {
              name: next.name,
              points: num.format(pointsToNext ?? 0),
              threshold: num.format(next.minTierPoints),
            })
          : t('customers.topTier')}
      </Typography.Text>
      <br />
      <Typography.Text type="secondary" data-testid="tier-valid-until">
        {t('customers.periodTierPoints', { points: num.format(progress.periodTierPoints) })}
        {' · '}
        {validUntil
          ? t('customers.tierValidUntil', { date: date.format(new Date(String(validUntil))) })
          : t('customers.tierKept')}
      </Typography.Text>
    </div>
  );
}

function PendingAdjustments({ customerId, version }: { customerId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const pending = useQuery(PendingDocument);
  useReloadOn(version, pending.reload);
  const num = new Intl.NumberFormat(i18n.language, { signDisplay: 'exceptZero' });
  const mine =
    pending.data?.approvalRequests.edges
      .map((e) => e.node)
      .filter((r) => r.pointsAdjustment?.customerId === customerId) ?? [];
  if (mine.length === 0) return null;
  return (
    <Card title={t('customers.pending')} data-testid="pending-adjustments">
      <ul style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
        {mine.map((r) => (
          <li key={r.id} data-testid={`pending-${r.id}`} style={{ padding: '4px 0' }}>
            <Tag color="blue">{t('approvals.statuses.PENDING')}</Tag>
            {t('customers.pendingItem', {
              track: t(`customers.tracks.${r.pointsAdjustment!.track}`),
              amount: num.format(r.pointsAdjustment!.amount),
              reason: r.pointsAdjustment!.reason,
              maker: r.makerSub,
            })}
          </li>
        ))}
      </ul>
    </Card>
  );
}
