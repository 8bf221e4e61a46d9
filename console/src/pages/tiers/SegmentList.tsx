/** The bank's segments: rules, member count; create and edit (createSegment / updateSegment). Keyset paged. */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Col from 'antd/es/col';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Row from 'antd/es/row';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleSegmentsQuery, Gender, SegmentRulesInput } from '../../gql/graphql';
import { Pager, useCursorPages } from '../../paging';

const SegmentsDocument = graphql(`
  query ConsoleSegments($first: Int, $after: String) {
    bank {
      id
      segments(first: $first, after: $after) {
        edges {
          node {
            id
            name
            memberCount
            updatedAt
            rules {
              genders
              birthYearFrom
              birthYearTo
              cities
              minAssetBand
              maxAssetBand
              tagsAny
            }
          }
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`);

const CreateSegmentDocument = graphql(`
  mutation ConsoleCreateSegment($input: CreateSegmentInput!) {
    createSegment(input: $input) {
      segment {
        id
        memberCount
      }
    }
  }
`);

const UpdateSegmentDocument = graphql(`
  mutation ConsoleUpdateSegment($input: UpdateSegmentInput!) {
    updateSegment(input: $input) {
      segment {
        id
        memberCount
      }
    }
  }
`);

type Segment = ConsoleSegmentsQuery['bank']['segments']['edges'][number]['node'];
const GENDERS: Gender[] = ['FEMALE', 'MALE', 'UNDISCLOSED'];

interface SegmentForm {
  name: string;
  genders?: Gender[];
  birthYearFrom?: number | null;
  birthYearTo?: number | null;
  cities?: string;
  minAssetBand?: number | null;
  maxAssetBand?: number | null;
  tagsAny?: string;
  addMembers?: string;
  removeMembers?: string;
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const ids = (text: string | undefined) => list(text);

function rulesOf(v: SegmentForm): SegmentRulesInput | null {
  const rules: SegmentRulesInput = {};
  if (v.genders?.length) rules.genders = v.genders;
  if (v.birthYearFrom != null) rules.birthYearFrom = v.birthYearFrom;
  if (v.birthYearTo != null) rules.birthYearTo = v.birthYearTo;
  if (list(v.cities).length) rules.cities = list(v.cities);
  if (v.minAssetBand != null) rules.minAssetBand = v.minAssetBand;
  if (v.maxAssetBand != null) rules.maxAssetBand = v.maxAssetBand;
  if (list(v.tagsAny).length) rules.tagsAny = list(v.tagsAny);
  return Object.keys(rules).length ? rules : null;
}

const idsRule = (message: string) => ({
  validator: (_: unknown, v: string | undefined) =>
    ids(v).every((id) => /^\d+$/.test(id)) ? Promise.resolve() : Promise.reject(new Error(message)),
});

export default function SegmentList({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages();
  const { data, error, loading, reload } = useQuery(SegmentsDocument, { first: 20, after: pages.after });
  const [editing, setEditing] = useState<Segment | 'new' | null>(null);
  const num = new Intl.NumberFormat(i18n.language);
  const segments = data?.bank.segments;

  const describe = (r: Segment['rules']) => {
    const parts: string[] = [];
    if (r.genders?.length)
      parts.push(t('tiers.ruleParts.genders', { v: r.genders.map((g) => t(`tiers.genderValues.${g}`)).join('/') }));
    if (r.birthYearFrom != null || r.birthYearTo != null)
      parts.push(t('tiers.ruleParts.birthYears', { from: r.birthYearFrom ?? '', to: r.birthYearTo ?? '' }));
    if (r.cities?.length) parts.push(t('tiers.ruleParts.cities', { v: r.cities.join('/') }));
    if (r.minAssetBand != null || r.maxAssetBand != null)
      parts.push(t('tiers.ruleParts.assetBands', { from: r.minAssetBand ?? 0, to: r.maxAssetBand ?? 9 }));
    if (r.tagsAny?.length) parts.push(t('tiers.ruleParts.tagsAny', { v: r.tagsAny.join('/') }));
    return parts.length ? parts.join('；') : t('tiers.noRules');
  };

  return (
    <Card
      title={t('tiers.segments')}
      data-testid="segment-list"
      extra={
        canEdit && (
          <Button type="primary" onClick={() => setEditing('new')} data-testid="segment-new">
            {t('tiers.newSegment')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!canEdit && <Typography.Text type="secondary">{t('tiers.segmentsReadOnly')}</Typography.Text>}
        {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
        <Table<Segment>
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={segments?.edges.map((e) => e.node) ?? []}
          locale={{ emptyText: <Typography.Text>{t('tiers.empty')}</Typography.Text> }}
          data-testid="segments-table"
          columns={[
            { title: t('tiers.name'), dataIndex: 'name' },
            { title: t('tiers.rules'), key: 'rules', render: (_, s) => describe(s.rules) },
            {
              title: t('tiers.members'),
              dataIndex: 'memberCount',
              render: (v: number, s) => <span data-testid={`segment-members-${s.id}`}>{num.format(v)}</span>,
            },
            ...(canEdit
              ? [
                  {
                    title: t('tiers.actions'),
                    key: 'actions',
                    render: (_: unknown, s: Segment) => (
                      <Button size="small" onClick={() => setEditing(s)} data-testid={`segment-edit-${s.id}`}>
                        {t('tiers.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <Pager
          pages={pages}
          hasNextPage={segments?.pageInfo.hasNextPage}
          endCursor={segments?.pageInfo.endCursor}
          loading={loading}
          testId="segments"
        />
      </Space>
      {editing !== null && (
        <SegmentDialog
          segment={editing}
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

/** The create/edit dialog: mounted when opened, so its form starts from the segment's values. */
function SegmentDialog({
  segment: editing,
  onClose,
  onSaved,
}: {
  segment: Segment | 'new';
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<SegmentForm>();

  const save = async (v: SegmentForm) => {
    setBusy(true);
    setFailure(null);
    try {
      if (editing === 'new')
        await request(CreateSegmentDocument, {
          input: { name: v.name.trim(), rules: rulesOf(v), memberCustomerIds: ids(v.addMembers) },
        });
      else if (editing)
        await request(UpdateSegmentDocument, {
          input: {
            segmentId: editing.id,
            name: v.name.trim(),
            // Replaces the rules; an empty set leaves explicit members only.
            rules: rulesOf(v) ?? {},
            addMemberCustomerIds: ids(v.addMembers),
            removeMemberCustomerIds: ids(v.removeMembers),
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

  const initial: SegmentForm | undefined =
    editing && editing !== 'new'
      ? {
          name: editing.name,
          genders: editing.rules.genders ?? [],
          birthYearFrom: editing.rules.birthYearFrom ?? null,
          birthYearTo: editing.rules.birthYearTo ?? null,
          cities: (editing.rules.cities ?? []).join(', '),
          minAssetBand: editing.rules.minAssetBand ?? null,
          maxAssetBand: editing.rules.maxAssetBand ?? null,
          tagsAny: (editing.rules.tagsAny ?? []).join(', '),
        }
      : undefined;

  return (
    <Modal
      open
      title={editing === 'new' ? t('tiers.newSegment') : t('tiers.editSegment')}
      okText={t('tiers.save')}
      cancelText={t('tiers.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'segment-save' } as never}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={640}
      destroyOnHidden
    >
      {failure && (
        <Alert type="error" title={failure} role="alert" style={{ marginBottom: 16 }} data-testid="segment-error" />
      )}
      <Form<SegmentForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initial}
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="name"
          label={t('tiers.name')}
          rules={[{ required: true, whitespace: true, max: 60, message: t('tiers.nameRule') }]}
        >
          <Input maxLength={60} data-testid="segment-name" />
        </Form.Item>
        <Form.Item name="genders" label={t('tiers.genders')}>
          <Select<Gender[]>
            mode="multiple"
            allowClear
            options={GENDERS.map((g) => ({ value: g, label: t(`tiers.genderValues.${g}`) }))}
            data-testid="segment-genders"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="birthYearFrom" label={t('tiers.birthYearFrom')}>
              <InputNumber<number> min={1900} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="birthYearTo" label={t('tiers.birthYearTo')}>
              <InputNumber<number> min={1900} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="minAssetBand" label={t('tiers.minAssetBand')}>
              <InputNumber<number>
                min={0}
                max={9}
                precision={0}
                style={{ width: '100%' }}
                data-testid="segment-min-asset"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="maxAssetBand" label={t('tiers.maxAssetBand')}>
              <InputNumber<number> min={0} max={9} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="cities" label={t('tiers.cities')}>
          <Input maxLength={1000} data-testid="segment-cities" />
        </Form.Item>
        <Form.Item name="tagsAny" label={t('tiers.tagsAny')}>
          <Input maxLength={1000} data-testid="segment-tags" />
        </Form.Item>
        <Form.Item name="addMembers" label={t('tiers.addMembers')} rules={[idsRule(t('tiers.idsRule'))]}>
          <Input.TextArea rows={2} data-testid="segment-add-members" />
        </Form.Item>
        {editing !== 'new' && (
          <Form.Item name="removeMembers" label={t('tiers.removeMembers')} rules={[idsRule(t('tiers.idsRule'))]}>
            <Input.TextArea rows={2} data-testid="segment-remove-members" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
