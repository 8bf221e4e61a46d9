/**
 * 员工管理 Staff (MANAGE_STAFF): the organisation's members, keyset-paged and filtered by name,
 * status and permission group; invite (the link shown once), change groups, issue a one-time
 * password reset link (shown once with a copy button), reset a lost authenticator, remove.
 * The API decides who may do what (never oneself; never someone holding more than you).
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Popconfirm from 'antd/es/popconfirm';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../api';
import { graphql } from '../gql';
import type { ConsoleStaffMembersQuery, StaffMemberStatus, StaffRole } from '../gql/graphql';
import { useMe } from '../me';
import { Pager, useCursorPages } from '../paging';
import ShownOnceModal from '../ShownOnceModal';

const StaffMembersDocument = graphql(`
  query ConsoleStaffMembers(
    $first: Int
    $after: String
    $search: String
    $status: StaffMemberStatus
    $permissionGroupId: ID
  ) {
    staffMembers(
      first: $first
      after: $after
      search: $search
      status: $status
      permissionGroupId: $permissionGroupId
    ) {
      edges {
        node {
          id
          loginName
          displayName
          role
          status
          totpEnabled
          permissionGroups {
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

const StaffGroupsDocument = graphql(`
  query ConsoleStaffGroups {
    permissionGroups(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const InviteDocument = graphql(`
  mutation ConsoleInviteStaff($input: InviteStaffInput!) {
    inviteStaff(input: $input) {
      invitationUrl
      invitation {
        id
        expiresAt
      }
    }
  }
`);

const SetGroupsDocument = graphql(`
  mutation ConsoleSetStaffGroups($input: SetStaffMemberPermissionGroupsInput!) {
    setStaffMemberPermissionGroups(input: $input) {
      staffMember {
        id
      }
    }
  }
`);

const ResetPasswordDocument = graphql(`
  mutation ConsoleResetStaffPassword($input: StaffMemberCredentialInput!) {
    resetStaffMemberPassword(input: $input) {
      passwordResetUrl
      passwordReset {
        expiresAt
      }
    }
  }
`);

const ResetTotpDocument = graphql(`
  mutation ConsoleResetStaffTotp($input: StaffMemberCredentialInput!) {
    resetStaffMemberTotp(input: $input) {
      endedSessions
    }
  }
`);

const RemoveDocument = graphql(`
  mutation ConsoleRemoveStaff($input: RemoveStaffMemberInput!) {
    removeStaffMember(input: $input) {
      staffMember {
        id
      }
    }
  }
`);

type Member = ConsoleStaffMembersQuery['staffMembers']['edges'][number]['node'];
const PAGE_SIZE = 20;
const ROLES_OF_KIND: Record<string, StaffRole[]> = {
  BANK: ['BANK_OPERATOR', 'BANK_ADMIN'],
  SUPPLIER: ['SUPPLIER_STAFF', 'SUPPLIER_ADMIN'],
  PLATFORM: ['PLATFORM_STAFF', 'PLATFORM_ADMIN'],
};

interface Filter {
  search?: string;
  status?: StaffMemberStatus;
  permissionGroupId?: string;
}

/** A link shown once: the reset link or the invitation link. */
interface ShownLink {
  title: string;
  warning: string;
  url: string;
}

export default function Staff() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [filterForm] = Form.useForm<Filter>();
  const [filter, setFilter] = useState<Filter>({});
  const pages = useCursorPages();
  const list = useQuery(StaffMembersDocument, { ...filter, first: PAGE_SIZE, after: pages.after });
  const groups = useQuery(StaffGroupsDocument, {});
  const groupOptions = (groups.data?.permissionGroups.edges ?? []).map((e) => ({
    value: e.node.id,
    label: e.node.name,
  }));
  const [shown, setShown] = useState<ShownLink | null>(null);
  const [editing, setEditing] = useState<Member | null>(null);
  const [inviting, setInviting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [groupsForm] = Form.useForm<{ permissionGroupIds: string[] }>();
  const [inviteForm] = Form.useForm<{
    displayName: string;
    role: StaffRole;
    permissionGroupIds?: string[];
    loginName?: string;
  }>();

  const fail = (e: unknown) =>
    void message.error(t('common.error', { message: e instanceof Error ? e.message : String(e) }));
  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    try {
      await run();
      list.reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const resetPassword = (m: Member) =>
    act(async () => {
      const r = await request(ResetPasswordDocument, { input: { staffMemberId: m.id } });
      setShown({
        title: t('staff.linkTitle'),
        warning: t('staff.linkWarning', { name: m.displayName }),
        url: r.resetStaffMemberPassword.passwordResetUrl,
      });
    });
  const resetTotp = (m: Member) =>
    act(async () => {
      const r = await request(ResetTotpDocument, { input: { staffMemberId: m.id } });
      void message.success(t('staff.totpReset', { name: m.displayName, count: r.resetStaffMemberTotp.endedSessions }));
    });
  const remove = (m: Member) =>
    act(async () => {
      await request(RemoveDocument, { input: { staffMemberId: m.id } });
      void message.success(t('staff.removed', { name: m.displayName }));
    });
  const saveGroups = async () => {
    const v = await groupsForm.validateFields();
    await act(async () => {
      await request(SetGroupsDocument, {
        input: { staffMemberId: editing!.id, permissionGroupIds: v.permissionGroupIds ?? [] },
      });
      setEditing(null);
      void message.success(t('staff.saved'));
    });
  };
  const invite = async () => {
    const v = await inviteForm.validateFields();
    setBusy(true);
    try {
      const r = await request(InviteDocument, {
        input: {
          displayName: v.displayName,
          role: v.role,
          permissionGroupIds: v.permissionGroupIds ?? [],
          loginName: v.loginName?.trim() || null,
        },
      });
      setInviting(false);
      inviteForm.resetFields();
      setShown({
        title: t('staff.invitationTitle'),
        warning: t('staff.invitationWarning'),
        url: r.inviteStaff.invitationUrl,
      });
    } catch (e) {
      if (e instanceof ApiError && e.problems.length)
        inviteForm.setFields(e.problems.map((p) => ({ name: p.field as never, errors: [p.message] })));
      else fail(e);
    } finally {
      setBusy(false);
    }
  };

  const page = list.data?.staffMembers;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-staff">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('staff.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('staff.intro')}</Typography.Paragraph>
      </div>
      <Card>
        <Form
          form={filterForm}
          layout="inline"
          aria-label={t('staff.find')}
          onFinish={(v: Filter) => {
            setFilter({
              search: v.search?.trim() || undefined,
              status: v.status || undefined,
              permissionGroupId: v.permissionGroupId || undefined,
            });
            pages.reset();
          }}
        >
          <Form.Item name="search" label={t('staff.search')}>
            <Input maxLength={100} allowClear data-testid="staff-search" />
          </Form.Item>
          <Form.Item name="status" label={t('staff.status')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={(['ACTIVE', 'DISABLED'] as const).map((s) => ({ value: s, label: t(`staff.statuses.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="permissionGroupId" label={t('staff.group')}>
            <Select allowClear style={{ width: 160 }} options={groupOptions} />
          </Form.Item>
          <Space>
            <Button htmlType="submit" data-testid="staff-find">
              {t('staff.find')}
            </Button>
            <Button type="primary" onClick={() => setInviting(true)} data-testid="staff-invite">
              {t('staff.invite')}
            </Button>
          </Space>
        </Form>
      </Card>
      {list.error && <Alert type="error" role="alert" title={t('common.error', { message: list.error.message })} />}
      <Table<Member>
        rowKey="id"
        size="middle"
        loading={list.loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('staff.empty') }}
        data-testid="staff-table"
        columns={[
          {
            title: t('staff.displayName'),
            key: 'name',
            render: (_, m) => (
              <span data-testid={`staff-row-${m.loginName}`}>
                {m.displayName}
                {m.id === me.id ? t('staff.you') : ''}
              </span>
            ),
          },
          { title: t('staff.loginName'), dataIndex: 'loginName', render: (v: string) => <code>{v}</code> },
          { title: t('staff.role'), dataIndex: 'role', render: (v: string) => t(`role.${v}`, { defaultValue: v }) },
          {
            title: t('staff.groups'),
            key: 'groups',
            render: (_, m) => m.permissionGroups.map((g) => <Tag key={g.id}>{g.name}</Tag>),
          },
          {
            title: t('staff.status'),
            dataIndex: 'status',
            render: (v: StaffMemberStatus) => (
              <Tag color={v === 'ACTIVE' ? 'blue' : 'default'}>{t(`staff.statuses.${v}`)}</Tag>
            ),
          },
          {
            title: t('staff.totp'),
            dataIndex: 'totpEnabled',
            render: (v: boolean) => (v ? t('staff.totpOn') : t('staff.totpOff')),
          },
          {
            title: t('staff.actions'),
            key: 'actions',
            render: (_, m) =>
              m.id === me.id || m.status !== 'ACTIVE' ? null : (
                <Space wrap size="small">
                  <Button
                    size="small"
                    disabled={busy}
                    data-testid={`staff-groups-${m.loginName}`}
                    onClick={() => {
                      setEditing(m);
                      groupsForm.setFieldsValue({ permissionGroupIds: m.permissionGroups.map((g) => g.id) });
                    }}
                  >
                    {t('staff.changeGroups')}
                  </Button>
                  <Popconfirm
                    title={t('staff.resetPasswordConfirm', { name: m.displayName })}
                    okText={t('staff.confirm')}
                    cancelText={t('staff.cancel')}
                    onConfirm={() => resetPassword(m)}
                    okButtonProps={{ 'data-testid': 'confirm-ok' }}
                  >
                    <Button size="small" disabled={busy} data-testid={`staff-reset-password-${m.loginName}`}>
                      {t('staff.resetPassword')}
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={t('staff.resetTotpConfirm', { name: m.displayName })}
                    okText={t('staff.confirm')}
                    cancelText={t('staff.cancel')}
                    onConfirm={() => resetTotp(m)}
                    okButtonProps={{ 'data-testid': 'confirm-ok' }}
                  >
                    <Button size="small" disabled={busy} data-testid={`staff-reset-totp-${m.loginName}`}>
                      {t('staff.resetTotp')}
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={t('staff.removeConfirm', { name: m.displayName })}
                    okText={t('staff.confirm')}
                    cancelText={t('staff.cancel')}
                    onConfirm={() => remove(m)}
                    okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                  >
                    <Button size="small" danger disabled={busy} data-testid={`staff-remove-${m.loginName}`}>
                      {t('staff.remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={page?.pageInfo.hasNextPage}
        endCursor={page?.pageInfo.endCursor}
        loading={list.loading}
        testId="staff"
      />

      <Modal
        open={editing !== null}
        title={editing ? t('staff.changeGroupsTitle', { name: editing.displayName }) : ''}
        okText={t('staff.save')}
        cancelText={t('staff.cancel')}
        onOk={() => void saveGroups()}
        onCancel={() => setEditing(null)}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'groups-save' }}
        destroyOnHidden
      >
        <Form form={groupsForm} layout="vertical">
          <Form.Item name="permissionGroupIds" label={t('staff.groups')}>
            <Select mode="multiple" options={groupOptions} data-testid="groups-select" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={inviting}
        title={t('staff.invite')}
        okText={t('staff.invite')}
        cancelText={t('staff.cancel')}
        onOk={() => void invite()}
        onCancel={() => setInviting(false)}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'invite-submit' }}
      >
        <Form form={inviteForm} layout="vertical" initialValues={{ role: ROLES_OF_KIND[me.kind]?.[0] }}>
          <Form.Item
            name="displayName"
            label={t('staff.displayName')}
            rules={[{ required: true, message: t('staff.required', { field: t('staff.displayName') }) }]}
          >
            <Input maxLength={120} data-testid="invite-name" />
          </Form.Item>
          <Form.Item name="role" label={t('staff.role')} rules={[{ required: true }]}>
            <Select
              options={(ROLES_OF_KIND[me.kind] ?? []).map((r) => ({
                value: r,
                label: t(`role.${r}`, { defaultValue: r }),
              }))}
            />
          </Form.Item>
          <Form.Item name="permissionGroupIds" label={t('staff.groups')}>
            <Select mode="multiple" options={groupOptions} data-testid="invite-groups" />
          </Form.Item>
          <Form.Item name="loginName" label={t('staff.loginNameOptional')}>
            <Input maxLength={100} data-testid="invite-login" />
          </Form.Item>
        </Form>
      </Modal>

      <ShownOnceModal
        open={shown !== null}
        title={shown?.title ?? ''}
        warning={shown?.warning ?? ''}
        doneText={t('staff.done')}
        onClose={() => setShown(null)}
      >
        {shown && (
          <Typography.Paragraph>
            {t('staff.link')}:{' '}
            <Typography.Text code copyable={{ text: shown.url }} data-testid="shown-link">
              {shown.url}
            </Typography.Text>
          </Typography.Paragraph>
        )}
      </ShownOnceModal>
    </Space>
  );
}
