/** A secret shown once (after create or rotate), with copy buttons; closing forgets it. */
import Alert from 'antd/es/alert';
import Descriptions from 'antd/es/descriptions';
import Modal from 'antd/es/modal';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';

export interface ShownSecret {
  name: string;
  clientId: string;
  clientSecret: string;
}

export default function SecretModal({ secret, onClose }: { secret: ShownSecret | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={secret !== null}
      title={t('partnerApps.secretTitle')}
      onOk={onClose}
      onCancel={onClose}
      okText={t('partnerApps.done')}
      okButtonProps={{ 'data-testid': 'secret-done' }}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      destroyOnHidden
      width={640}
    >
      {secret && (
        <>
          <Alert type="warning" showIcon title={t('partnerApps.secretWarning')} style={{ marginBottom: 16 }} />
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'name', label: t('partnerApps.name'), children: secret.name },
              {
                key: 'id',
                label: t('partnerApps.clientId'),
                children: (
                  <Typography.Text code copyable data-testid="shown-client-id">
                    {secret.clientId}
                  </Typography.Text>
                ),
              },
              {
                key: 'secret',
                label: t('partnerApps.clientSecret'),
                children: (
                  <Typography.Text
                    code
                    copyable={{ tooltips: false, text: secret.clientSecret }}
                    data-testid="shown-client-secret"
                  >
                    {secret.clientSecret}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
