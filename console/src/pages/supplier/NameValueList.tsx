/**
 * An editable list of name = value pairs inside a form (a SKU's specs, a product's attributes):
 * each pair with its remove button, and an add button below. Test ids: `<kind>-name-<i>`,
 * `<kind>-value-<i>`, `add-<kind>`.
 */
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Space from 'antd/es/space';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';

export function NameValueList({
  name,
  kind,
  labels,
}: {
  /** The form field holding `{ name, value }[]`. */
  name: string;
  kind: string;
  labels: { name: string; value: string; remove: string; add: string };
}) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="baseline">
              <Form.Item name={[f.name, 'name']} label={labels.name} rules={[{ required: true, max: 40 }]}>
                <Input data-testid={`${kind}-name-${f.name}`} />
              </Form.Item>
              <Form.Item name={[f.name, 'value']} label={labels.value} rules={[{ required: true, max: 100 }]}>
                <Input data-testid={`${kind}-value-${f.name}`} />
              </Form.Item>
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                aria-label={labels.remove}
                onClick={() => remove(f.name)}
              />
            </Space>
          ))}
          <Form.Item>
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', value: '' })} data-testid={`add-${kind}`}>
              {labels.add}
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}
