/**
 * Supplier applications and brands (供应商入驻与品牌, platform MANAGE_SUPPLIERS): the applications queue
 * by status (`supplierApplications`, keyset paged; approve, or reject with a reason), brand proposals
 * (`brandProposals`; approve creates the brand and authorises the proposer, reject with a reason), and
 * a supplier's authorised brands (`authorizedBrands`, `authorizeSupplierBrands`, `createBrand`).
 */
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import type { ColumnsType } from 'antd/es/table';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Radio from 'antd/es/radio';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tabs from 'antd/es/tabs';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type {
  BrandProposalStatus,
  ConsolePlatformApplicationsQuery,
  ConsolePlatformBrandProposalsQuery,
  SupplierApplicationStatus,
} from '../../gql/graphql';
import { Pager, useCursorPages, useReloadOn } from '../../paging';

const ApplicationsDocument = graphql(`
  query ConsolePlatformApplications($status: SupplierApplicationStatus!, $first: Int, $after: String) {
    supplierApplications(status: $status, first: $first, after: $after) {
      edges {
        node {
          id
          companyName
          supplierCode
          registrationNumber
          contactName
          contactEmail
          contactPhone
          note
          status
          rejectionReason
          createdAt
          decidedAt
          newBrandNames
          brands {
            id
            name
          }
          supplier {
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

const ApproveApplicationDocument = graphql(`
  mutation ConsolePlatformApproveApplication($input: ApproveSupplierApplicationInput!) {
    approveSupplierApplication(input: $input) {
      supplier {
        id
        name
      }
    }
  }
`);

const RejectApplicationDocument = graphql(`
  mutation ConsolePlatformRejectApplication($input: RejectSupplierApplicationInput!) {
    rejectSupplierApplication(input: $input) {
      supplierApplication {
        id
        status
      }
    }
  }
`);

const BrandProposalsDocument = graphql(`
  query ConsolePlatformBrandProposals($status: BrandProposalStatus!, $first: Int, $after: String) {
    brandProposals(status: $status, first: $first, after: $after) {
      edges {
        node {
          id
          name
          note
          status
          rejectionReason
          createdAt
          supplier {
            id
            name
            code
          }
          brand {
            id
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

const ApproveBrandProposalDocument = graphql(`
  mutation ConsolePlatformApproveBrandProposal($input: ApproveBrandProposalInput!) {
    approveBrandProposal(input: $input) {
      brand {
        id
        name
      }
    }
  }
`);

const RejectBrandProposalDocument = graphql(`
  mutation ConsolePlatformRejectBrandProposal($input: RejectBrandProposalInput!) {
    rejectBrandProposal(input: $input) {
      brandProposal {
        id
        status
      }
    }
  }
`);

const SuppliersDocument = graphql(`
  query ConsolePlatformSuppliers($first: Int, $after: String) {
    suppliers(first: $first, after: $after) {
      edges {
        node {
          id
          code
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const BrandsDocument = graphql(`
  query ConsolePlatformBrands($first: Int, $after: String) {
    brands(first: $first, after: $after) {
      edges {
        node {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const AuthorizedBrandsDocument = graphql(`
  query ConsolePlatformAuthorizedBrands($supplierId: ID!, $first: Int, $after: String) {
    authorizedBrands(supplierId: $supplierId, first: $first, after: $after) {
      edges {
        node {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const AuthorizeBrandsDocument = graphql(`
  mutation ConsolePlatformAuthorizeBrands($input: AuthorizeSupplierBrandsInput!) {
    authorizeSupplierBrands(input: $input) {
      supplier {
        id
      }
    }
  }
`);

const CreateBrandDocument = graphql(`
  mutation ConsolePlatformCreateBrand($input: CreateBrandInput!) {
    createBrand(input: $input) {
      brand {
        id
        name
      }
    }
  }
`);

type Application = ConsolePlatformApplicationsQuery['supplierApplications']['edges'][number]['node'];
type Proposal = ConsolePlatformBrandProposalsQuery['brandProposals']['edges'][number]['node'];
const STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;

function useFail() {
  const { message } = App.useApp();
  return (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
}

/** A reason dialog shared by both rejections. */
function RejectDialog({
  open,
  title,
  onCancel,
  onReject,
}: {
  open: boolean;
  title: string;
  onCancel: () => void;
  onReject: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      okText={t('supplierApplications.reject')}
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'reject-confirm' }}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async ({ reason }) => {
          setSaving(true);
          try {
            await onReject(reason.trim());
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="reason"
          label={t('supplierApplications.reason')}
          rules={[
            { required: true, whitespace: true, min: 2, max: 500, message: t('supplierApplications.reasonRule') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StatusFilter<S extends string>({
  value,
  onChange,
  testId,
}: {
  value: S;
  onChange: (s: S) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      value={value}
      optionType="button"
      data-testid={testId}
      aria-label={t('supplierApplications.status')}
      onChange={(e) => onChange(e.target.value as S)}
      options={STATUSES.map((s) => ({ value: s, label: t(`supplierApplications.statuses.${s}`) }))}
    />
  );
}

interface Reviewable {
  id: string;
  status: string;
  rejectionReason?: string | null;
}

/** One page of a review queue, loaded by the queue's own query. */
interface QueuePage<T> {
  items: T[];
  hasNextPage?: boolean;
  endCursor?: string | null;
  error?: Error | null;
  loading: boolean;
  reload: () => void;
}

/**
 * A queue of requests the platform decides (applications, brand proposals): a status filter, the
 * requests keyset paged, approve, or reject with a reason. `kind` names the test ids
 * (`<kind>s-table`, `approve-<kind>-<id>`, ...).
 */
function ReviewQueue<T extends Reviewable, S extends string>({
  kind,
  useItems,
  columns,
  nameOf,
  approve,
  reject,
  settled,
}: {
  kind: string;
  useItems: (status: S, after: string | null) => QueuePage<T>;
  columns: ColumnsType<T>;
  nameOf: (item: T) => string;
  /** Approves the request; answers the success message. */
  approve: (item: T) => Promise<string>;
  reject: (item: T, reason: string) => Promise<void>;
  /** What an approved request shows in the actions column. */
  settled: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFail();
  const [status, setStatus] = useState<S>('PENDING' as S);
  const pages = useCursorPages();
  const { items, hasNextPage, endCursor, error, loading, reload } = useItems(status, pages.after);
  const [rejecting, setRejecting] = useState<T | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const onApprove = async (item: T) => {
    setBusy(item.id);
    try {
      void message.success(await approve(item));
      reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <StatusFilter
        value={status}
        testId={`${kind}s-status`}
        onChange={(s) => {
          setStatus(s);
          pages.reset();
        }}
      />
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<T>
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={items}
        data-testid={`${kind}s-table`}
        onRow={(item) => ({ 'data-testid': `${kind}-${item.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          ...columns,
          {
            title: t('supplierApplications.actions'),
            key: 'actions',
            render: (_, item) =>
              item.status === 'PENDING' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    loading={busy === item.id}
                    data-testid={`approve-${kind}-${item.id}`}
                    aria-label={t('supplierApplications.approveLabel', { name: nameOf(item) })}
                    onClick={() => void onApprove(item)}
                  >
                    {t('supplierApplications.approve')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    data-testid={`reject-${kind}-${item.id}`}
                    aria-label={t('supplierApplications.rejectLabel', { name: nameOf(item) })}
                    onClick={() => setRejecting(item)}
                  >
                    {t('supplierApplications.reject')}
                  </Button>
                </Space>
              ) : item.status === 'REJECTED' ? (
                <Typography.Text type="secondary">{item.rejectionReason}</Typography.Text>
              ) : (
                settled(item)
              ),
          },
        ]}
      />
      <Pager pages={pages} hasNextPage={hasNextPage} endCursor={endCursor} loading={loading} testId={`${kind}s`} />
      <RejectDialog
        open={rejecting !== null}
        title={rejecting ? t('supplierApplications.rejectTitle', { name: nameOf(rejecting) }) : ''}
        onCancel={() => setRejecting(null)}
        onReject={async (reason) => {
          if (!rejecting) return;
          try {
            await reject(rejecting, reason);
            setRejecting(null);
            reload();
          } catch (e) {
            fail(e);
          }
        }}
      />
    </Space>
  );
}

function useApplications(status: SupplierApplicationStatus, after: string | null): QueuePage<Application> {
  const { data, ...rest } = useQuery(ApplicationsDocument, { status, first: 20, after });
  const page = data?.supplierApplications;
  return { items: page?.edges.map((e) => e.node) ?? [], ...page?.pageInfo, ...rest };
}

function Applications() {
  const { t } = useTranslation();
  return (
    <ReviewQueue<Application, SupplierApplicationStatus>
      kind="application"
      useItems={useApplications}
      nameOf={(a) => a.companyName}
      approve={async (a) => {
        const { approveSupplierApplication: r } = await request(ApproveApplicationDocument, {
          input: { supplierApplicationId: a.id },
        });
        return t('supplierApplications.approved', { name: r.supplier.name });
      }}
      reject={async (a, reason) => {
        await request(RejectApplicationDocument, { input: { supplierApplicationId: a.id, reason } });
      }}
      settled={(a) => <span data-testid={`application-supplier-${a.id}`}>{a.supplier?.name}</span>}
      columns={[
        {
          title: t('supplierApplications.company'),
          key: 'company',
          render: (_, a) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{a.companyName}</Typography.Text>
              <Typography.Text type="secondary">
                {a.supplierCode}
                {a.registrationNumber ? ` · ${a.registrationNumber}` : ''}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t('supplierApplications.contact'),
          key: 'contact',
          render: (_, a) => [a.contactName, a.contactEmail, a.contactPhone].filter(Boolean).join(' · '),
        },
        {
          title: t('supplierApplications.brands'),
          key: 'brands',
          render: (_, a) => (
            <Space wrap size={4}>
              {a.brands.map((b) => (
                <Tag key={b.id}>{b.name}</Tag>
              ))}
              {a.newBrandNames.map((n) => (
                <Tag key={n} color="blue">
                  {t('supplierApplications.newBrand', { name: n })}
                </Tag>
              ))}
            </Space>
          ),
        },
        { title: t('supplierApplications.note'), dataIndex: 'note' },
        {
          title: t('supplierApplications.submittedAt'),
          key: 'createdAt',
          render: (_, a) => new Date(a.createdAt as string).toLocaleString(),
        },
      ]}
    />
  );
}

function useProposals(status: BrandProposalStatus, after: string | null): QueuePage<Proposal> {
  const { data, ...rest } = useQuery(BrandProposalsDocument, { status, first: 20, after });
  const page = data?.brandProposals;
  return { items: page?.edges.map((e) => e.node) ?? [], ...page?.pageInfo, ...rest };
}

function BrandProposals() {
  const { t } = useTranslation();
  return (
    <ReviewQueue<Proposal, BrandProposalStatus>
      kind="proposal"
      useItems={useProposals}
      nameOf={(p) => p.name}
      approve={async (p) => {
        const { approveBrandProposal: r } = await request(ApproveBrandProposalDocument, {
          input: { brandProposalId: p.id },
        });
        return t('supplierApplications.brandApproved', { name: r.brand.name });
      }}
      reject={async (p, reason) => {
        await request(RejectBrandProposalDocument, { input: { brandProposalId: p.id, reason } });
      }}
      settled={(p) => <Typography.Text type="secondary">{`#${p.brand?.id ?? ''}`}</Typography.Text>}
      columns={[
        { title: t('supplierApplications.brandName'), dataIndex: 'name' },
        {
          title: t('supplierApplications.supplier'),
          key: 'supplier',
          render: (_, p) => `${p.supplier.name} (${p.supplier.code})`,
        },
        { title: t('supplierApplications.note'), dataIndex: 'note' },
        {
          title: t('supplierApplications.submittedAt'),
          key: 'createdAt',
          render: (_, p) => new Date(p.createdAt as string).toLocaleString(),
        },
      ]}
    />
  );
}

/** Authorise brands for a supplier: selects offer 100 at a time by name (the API's page size), more with their pagers. */
function Authorisations() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFail();
  const [supplierId, setSupplierId] = useState<string | undefined>();
  const [brandIds, setBrandIds] = useState<string[]>([]);
  const [newBrand, setNewBrand] = useState('');
  const [saving, setSaving] = useState(false);
  const supplierPages = useCursorPages();
  const brandPages = useCursorPages();
  const [version, setVersion] = useState(0);
  const suppliers = useQuery(SuppliersDocument, { first: 100, after: supplierPages.after });
  const brands = useQuery(BrandsDocument, { first: 100, after: brandPages.after });

  const authorise = async () => {
    if (!supplierId || !brandIds.length) return;
    setSaving(true);
    try {
      await request(AuthorizeBrandsDocument, { input: { supplierId, brandIds } });
      void message.success(t('supplierApplications.authorised', { count: brandIds.length }));
      setBrandIds([]);
      setVersion((v) => v + 1);
    } catch (e) {
      fail(e);
    } finally {
      setSaving(false);
    }
  };

  const create = async () => {
    if (!newBrand.trim()) return;
    setSaving(true);
    try {
      const { createBrand: r } = await request(CreateBrandDocument, { input: { name: newBrand.trim() } });
      void message.success(t('supplierApplications.brandCreated', { name: r.brand.name }));
      setNewBrand('');
      setBrandIds((ids) => [...ids, r.brand.id]);
      brands.reload();
    } catch (e) {
      fail(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="start">
        <Space orientation="vertical" size={4}>
          <Typography.Text id="authorise-supplier-label">{t('supplierApplications.pickSupplier')}</Typography.Text>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 280 }}
            aria-labelledby="authorise-supplier-label"
            data-testid="authorise-supplier"
            value={supplierId}
            onChange={(v: string) => setSupplierId(v)}
            options={suppliers.data?.suppliers.edges.map(({ node: s }) => ({
              value: s.id,
              label: `${s.name} (${s.code})`,
            }))}
          />
          <Pager
            pages={supplierPages}
            hasNextPage={suppliers.data?.suppliers.pageInfo.hasNextPage}
            endCursor={suppliers.data?.suppliers.pageInfo.endCursor}
            loading={suppliers.loading}
            testId="supplier-options"
          />
        </Space>
        <Space orientation="vertical" size={4}>
          <Typography.Text id="authorise-brands-label">{t('supplierApplications.pickBrands')}</Typography.Text>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 360 }}
            aria-labelledby="authorise-brands-label"
            data-testid="authorise-brands"
            value={brandIds}
            onChange={(v: string[]) => setBrandIds(v)}
            options={brands.data?.brands.edges.map(({ node: b }) => ({ value: b.id, label: b.name }))}
          />
          <Pager
            pages={brandPages}
            hasNextPage={brands.data?.brands.pageInfo.hasNextPage}
            endCursor={brands.data?.brands.pageInfo.endCursor}
            loading={brands.loading}
            testId="brand-options"
          />
        </Space>
        <Button
          type="primary"
          loading={saving}
          disabled={!supplierId || !brandIds.length}
          data-testid="authorise-submit"
          onClick={() => void authorise()}
        >
          {t('supplierApplications.authorise')}
        </Button>
      </Space>
      <Space.Compact style={{ maxWidth: 480 }}>
        <Input
          aria-label={t('supplierApplications.newBrandName')}
          placeholder={t('supplierApplications.newBrandName')}
          value={newBrand}
          maxLength={120}
          data-testid="new-brand-name"
          onChange={(e) => setNewBrand(e.target.value)}
        />
        <Button
          loading={saving}
          disabled={!newBrand.trim()}
          data-testid="new-brand-submit"
          onClick={() => void create()}
        >
          {t('supplierApplications.createBrand')}
        </Button>
      </Space.Compact>
      {supplierId && <AuthorisedBrands key={supplierId} supplierId={supplierId} version={version} />}
    </Space>
  );
}

/** The brands a supplier may sell, keyset paged; reloaded when `version` changes (after an authorisation). */
function AuthorisedBrands({ supplierId, version }: { supplierId: string; version: number }) {
  const { t } = useTranslation();
  const granted = useCursorPages();
  const authorised = useQuery(AuthorizedBrandsDocument, { supplierId, first: 20, after: granted.after });
  useReloadOn(version, authorised.reload);
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('supplierApplications.authorisedBrands')}</Typography.Title>
      {authorised.error && (
        <Alert type="error" title={t('common.error', { message: authorised.error.message })} role="alert" />
      )}
      <Table
        rowKey="id"
        loading={authorised.loading}
        pagination={false}
        dataSource={authorised.data?.authorizedBrands.edges.map((e) => e.node) ?? []}
        data-testid="authorised-brands-table"
        columns={[
          { title: t('supplierApplications.brandId'), dataIndex: 'id' },
          { title: t('supplierApplications.brandName'), dataIndex: 'name' },
        ]}
      />
      <Pager
        pages={granted}
        hasNextPage={authorised.data?.authorizedBrands.pageInfo.hasNextPage}
        endCursor={authorised.data?.authorizedBrands.pageInfo.endCursor}
        loading={authorised.loading}
        testId="authorised-brands"
      />
    </Space>
  );
}

export default function SupplierApplications() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-supplier-applications">
      <Typography.Title level={1}>{t('supplierApplications.title')}</Typography.Title>
      <Typography.Paragraph>{t('supplierApplications.intro')}</Typography.Paragraph>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'applications', label: t('supplierApplications.applicationsTab'), children: <Applications /> },
          { key: 'proposals', label: t('supplierApplications.proposalsTab'), children: <BrandProposals /> },
          { key: 'authorise', label: t('supplierApplications.authoriseTab'), children: <Authorisations /> },
        ]}
      />
    </Space>
  );
}
