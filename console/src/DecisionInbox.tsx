/**
 * An inbox of requests waiting for someone's decision (approvals, refund requests, returns): a
 * status filter, a keyset-paged table, and a dialog for the decisions that take more than a click
 * (a reason, photo links, a restock choice). The page brings its query, its columns and its dialogs;
 * the inbox runs each decision — busy state, success or the API's message, reload — in one place.
 */
import { useState, type ReactNode } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Segmented from 'antd/es/segmented';
import Space from 'antd/es/space';
import Table, { type ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ApiError, useQuery } from './api';
import type { TypedDocumentString } from './gql/graphql';
import { Pager, useCursorPages } from './paging';

const PAGE_SIZE = 20;

/** What a dialog's form gives back: the reason (where it asks for one) and its own fields. */
export type DialogValues = { reason: string } & Record<string, unknown>;

/** A decision taken in a dialog: what it asks, and the mutation it sends. */
export interface InboxDialog<Row> {
  title: string;
  okText: string;
  /** A refusal's button is red. */
  danger?: boolean;
  confirmTestId: string;
  /** Text above the fields (e.g. which request is approved). */
  intro?: (row: Row) => ReactNode;
  /** A reason of 4–500 characters, required; left out: the dialog asks none. */
  reason?: { label: string; rule: string; testId: string };
  /** Further `Form.Item`s (for the row), named as `submit` reads them. */
  fields?: ReactNode | ((row: Row) => ReactNode);
  initialValues?: Record<string, unknown> | ((row: Row) => Record<string, unknown>);
  submit: (row: Row, values: DialogValues) => Promise<unknown>;
  /** The message once it went through. */
  done: string;
}

/** What the page's action column may do. */
export interface InboxActions<Row> {
  /** Sends a decision that needs no dialog. */
  decide: (row: Row, send: () => Promise<unknown>, done: string) => void;
  /** Opens the page's dialog of that name for the row. */
  open: (row: Row, dialog: string) => void;
  /** The row whose decision is on its way, if any. */
  busy: string | null;
}

export interface InboxPage<Row> {
  edges: { node: Row }[];
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
}

export default function DecisionInbox<Row extends { id: string }, Status extends string, Data, Variables>(props: {
  /** Test ids `<testId>-status`, `<testId>-table`, `<testId>-previous` / `-next`. */
  testId: string;
  statuses: readonly Status[];
  initialStatus: Status;
  statusLabel: (status: Status) => string;
  statusName: string;
  document: TypedDocumentString<Data, Variables>;
  variables: (status: Status, first: number, after: string | null) => Variables;
  page: (data: Data) => InboxPage<Row>;
  emptyText: string;
  columns: (actions: InboxActions<Row>) => ColumnsType<Row>;
  dialogs?: Record<string, InboxDialog<Row>>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Status>(props.initialStatus);
  const pages = useCursorPages();
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ row: Row; name: string } | null>(null);
  const [form] = Form.useForm<DialogValues>();
  const { data, error, loading, reload } = useQuery(props.document, props.variables(status, PAGE_SIZE, pages.after));
  const page = data ? props.page(data) : undefined;

  const run = async (row: Row, send: () => Promise<unknown>, done: string) => {
    setBusy(row.id);
    try {
      await send();
      void message.success(done);
      reload();
      return true;
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
      return false;
    } finally {
      setBusy(null);
    }
  };
  const actions: InboxActions<Row> = {
    decide: (row, send, done) => void run(row, send, done),
    open: (row, name) => setDialog({ row, name }),
    busy,
  };
  const shown = dialog ? props.dialogs?.[dialog.name] : undefined;

  return (
    <>
      <Segmented<Status>
        aria-label={props.statusName}
        value={status}
        onChange={(s) => {
          setStatus(s);
          pages.reset();
        }}
        options={props.statuses.map((s) => ({ value: s, label: props.statusLabel(s) }))}
        data-testid={`${props.testId}-status`}
      />
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<Row>
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: props.emptyText }}
        data-testid={`${props.testId}-table`}
        columns={props.columns(actions)}
      />
      <Pager
        pages={pages}
        hasNextPage={page?.pageInfo.hasNextPage}
        endCursor={page?.pageInfo.endCursor}
        loading={loading}
        testId={props.testId}
      />
      <Modal
        open={shown !== undefined}
        title={shown?.title}
        okText={shown?.okText}
        okButtonProps={{
          danger: shown?.danger,
          loading: busy !== null,
          'data-testid': shown?.confirmTestId ?? 'decision-confirm',
        }}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {dialog && shown && (
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={
              typeof shown.initialValues === 'function' ? shown.initialValues(dialog.row) : shown.initialValues
            }
            onFinish={async (values) => {
              const reason = typeof values.reason === 'string' ? values.reason.trim() : '';
              if (await run(dialog.row, () => shown.submit(dialog.row, { ...values, reason }), shown.done))
                setDialog(null);
            }}
          >
            {shown.intro && <Space style={{ marginBottom: 12 }}>{shown.intro(dialog.row)}</Space>}
            {shown.reason && (
              <Form.Item
                name="reason"
                label={shown.reason.label}
                rules={[
                  { required: true, whitespace: true, message: shown.reason.rule },
                  { min: 4, max: 500, message: shown.reason.rule },
                ]}
              >
                <Input.TextArea rows={3} maxLength={500} data-testid={shown.reason.testId} />
              </Form.Item>
            )}
            {typeof shown.fields === 'function' ? shown.fields(dialog.row) : shown.fields}
          </Form>
        )}
      </Modal>
    </>
  );
}
