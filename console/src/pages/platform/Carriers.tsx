/**
 * Carriers (物流公司, platform MANAGE_CARRIERS): every carrier, active or not, by code and keyset paged
 * (`carrierPage(includeInactive: true)`), register one (`registerCarrier`), rename or switch it off
 * (`updateCarrier`), and rotate its callback secret with an overlap (`rotateCarrierSecret`). A new
 * secret is shown once, with a copy button, and forgotten when the dialog closes.
 */
import { useState, type HTMLAttributes } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Space from 'antd/es/space';
import Switch from 'antd/es/switch';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsolePlatformCarriersQuery } from '../../gql/graphql';
import ShownOnceModal from '../../ShownOnceModal';
import { Pager, useCursorPages } from '../../paging';

const CarriersDocument = graphql(`
  query ConsolePlatformCarriers($first: Int, $after: String) {
    carrierPage(includeInactive: true, first: $first, after: $after) {
      edges {
        node {
          id
          code
          name
          active
          previousSecretUntil
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const RegisterCarrierDocument = graphql(`
  mutation ConsolePlatformRegisterCarrier($input: RegisterCarrierInput!) {
    registerCarrier(input: $input) {
      callbackSecret
      carrier {
        id
        code
      }
    }
  }
`);

const UpdateCarrierDocument = graphql(`
  mutation ConsolePlatformUpdateCarrier($input: UpdateCarrierInput!) {
    updateCarrier(input: $input) {
      carrier {
        id
        name
        active
      }
    }
  }
`);

const RotateCarrierSecretDocument = graphql(`
  mutation ConsolePlatformRotateCarrierSecret($input: RotateCarrierSecretInput!) {
    rotateCarrierSecret(input: $input) {
      callbackSecret
      carrier {
        id
        code
        previousSecretUntil
      }
    }
  }
`);

type Carrier = ConsolePlatformCarriersQuery['carrierPage']['edges'][number]['node'];
type Dialog = { kind: 'register' } | { kind: 'edit'; carrier: Carrier } | { kind: 'rotate'; carrier: Carrier };

export default function Carriers() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pages = useCursorPages();
  const { data, error, loading, reload } = useQuery(CarriersDocument, { first: 20, after: pages.after });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [secret, setSecret] = useState<{ code: string; secret: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ code?: string; name?: string; active?: boolean; overlapHours?: number }>();

  const submit = async (v: { code?: string; name?: string; active?: boolean; overlapHours?: number }) => {
    if (!dialog) return;
    setSaving(true);
    try {
      if (dialog.kind === 'register') {
        const { registerCarrier: r } = await request(RegisterCarrierDocument, {
          input: { code: (v.code ?? '').trim().toUpperCase(), name: (v.name ?? '').trim() },
        });
        setSecret({ code: r.carrier.code, secret: r.callbackSecret });
      } else if (dialog.kind === 'edit') {
        await request(UpdateCarrierDocument, {
          input: { code: dialog.carrier.code, name: v.name?.trim(), active: v.active },
        });
        void message.success(t('carriers.saved', { code: dialog.carrier.code }));
      } else {
        const { rotateCarrierSecret: r } = await request(RotateCarrierSecretDocument, {
          input: { code: dialog.carrier.code, overlapHours: v.overlapHours ?? 24 },
        });
        setSecret({ code: r.carrier.code, secret: r.callbackSecret });
      }
      setDialog(null);
      reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const title =
    dialog?.kind === 'register'
      ? t('carriers.register')
      : dialog?.kind === 'edit'
        ? t('carriers.editTitle', { code: dialog.carrier.code })
        : dialog
          ? t('carriers.rotateTitle', { code: dialog.carrier.code })
          : '';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-carriers">
      <Typography.Title level={1}>{t('carriers.title')}</Typography.Title>
      <Typography.Paragraph>{t('carriers.intro')}</Typography.Paragraph>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Space>
        <Button type="primary" data-testid="register-carrier" onClick={() => setDialog({ kind: 'register' })}>
          {t('carriers.register')}
        </Button>
      </Space>
      <Table<Carrier>
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={data?.carrierPage.edges.map((e) => e.node) ?? []}
        data-testid="carriers-table"
        onRow={(c) => ({ 'data-testid': `carrier-${c.code}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('carriers.code'), dataIndex: 'code' },
          { title: t('carriers.name'), dataIndex: 'name' },
          {
            title: t('carriers.state'),
            key: 'active',
            render: (_, c) =>
              c.active ? <Tag color="blue">{t('carriers.active')}</Tag> : <Tag>{t('carriers.inactive')}</Tag>,
          },
          {
            title: t('carriers.callback'),
            key: 'callback',
            render: (_, c) => <Typography.Text code>{`/carriers/${c.code}/events`}</Typography.Text>,
          },
          {
            title: t('carriers.previousSecretUntil'),
            key: 'previous',
            render: (_, c) => (
              <span data-testid={`carrier-previous-${c.code}`}>
                {c.previousSecretUntil ? new Date(c.previousSecretUntil as string).toLocaleString() : '—'}
              </span>
            ),
          },
          {
            title: t('carriers.actions'),
            key: 'actions',
            render: (_, c) => (
              <Space>
                <Button
                  size="small"
                  data-testid={`edit-carrier-${c.code}`}
                  aria-label={t('carriers.editTitle', { code: c.code })}
                  onClick={() => setDialog({ kind: 'edit', carrier: c })}
                >
                  {t('carriers.edit')}
                </Button>
                <Button
                  size="small"
                  data-testid={`rotate-carrier-${c.code}`}
                  aria-label={t('carriers.rotateTitle', { code: c.code })}
                  onClick={() => setDialog({ kind: 'rotate', carrier: c })}
                >
                  {t('carriers.rotate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={data?.carrierPage.pageInfo.hasNextPage}
        endCursor={data?.carrierPage.pageInfo.endCursor}
        loading={loading}
        testId="carriers"
      />
      <Modal
        open={dialog !== null}
        title={title}
        okText={dialog?.kind === 'rotate' ? t('carriers.rotate') : t('carriers.save')}
        okButtonProps={{ loading: saving, 'data-testid': 'carrier-save' }}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {dialog && (
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            onFinish={submit}
            initialValues={
              dialog.kind === 'edit'
                ? { name: dialog.carrier.name, active: dialog.carrier.active }
                : dialog.kind === 'rotate'
                  ? { overlapHours: 24 }
                  : {}
            }
          >
            {dialog.kind === 'register' && (
              <Form.Item
                name="code"
                label={t('carriers.codeLabel')}
                rules={[{ required: true, pattern: /^[A-Za-z0-9]{2,16}$/, message: t('carriers.codeRule') }]}
              >
                <Input maxLength={16} data-testid="carrier-code" />
              </Form.Item>
            )}
            {dialog.kind !== 'rotate' && (
              <Form.Item
                name="name"
                label={t('carriers.name')}
                rules={[{ required: true, whitespace: true, max: 120, message: t('carriers.nameRule') }]}
              >
                <Input maxLength={120} data-testid="carrier-name" />
              </Form.Item>
            )}
            {dialog.kind === 'edit' && (
              <Form.Item name="active" label={t('carriers.activeLabel')} valuePropName="checked">
                <Switch data-testid="carrier-active" />
              </Form.Item>
            )}
            {dialog.kind === 'rotate' && (
              <>
                <Typography.Paragraph>{t('carriers.rotateIntro')}</Typography.Paragraph>
                <Form.Item
                  name="overlapHours"
                  label={t('carriers.overlapHours')}
                  rules={[{ required: true, type: 'integer', min: 0, max: 168, message: t('carriers.overlapRule') }]}
                >
                  <InputNumber min={0} max={168} precision={0} data-testid="carrier-overlap" />
                </Form.Item>
              </>
            )}
          </Form>
        )}
      </Modal>
      <ShownOnceModal
        open={secret !== null}
        title={secret ? t('carriers.secretTitle', { code: secret.code }) : ''}
        warning={t('carriers.secretWarning')}
        doneText={t('carriers.done')}
        onClose={() => setSecret(null)}
      >
        {secret && (
          <>
            <Typography.Paragraph>
              <code>{`POST /carriers/${secret.code}/events`}</code> · <code>x-perkmall-signature</code>
            </Typography.Paragraph>
            <Typography.Text
              code
              copyable={{ tooltips: false, text: secret.secret }}
              data-testid="shown-carrier-secret"
            >
              {secret.secret}
            </Typography.Text>
          </>
        )}
      </ShownOnceModal>
    </Space>
  );
}
