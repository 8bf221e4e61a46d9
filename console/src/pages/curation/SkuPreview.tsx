/** A pool SKU at a glance: title, images, specs, supplier, cost and list price, stock. */
import Alert from 'antd/es/alert';
import Descriptions from 'antd/es/descriptions';
import Drawer from 'antd/es/drawer';
import Image from 'antd/es/image';
import Space from 'antd/es/space';
import Spin from 'antd/es/spin';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api';
import { CurationSkuDocument } from './operations';
import { yuan } from './pricing';

function Loaded({ skuId }: { skuId: string }) {
  const { t } = useTranslation();
  const { data, error, loading } = useQuery(CurationSkuDocument, { id: skuId });
  if (error) return <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />;
  if (loading || !data) return <Spin aria-label={t('common.loading')} />;
  const s = data.sku;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="sku-preview">
      <Typography.Title level={2} style={{ fontSize: 18 }} data-testid="sku-preview-title">
        {s.title}
      </Typography.Title>
      {s.product.images.length > 0 ? (
        <Image.PreviewGroup>
          <Space wrap>
            {s.product.images.slice(0, 6).map((src, i) => (
              <Image key={src} src={src} width={96} alt={t('curation.imageAlt', { title: s.title, n: i + 1 })} />
            ))}
          </Space>
        </Image.PreviewGroup>
      ) : (
        <Typography.Text type="secondary">{t('curation.noImages')}</Typography.Text>
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('curation.code')}>{s.code}</Descriptions.Item>
        <Descriptions.Item label={t('curation.kind')}>
          <Tag>{t(`curation.kindName.${s.kind}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('curation.brand')}>{s.brand.name}</Descriptions.Item>
        <Descriptions.Item label={t('curation.category')}>{s.category.name}</Descriptions.Item>
        <Descriptions.Item label={t('curation.supplier')}>
          {s.supplier.name} ({s.supplier.code})
        </Descriptions.Item>
        <Descriptions.Item label={t('curation.cost')}>
          <span data-testid="sku-preview-cost">
            {s.supplierPriceFen == null ? '—' : `¥${yuan(s.supplierPriceFen)}`}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('curation.listPrice')}>¥{yuan(s.listPriceFen)}</Descriptions.Item>
        <Descriptions.Item label={t('curation.stock')}>
          {t('curation.stockDetail', { available: s.stock.available, reserved: s.stock.reserved })}
          {s.stock.lowStock && <Tag color="red">{t('curation.lowStock')}</Tag>}
        </Descriptions.Item>
        {s.specs.map((sp) => (
          <Descriptions.Item key={sp.name} label={sp.name}>
            {sp.value}
          </Descriptions.Item>
        ))}
        {s.product.attributes.map((a) => (
          <Descriptions.Item key={`a-${a.name}`} label={a.name}>
            {a.value}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {s.product.description && <Typography.Paragraph>{s.product.description}</Typography.Paragraph>}
    </Space>
  );
}

export function SkuPreview({ skuId, onClose }: { skuId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={skuId !== null} onClose={onClose} title={t('curation.preview')} size={520} destroyOnHidden>
      {skuId && <Loaded skuId={skuId} />}
    </Drawer>
  );
}
