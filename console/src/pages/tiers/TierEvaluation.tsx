/** The bank's tier evaluation settings: period length and grace days (setTierEvaluationSettings). */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Form from 'antd/es/form';
import InputNumber from 'antd/es/input-number';
import Select from 'antd/es/select';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';

const SettingsDocument = graphql(`
  query ConsoleTierEvaluationSettings {
    bank {
      id
      timeZone
      tierPeriodMonths
      tierGraceDays
    }
  }
`);

const SaveDocument = graphql(`
  mutation ConsoleSetTierEvaluationSettings($input: SetTierEvaluationSettingsInput!) {
    setTierEvaluationSettings(input: $input) {
      bank {
        id
        tierPeriodMonths
        tierGraceDays
      }
    }
  }
`);

interface SettingsForm {
  periodMonths: number;
  graceDays: number;
}

const PERIODS = [1, 3, 6, 12] as const;

export default function TierEvaluation({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, reload } = useQuery(SettingsDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (values: SettingsForm) => {
    setBusy(true);
    setFailure(null);
    try {
      await request(SaveDocument, { input: { periodMonths: values.periodMonths, graceDays: values.graceDays } });
      void message.success(t('tiers.saved'));
      reload();
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('tiers.evaluation')} data-testid="tier-evaluation">
      <Typography.Paragraph type="secondary">
        {t('tiers.evaluationIntro')} ({data?.bank.timeZone})
      </Typography.Paragraph>
      {!canEdit && <Typography.Paragraph type="secondary">{t('tiers.evaluationReadOnly')}</Typography.Paragraph>}
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      {failure && (
        <Alert type="error" title={failure} role="alert" style={{ marginBottom: 16 }} data-testid="evaluation-error" />
      )}
      {data && (
        <Form<SettingsForm>
          layout="inline"
          disabled={!canEdit}
          initialValues={{ periodMonths: data.bank.tierPeriodMonths, graceDays: data.bank.tierGraceDays }}
          onFinish={save}
        >
          <Form.Item name="periodMonths" label={t('tiers.periodMonths')}>
            <Select
              style={{ width: 160 }}
              data-testid="evaluation-period"
              options={PERIODS.map((m) => ({ value: m, label: t(`tiers.periodOptions.${m}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="graceDays"
            label={t('tiers.graceDays')}
            rules={[{ required: true, type: 'integer', min: 0, max: 366, message: t('tiers.graceRule') }]}
          >
            <InputNumber min={0} max={366} precision={0} data-testid="evaluation-grace" />
          </Form.Item>
          {canEdit && (
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="evaluation-save">
                {t('tiers.evaluationSave')}
              </Button>
            </Form.Item>
          )}
        </Form>
      )}
    </Card>
  );
}
