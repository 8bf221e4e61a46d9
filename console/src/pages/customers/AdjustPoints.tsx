/**
 * Adjust a customer's points. Where the bank's approval policy holds adjustments of this size for a
 * second person, the adjustment is submitted as an approval request (requestApproval) instead of
 * made (adjustPoints); a colleague approves it in the Approvals page and it applies then.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Select from 'antd/es/select';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { PointsTrack } from '../../gql/graphql';

const PolicyDocument = graphql(`
  query ConsoleCustomerApprovalPolicy($bankId: ID!) {
    approvalPolicy(bankId: $bankId) {
      bankId
      pointsAdjustmentAbove
    }
  }
`);

const AdjustDocument = graphql(`
  mutation ConsoleAdjustPoints($input: AdjustPointsInput!) {
    adjustPoints(input: $input) {
      id
      amount
    }
  }
`);

const RequestDocument = graphql(`
  mutation ConsoleRequestPointsAdjustment($input: RequestApprovalInput!) {
    requestApproval(input: $input) {
      id
      status
    }
  }
`);

interface AdjustForm {
  track: PointsTrack;
  amount: number;
  reason: string;
  validityDays?: number | null;
}

export default function AdjustPoints({
  customerId,
  bankId,
  onDone,
}: {
  customerId: string;
  bankId: string;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AdjustForm>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const policy = useQuery(PolicyDocument, { bankId });
  const above = policy.data?.approvalPolicy.pointsAdjustmentAbove ?? null;
  const num = new Intl.NumberFormat(i18n.language);

  const submit = async (values: AdjustForm) => {
    setBusy(true);
    setFailure(null);
    const change = {
      customerId,
      track: values.track,
      amount: values.amount,
      reason: values.reason.trim(),
      validityDays: values.validityDays ?? null,
    };
    try {
      // The policy as read now; the API checks it again and refuses a held change made directly.
      const current = await request(PolicyDocument, { bankId });
      const limit = current.approvalPolicy.pointsAdjustmentAbove;
      if (limit !== null && limit !== undefined && Math.abs(values.amount) > limit) {
        await request(RequestDocument, { input: { note: change.reason, pointsAdjustment: change } });
        void message.success(t('customers.requested'));
      } else {
        await request(AdjustDocument, { input: { ...change, idempotencyKey: crypto.randomUUID() } });
        void message.success(t('customers.adjusted'));
      }
      form.resetFields();
      onDone();
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('customers.adjust')} data-testid="adjust-points">
      <Typography.Paragraph>
        {above === null ? t('customers.adjustNoPolicy') : t('customers.adjustIntro', { above: num.format(above) })}
      </Typography.Paragraph>
      {failure && (
        <Alert
          type="error"
          title={t('common.error', { message: failure })}
          role="alert"
          style={{ marginBottom: 16 }}
          data-testid="adjust-error"
        />
      )}
      <Form<AdjustForm>
        form={form}
        layout="vertical"
        initialValues={{ track: 'REDEEMABLE' }}
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 520 }}
      >
        <Form.Item name="track" label={t('customers.track')}>
          <Select<PointsTrack>
            data-testid="adjust-track"
            options={(['REDEEMABLE', 'TIER'] as const).map((v) => ({ value: v, label: t(`customers.tracks.${v}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('customers.adjustAmount')}
          rules={[
            {
              required: true,
              validator: (_, v: unknown) =>
                typeof v === 'number' && Number.isInteger(v) && v !== 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('customers.amountRule'))),
            },
          ]}
        >
          <InputNumber<number> precision={0} style={{ width: '100%' }} data-testid="adjust-amount" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('customers.adjustReason')}
          rules={[
            { required: true, whitespace: true, message: t('customers.reasonRule') },
            { min: 4, max: 500, message: t('customers.reasonRule') },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="adjust-reason" />
        </Form.Item>
        <Form.Item name="validityDays" label={t('customers.validityDays')}>
          <InputNumber<number>
            min={1}
            max={3650}
            precision={0}
            style={{ width: '100%' }}
            data-testid="adjust-validity"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="adjust-submit">
          {t('customers.submitAdjust')}
        </Button>
      </Form>
    </Card>
  );
}
