/** The bank's tier ladder: list, create, edit, delete (createTier / updateTier / deleteTier). */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Popconfirm from 'antd/es/popconfirm';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleTiersQuery } from '../../gql/graphql';

const TiersDocument = graphql(`
  query ConsoleTiers {
    bank {
      id
      tiers {
        id
        name
        rank
        minTierPoints
        benefits
        createdAt
      }
    }
  }
`);

const CreateTierDocument = graphql(`
  mutation ConsoleCreateTier($input: CreateTierInput!) {
    createTier(input: $input) {
      tier {
        id
      }
    }
  }
`);

const UpdateTierDocument = graphql(`
  mutation ConsoleUpdateTier($input: UpdateTierInput!) {
    updateTier(input: $input) {
      tier {
        id
      }
    }
  }
`);

const DeleteTierDocument = graphql(`
  mutation ConsoleDeleteTier($input: DeleteTierInput!) {
    deleteTier(input: $input) {
      deletedTierId
      customersRetiered
    }
  }
`);

type Tier = ConsoleTiersQuery['bank']['tiers'][number];
interface TierForm {
  name: string;
  rank: number;
  minTierPoints: number;
  benefits?: string;
}

const benefitLines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export default function TierLadder({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useQuery(TiersDocument);
  /** The tier being edited, 'new' for a new one, null when the dialog is closed. */
  const [editing, setEditing] = useState<Tier | 'new' | null>(null);
  const num = new Intl.NumberFormat(i18n.language);

  const remove = async (tier: Tier) => {
    try {
      const r = await request(DeleteTierDocument, { input: { tierId: tier.id } });
      void message.success(t('tiers.deleted', { count: r.deleteTier.customersRetiered }));
      reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Card
      title={t('tiers.tiers')}
      data-testid="tier-ladder"
      extra={
        canEdit && (
          <Button type="primary" onClick={() => setEditing('new')} data-testid="tier-new">
            {t('tiers.newTier')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!canEdit && <Typography.Text type="secondary">{t('tiers.tiersReadOnly')}</Typography.Text>}
        {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
        <Table<Tier>
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={data?.bank.tiers ?? []}
          locale={{ emptyText: <Typography.Text>{t('tiers.empty')}</Typography.Text> }}
          data-testid="tiers-table"
          columns={[
            { title: t('tiers.rankShort'), dataIndex: 'rank' },
            { title: t('tiers.name'), dataIndex: 'name' },
            { title: t('tiers.threshold'), dataIndex: 'minTierPoints', render: (v: number) => num.format(v) },
            {
              title: t('tiers.benefitsShort'),
              dataIndex: 'benefits',
              render: (v: string[]) => v.join('；'),
            },
            ...(canEdit
              ? [
                  {
                    title: t('tiers.actions'),
                    key: 'actions',
                    render: (_: unknown, tier: Tier) => (
                      <Space>
                        <Button size="small" onClick={() => setEditing(tier)} data-testid={`tier-edit-${tier.id}`}>
                          {t('tiers.edit')}
                        </Button>
                        <Popconfirm
                          title={t('tiers.deleteConfirm', { name: tier.name })}
                          okText={t('tiers.delete')}
                          cancelText={t('tiers.cancel')}
                          onConfirm={() => remove(tier)}
                        >
                          <Button size="small" danger data-testid={`tier-delete-${tier.id}`}>
                            {t('tiers.delete')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Space>
      {editing !== null && (
        <TierDialog
          tier={editing}
          nextRank={Math.max(-1, ...(data?.bank.tiers ?? []).map((tier) => tier.rank)) + 1}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </Card>
  );
}

/** The create/edit dialog: mounted when opened, so its form starts from the tier's values. */
function TierDialog({
  tier: editing,
  nextRank,
  onClose,
  onSaved,
}: {
  tier: Tier | 'new';
  nextRank: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TierForm>();

  const save = async (values: TierForm) => {
    setBusy(true);
    setFailure(null);
    try {
      const benefits = benefitLines(values.benefits);
      if (editing === 'new')
        await request(CreateTierDocument, {
          input: { name: values.name.trim(), rank: values.rank, minTierPoints: values.minTierPoints, benefits },
        });
      else if (editing)
        await request(UpdateTierDocument, {
          input: {
            tierId: editing.id,
            name: values.name.trim(),
            rank: values.rank,
            minTierPoints: values.minTierPoints,
            benefits,
          },
        });
      void message.success(t('tiers.saved'));
      onSaved();
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={editing === 'new' ? t('tiers.newTier') : t('tiers.editTier')}
      okText={t('tiers.save')}
      cancelText={t('tiers.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'tier-save' } as never}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {failure && (
        <Alert type="error" title={failure} role="alert" style={{ marginBottom: 16 }} data-testid="tier-error" />
      )}
      <Form<TierForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          editing && editing !== 'new'
            ? {
                name: editing.name,
                rank: editing.rank,
                minTierPoints: editing.minTierPoints,
                benefits: editing.benefits.join('\n'),
              }
            : { rank: nextRank }
        }
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="name"
          label={t('tiers.name')}
          rules={[{ required: true, whitespace: true, max: 60, message: t('tiers.nameRule') }]}
        >
          <Input maxLength={60} data-testid="tier-name" />
        </Form.Item>
        <Form.Item name="rank" label={t('tiers.rank')} rules={[{ required: true, message: t('tiers.thresholdRule') }]}>
          <InputNumber<number> min={0} max={100} precision={0} style={{ width: '100%' }} data-testid="tier-rank" />
        </Form.Item>
        <Form.Item
          name="minTierPoints"
          label={t('tiers.threshold')}
          rules={[{ required: true, message: t('tiers.thresholdRule') }]}
        >
          <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} data-testid="tier-threshold" />
        </Form.Item>
        <Form.Item name="benefits" label={t('tiers.benefits')}>
          <Input.TextArea rows={3} data-testid="tier-benefits" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
