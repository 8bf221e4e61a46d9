/**
 * Advance payment (垫资, platform MANAGE_SETTLEMENT): per bank, the terms (`setAdvancePaymentTerms`:
 * on or off, the exposure cap, the repayment terms), what the platform has outstanding against the
 * cap, and the payouts held over it — released oldest first when exposure falls (repayments), or by
 * `releaseHeldAdvancePayouts`.
 */
import { useCallback, useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Descriptions from 'antd/es/descriptions';
import Form from 'antd/es/form';
import InputNumber from 'antd/es/input-number';
import Progress from 'antd/es/progress';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Switch from 'antd/es/switch';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleAdvanceExposureQuery } from '../../gql/graphql';

const BanksDocument = graphql(`
  query ConsoleAdvanceBanks {
    banks(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const ExposureDocument = graphql(`
  query ConsoleAdvanceExposure($bankId: ID) {
    advanceExposure(bankId: $bankId) {
      ...AdvanceExposureParts
    }
  }
`);

graphql(`
  fragment AdvanceExposureParts on AdvanceExposure {
    bankId
    exposureFen
    availableFen
    heldCount
    heldFen
    terms {
      enabled
      exposureCapFen
      repaymentTermDays
    }
    suppliers {
      supplierId
      paidFen
      heldFen
    }
    heldPayouts {
      id
      orderLineId
      statementId
      supplierId
      amountFen
      createdAt
    }
  }
`);

const SetTermsDocument = graphql(`
  mutation ConsoleSetAdvanceTerms($bankId: ID!, $input: AdvancePaymentTermsInput!) {
    setAdvancePaymentTerms(bankId: $bankId, input: $input) {
      bankId
    }
  }
`);

const ReleaseDocument = graphql(`
  mutation ConsoleReleaseHeldPayouts($bankId: ID!) {
    releaseHeldAdvancePayouts(bankId: $bankId) {
      bankId
    }
  }
`);

type Exposure = ConsoleAdvanceExposureQuery['advanceExposure'][number];
type Held = Exposure['heldPayouts'][number];
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export default function AdvancePayment() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [banks, setBanks] = useState<{ id: string; name: string }[]>([]);
  const [bankId, setBankId] = useState<string | null>(null);
  const [exposure, setExposure] = useState<Exposure | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ enabled: boolean; capYuan: number; repaymentTermDays: number }>();

  useEffect(() => {
    request(BanksDocument)
      .then(({ banks: b }) => {
        const list = b.edges.map((e) => e.node);
        setBanks(list);
        if (list[0]) setBankId(list[0].id);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);

  const load = useCallback(
    async (id: string) => {
      try {
        const [x] = (await request(ExposureDocument, { bankId: id })).advanceExposure as unknown as Exposure[];
        setExposure(x ?? null);
        form.setFieldsValue({
          enabled: x?.terms?.enabled ?? false,
          capYuan: (x?.terms?.exposureCapFen ?? 0) / 100,
          repaymentTermDays: x?.terms?.repaymentTermDays ?? 30,
        });
      } catch (e) {
        setError(e instanceof ApiError ? e.message : String(e));
      }
    },
    [form],
  );
  useEffect(() => {
    if (bankId) void load(bankId);
  }, [bankId, load]);

  const save = async (v: { enabled: boolean; capYuan: number; repaymentTermDays: number }) => {
    if (!bankId) return;
    setSaving(true);
    try {
      await request(SetTermsDocument, {
        bankId,
        input: {
          enabled: v.enabled,
          exposureCapFen: Math.round(v.capYuan * 100),
          repaymentTermDays: v.repaymentTermDays,
        },
      });
      void message.success(t('advance.saved'));
      await load(bankId);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const release = async () => {
    if (!bankId) return;
    try {
      await request(ReleaseDocument, { bankId });
      await load(bankId);
      void message.success(t('advance.released'));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const cap = exposure?.terms?.exposureCapFen ?? 0;
  const used = exposure?.exposureFen ?? 0;
  const percent = cap > 0 ? Math.min(100, Math.round((Math.max(0, used) * 100) / cap)) : 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-advance">
      <Typography.Title level={1}>{t('advance.title')}</Typography.Title>
      <Typography.Paragraph>{t('advance.intro')}</Typography.Paragraph>
      {error && <Alert type="error" title={t('common.error', { message: error })} role="alert" />}
      <Space wrap>
        <label htmlFor="advance-bank">{t('advance.bank')}</label>
        <Select
          id="advance-bank"
          data-testid="advance-bank"
          style={{ minWidth: 240 }}
          value={bankId ?? undefined}
          onChange={setBankId}
          options={banks.map((b) => ({ value: b.id, label: b.name }))}
          aria-label={t('advance.bank')}
        />
      </Space>
      <Card title={t('advance.terms')}>
        <Form form={form} layout="inline" onFinish={save}>
          <Form.Item name="enabled" label={t('advance.enabled')} valuePropName="checked">
            <Switch data-testid="advance-enabled" aria-label={t('advance.enabled')} />
          </Form.Item>
          <Form.Item
            name="capYuan"
            label={t('advance.cap')}
            rules={[{ required: true, type: 'number', min: 0, message: t('advance.capRule') }]}
          >
            <InputNumber min={0} precision={2} style={{ width: 180 }} data-testid="advance-cap" />
          </Form.Item>
          <Form.Item
            name="repaymentTermDays"
            label={t('advance.termDays')}
            rules={[{ required: true, type: 'integer', min: 0, max: 365, message: t('advance.termRule') }]}
          >
            <InputNumber min={0} max={365} precision={0} data-testid="advance-term" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="advance-save">
              {t('advance.save')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title={t('advance.exposure')}>
        <Progress
          percent={percent}
          status={percent >= 100 ? 'exception' : 'normal'}
          aria-label={t('advance.gauge')}
          data-testid="advance-gauge"
        />
        {exposure && (
          <Descriptions size="small" column={4} data-testid="advance-figures">
            <Descriptions.Item label={t('advance.exposureFen')}>
              <span data-testid="advance-exposure">{yuan(used)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('advance.capFen')}>{yuan(cap)}</Descriptions.Item>
            <Descriptions.Item label={t('advance.available')}>{yuan(exposure?.availableFen ?? 0)}</Descriptions.Item>
            <Descriptions.Item label={t('advance.held')}>
              <span data-testid="advance-held">
                {t('advance.heldValue', { count: exposure?.heldCount ?? 0, amount: yuan(exposure?.heldFen ?? 0) })}
              </span>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card
        title={t('advance.heldPayouts')}
        extra={
          <Button data-testid="advance-release" onClick={() => void release()} disabled={!exposure?.heldCount}>
            {t('advance.release')}
          </Button>
        }
      >
        <Table<Held>
          rowKey="id"
          pagination={false}
          size="small"
          dataSource={exposure?.heldPayouts ?? []}
          data-testid="advance-held-table"
          columns={[
            { title: t('advance.payout'), dataIndex: 'id' },
            { title: t('advance.supplier'), dataIndex: 'supplierId' },
            { title: t('advance.orderLine'), dataIndex: 'orderLineId' },
            { title: t('advance.statement'), dataIndex: 'statementId' },
            { title: t('advance.amount'), key: 'amount', render: (_, p) => yuan(p.amountFen) },
            {
              title: t('advance.since'),
              key: 'since',
              render: (_, p) => new Date(p.createdAt as string).toLocaleString(),
            },
          ]}
        />
      </Card>
      <Card title={t('advance.bySupplier')}>
        <Table
          rowKey="supplierId"
          pagination={false}
          size="small"
          dataSource={exposure?.suppliers ?? []}
          columns={[
            { title: t('advance.supplier'), dataIndex: 'supplierId' },
            { title: t('advance.paid'), key: 'paid', render: (_, s) => yuan(s.paidFen) },
            { title: t('advance.heldShort'), key: 'held', render: (_, s) => yuan(s.heldFen) },
          ]}
        />
      </Card>
    </Space>
  );
}
