/**
 * A card kind's own fields (卡种): name, face value (yuan), validity in days and the low-pool
 * threshold — created with `createVirtualCardKind`, changed with `updateVirtualCardKind` (supplier
 * MANAGE_CATALOG, as the API wants). The API's `problems` are shown next to the fields they name.
 * Card SKUs point at their kind (`Sku.virtualCardKind`): the Products page creates them.
 */
import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { graphql } from '../../gql';

const CreateKindDocument = graphql(`
  mutation ConsoleCreateCardKind($input: CreateVirtualCardKindInput!) {
    createVirtualCardKind(input: $input) {
      virtualCardKind {
        id
        name
      }
    }
  }
`);

const UpdateKindDocument = graphql(`
  mutation ConsoleUpdateCardKind($input: UpdateVirtualCardKindInput!) {
    updateVirtualCardKind(input: $input) {
      virtualCardKind {
        id
        name
        faceValueFen
        validityDays
        lowPoolThreshold
      }
    }
  }
`);

export interface CardKindFields {
  id: string;
  name: string;
  faceValueFen: number;
  validityDays: number;
  lowPoolThreshold: number;
}

const FIELDS = ['name', 'faceValueYuan', 'validityDays', 'lowPoolThreshold'];

export function CardKindForm({
  kind,
  onClose,
  onSaved,
}: {
  /** The kind to edit, 'new' to create one, null when closed. */
  kind: CardKindFields | 'new' | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setProblem(null);
    form.resetFields();
    if (kind && kind !== 'new')
      form.setFieldsValue({
        name: kind.name,
        faceValueYuan: kind.faceValueFen / 100,
        validityDays: kind.validityDays,
        lowPoolThreshold: kind.lowPoolThreshold,
      });
    else if (kind === 'new') form.setFieldsValue({ lowPoolThreshold: 10, validityDays: 365 });
  }, [kind, form]);

  async function save(v: Record<string, unknown>) {
    setBusy(true);
    setProblem(null);
    const fields = {
      name: String(v.name ?? '').trim(),
      faceValueFen: Math.round(Number(v.faceValueYuan) * 100),
      validityDays: Number(v.validityDays),
      lowPoolThreshold: Number(v.lowPoolThreshold),
    };
    try {
      if (kind === 'new') await request(CreateKindDocument, { input: fields });
      else if (kind) await request(UpdateKindDocument, { input: { virtualCardKindId: kind.id, ...fields } });
      onSaved(fields.name);
    } catch (e) {
      if (!(e instanceof ApiError)) setProblem(String(e));
      else {
        const named = e.problems
          .map((p) => ({ name: p.field.replace(/^input\./, '').replace(/Fen$/, 'Yuan'), errors: [p.message] }))
          .filter((p) => FIELDS.includes(p.name));
        form.setFields(named);
        setProblem(named.length === e.problems.length && named.length > 0 ? null : e.message);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={kind !== null}
      title={kind === 'new' ? t('cardPools.newKind') : t('cardPools.editKind', { name: kind?.name ?? '' })}
      okText={t('cardPools.save')}
      okButtonProps={{ loading: busy, 'data-testid': 'card-kind-save' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v as Record<string, unknown>)}>
        <Form.Item name="name" label={t('cardPools.kindName')} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input data-testid="card-kind-name" />
        </Form.Item>
        <Form.Item name="faceValueYuan" label={t('cardPools.faceValueYuan')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="card-kind-face-value" />
        </Form.Item>
        <Form.Item
          name="validityDays"
          label={t('cardPools.validityDays')}
          rules={[{ required: true, type: 'integer', min: 1, max: 3650 }]}
        >
          <InputNumber min={1} max={3650} precision={0} data-testid="card-kind-validity" />
        </Form.Item>
        <Form.Item
          name="lowPoolThreshold"
          label={t('cardPools.threshold')}
          rules={[{ required: true, type: 'integer', min: 0, max: 1_000_000 }]}
        >
          <InputNumber min={0} max={1_000_000} precision={0} data-testid="card-kind-threshold" />
        </Form.Item>
        {problem && <Alert type="error" title={problem} data-testid="card-kind-problem" />}
      </Form>
    </Modal>
  );
}
