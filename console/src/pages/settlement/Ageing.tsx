/**
 * Ageing of what is owed (账龄): per bank × supplier (a bank sees its suppliers, a supplier its banks,
 * the platform every pair), the unpaid part of issued, disputed and confirmed statements by days past
 * their due date, as of a chosen day (`settlementAgeing`, one GROUP BY in the API).
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import DatePicker from 'antd/es/date-picker';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleSettlementAgeingQuery } from '../../gql/graphql';
import { fenToYuan } from '../orders/format';

const AgeingDocument = graphql(`
  query ConsoleSettlementAgeing($asOf: String) {
    settlementAgeing(asOf: $asOf) {
      asOf
      rows {
        bankId
        supplierId
        statements
        notDueFen
        days1To30Fen
        days31To60Fen
        days61To90Fen
        over90Fen
        outstandingFen
      }
    }
  }
`);

type AgeingRow = ConsoleSettlementAgeingQuery['settlementAgeing']['rows'][number];
const BUCKETS = [
  ['notDueFen', 'notDue'],
  ['days1To30Fen', 'days1To30'],
  ['days31To60Fen', 'days31To60'],
  ['days61To90Fen', 'days61To90'],
  ['over90Fen', 'over90'],
  ['outstandingFen', 'outstanding'],
] as const;

export default function Ageing() {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const { data, error, loading } = useQuery(AgeingDocument, { asOf: asOf ? asOf.format('YYYY-MM-DD') : null });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="statements-ageing">
      <Typography.Paragraph>{t('statements.ageingIntro')}</Typography.Paragraph>
      <Space>
        <Typography.Text>{t('statements.asOf')}</Typography.Text>
        <DatePicker
          aria-label={t('statements.asOf')}
          value={asOf ?? (data ? dayjs(data.settlementAgeing.asOf) : null)}
          onChange={(d) => setAsOf(d)}
          allowClear={false}
        />
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<AgeingRow>
        rowKey={(r) => `${r.bankId}-${r.supplierId}`}
        loading={loading}
        pagination={false}
        data-testid="statements-ageing-table"
        dataSource={data?.settlementAgeing.rows ?? []}
        locale={{ emptyText: t('statements.ageingEmpty') }}
        columns={[
          { title: t('statements.bank'), dataIndex: 'bankId' },
          { title: t('statements.supplier'), dataIndex: 'supplierId' },
          { title: t('statements.statementsCount'), dataIndex: 'statements', align: 'right' },
          ...BUCKETS.map(([field, label]) => ({
            title: t(`statements.${label}`),
            dataIndex: field,
            align: 'right' as const,
            render: (v: number) => fenToYuan(v),
          })),
        ]}
      />
    </Space>
  );
}
