/**
 * Banks and malls (银行与商城, platform MANAGE_TENANTS): every bank, keyset paged (`banks`), onboarding a
 * new one (`createBank`), its terms (`updateBank`), and its malls in a drawer (`createMall`, `updateMall`).
 */
import { useState, type HTMLAttributes } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Drawer from 'antd/es/drawer';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsolePlatformBanksQuery } from '../../gql/graphql';
import { Pager, useCursorPages } from '../../paging';

const BanksDocument = graphql(`
  query ConsolePlatformBanks($first: Int, $after: String) {
    banks(first: $first, after: $after) {
      edges {
        node {
          id
          code
          name
          timeZone
          pointsPerYuan
          maxPointsShareBp
          settlementTermDays
          malls {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CreateBankDocument = graphql(`
  mutation ConsolePlatformCreateBank($input: CreateBankInput!) {
    createBank(input: $input) {
      bank {
        id
        code
      }
    }
  }
`);

const UpdateBankDocument = graphql(`
  mutation ConsolePlatformUpdateBank($input: UpdateBankInput!) {
    updateBank(input: $input) {
      bank {
        id
      }
    }
  }
`);

const CreateMallDocument = graphql(`
  mutation ConsolePlatformCreateMall($input: CreateMallInput!) {
    createMall(input: $input) {
      mall {
        id
        name
      }
    }
  }
`);

const UpdateMallDocument = graphql(`
  mutation ConsolePlatformUpdateMall($input: UpdateMallInput!) {
    updateMall(input: $input) {
      mall {
        id
        name
      }
    }
  }
`);

type Bank = ConsolePlatformBanksQuery['banks']['edges'][number]['node'];
interface BankForm {
  code?: string;
  name: string;
  timeZone?: string;
  pointsPerYuan?: number;
  maxPointsSharePercent?: number;
  settlementTermDays?: number;
}

export default function Banks() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pages = useCursorPages();
  const { data, error, loading, reload } = useQuery(BanksDocument, { first: 20, after: pages.after });
  /** 'new' while onboarding a bank, a bank while editing its terms. */
  const [editing, setEditing] = useState<Bank | 'new' | null>(null);
  const [mallsOf, setMallsOf] = useState<string | null>(null);
  const [mallName, setMallName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<BankForm>();
  const banks = data?.banks.edges.map((e) => e.node) ?? [];
  const drawerBank = banks.find((b) => b.id === mallsOf);

  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));

  const save = async (v: BankForm) => {
    setSaving(true);
    try {
      const terms = {
        name: v.name.trim(),
        timeZone: v.timeZone?.trim() || undefined,
        pointsPerYuan: v.pointsPerYuan ?? undefined,
        maxPointsShareBp: v.maxPointsSharePercent == null ? undefined : Math.round(v.maxPointsSharePercent * 100),
        settlementTermDays: v.settlementTermDays ?? undefined,
      };
      if (editing === 'new') {
        await request(CreateBankDocument, { input: { ...terms, code: (v.code ?? '').trim() } });
      } else if (editing) {
        await request(UpdateBankDocument, { input: { ...terms, bankId: editing.id } });
      }
      void message.success(t('banks.saved', { name: terms.name }));
      setEditing(null);
      reload();
    } catch (e) {
      fail(e);
    } finally {
      setSaving(false);
    }
  };

  const addMall = async () => {
    if (!mallsOf || !mallName.trim()) return;
    setSaving(true);
    try {
      await request(CreateMallDocument, { input: { bankId: mallsOf, name: mallName.trim() } });
      void message.success(t('banks.mallCreated', { name: mallName.trim() }));
      setMallName('');
      reload();
    } catch (e) {
      fail(e);
    } finally {
      setSaving(false);
    }
  };

  const renameMall = async () => {
    if (!renaming) return;
    setSaving(true);
    try {
      await request(UpdateMallDocument, { input: { mallId: renaming.id, name: renaming.name.trim() } });
      setRenaming(null);
      reload();
    } catch (e) {
      fail(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-banks">
      <Typography.Title level={1}>{t('banks.title')}</Typography.Title>
      <Typography.Paragraph>{t('banks.intro')}</Typography.Paragraph>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Space>
        <Button type="primary" data-testid="new-bank" onClick={() => setEditing('new')}>
          {t('banks.new')}
        </Button>
      </Space>
      <Table<Bank>
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={banks}
        data-testid="banks-table"
        onRow={(b) => ({ 'data-testid': `bank-${b.code}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('banks.code'), dataIndex: 'code' },
          { title: t('banks.name'), dataIndex: 'name' },
          { title: t('banks.timeZone'), dataIndex: 'timeZone' },
          { title: t('banks.pointsPerYuan'), dataIndex: 'pointsPerYuan' },
          {
            title: t('banks.maxPointsShare'),
            key: 'share',
            render: (_, b) => `${b.maxPointsShareBp / 100}%`,
          },
          { title: t('banks.settlementTermDays'), dataIndex: 'settlementTermDays' },
          {
            title: t('banks.malls'),
            key: 'malls',
            render: (_, b) => <span data-testid={`bank-malls-${b.code}`}>{b.malls.length}</span>,
          },
          {
            title: t('banks.actions'),
            key: 'actions',
            render: (_, b) => (
              <Space>
                <Button
                  size="small"
                  data-testid={`edit-bank-${b.code}`}
                  aria-label={t('banks.editLabel', { name: b.name })}
                  onClick={() => setEditing(b)}
                >
                  {t('banks.edit')}
                </Button>
                <Button
                  size="small"
                  data-testid={`open-malls-${b.code}`}
                  aria-label={t('banks.mallsLabel', { name: b.name })}
                  onClick={() => setMallsOf(b.id)}
                >
                  {t('banks.malls')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={data?.banks.pageInfo.hasNextPage}
        endCursor={data?.banks.pageInfo.endCursor}
        loading={loading}
        testId="banks"
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('banks.new') : editing && t('banks.editTitle', { name: editing.name })}
        okText={t('banks.save')}
        okButtonProps={{ loading: saving, 'data-testid': 'bank-save' }}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {editing && (
          <Form<BankForm>
            form={form}
            layout="vertical"
            preserve={false}
            onFinish={save}
            initialValues={
              editing === 'new'
                ? { timeZone: 'Asia/Shanghai', pointsPerYuan: 100, maxPointsSharePercent: 100, settlementTermDays: 30 }
                : {
                    name: editing.name,
                    timeZone: editing.timeZone,
                    pointsPerYuan: editing.pointsPerYuan,
                    maxPointsSharePercent: editing.maxPointsShareBp / 100,
                    settlementTermDays: editing.settlementTermDays,
                  }
            }
          >
            {editing === 'new' && (
              <Form.Item
                name="code"
                label={t('banks.codeLabel')}
                rules={[{ required: true, pattern: /^[A-Z0-9-]{2,40}$/, message: t('banks.codeRule') }]}
              >
                <Input data-testid="bank-code" maxLength={40} />
              </Form.Item>
            )}
            <Form.Item
              name="name"
              label={t('banks.name')}
              rules={[{ required: true, whitespace: true, max: 120, message: t('banks.nameRule') }]}
            >
              <Input data-testid="bank-name" maxLength={120} />
            </Form.Item>
            <Form.Item name="timeZone" label={t('banks.timeZone')}>
              <Input data-testid="bank-time-zone" maxLength={64} />
            </Form.Item>
            <Form.Item name="pointsPerYuan" label={t('banks.pointsPerYuan')}>
              <InputNumber min={1} max={100000} precision={0} data-testid="bank-points-per-yuan" />
            </Form.Item>
            <Form.Item name="maxPointsSharePercent" label={t('banks.maxPointsShareLabel')}>
              <InputNumber min={0} max={100} precision={2} data-testid="bank-max-points-share" />
            </Form.Item>
            <Form.Item name="settlementTermDays" label={t('banks.settlementTermDaysLabel')}>
              <InputNumber min={0} max={180} precision={0} data-testid="bank-settlement-days" />
            </Form.Item>
          </Form>
        )}
      </Modal>
      <Drawer
        open={mallsOf !== null}
        title={drawerBank && t('banks.mallsTitle', { name: drawerBank.name })}
        onClose={() => {
          setMallsOf(null);
          setRenaming(null);
        }}
        size="large"
        destroyOnHidden
      >
        {drawerBank && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="malls-drawer">
            <Table
              rowKey="id"
              pagination={false}
              dataSource={drawerBank.malls}
              data-testid="malls-table"
              columns={[
                { title: t('banks.mallId'), dataIndex: 'id' },
                {
                  title: t('banks.mallName'),
                  key: 'name',
                  render: (_, m) =>
                    renaming?.id === m.id ? (
                      <Space>
                        <Input
                          aria-label={t('banks.mallName')}
                          value={renaming.name}
                          maxLength={120}
                          data-testid={`mall-rename-input-${m.id}`}
                          onChange={(e) => setRenaming({ id: m.id, name: e.target.value })}
                        />
                        <Button size="small" type="primary" loading={saving} onClick={() => void renameMall()}>
                          {t('banks.save')}
                        </Button>
                      </Space>
                    ) : (
                      <span data-testid={`mall-${m.id}`}>{m.name}</span>
                    ),
                },
                {
                  title: t('banks.actions'),
                  key: 'actions',
                  render: (_, m) => (
                    <Button
                      size="small"
                      aria-label={t('banks.renameLabel', { name: m.name })}
                      onClick={() => setRenaming({ id: m.id, name: m.name })}
                    >
                      {t('banks.rename')}
                    </Button>
                  ),
                },
              ]}
            />
            <Space.Compact style={{ width: '100%' }}>
              <Input
                aria-label={t('banks.newMallName')}
                placeholder={t('banks.newMallName')}
                value={mallName}
                maxLength={120}
                data-testid="new-mall-name"
                onChange={(e) => setMallName(e.target.value)}
                onPressEnter={() => void addMall()}
              />
              <Button
                type="primary"
                loading={saving}
                disabled={!mallName.trim()}
                data-testid="new-mall-submit"
                onClick={() => void addMall()}
              >
                {t('banks.addMall')}
              </Button>
            </Space.Compact>
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
