/** A secret shown once (after create or rotate), with copy buttons; closing forgets it. */
import Descriptions from 'antd/es/descriptions';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import ShownOnceModal from '../../ShownOnceModal';

export interface ShownSecret {
  name: string;
  clientId: string;
  clientSecret: string;
}

export default function SecretModal({ secret, onClose }: { secret: ShownSecret | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ShownOnceModal
      open={secret !== null}
      title={t('partnerApps.secretTitle')}
      warning={t('partnerApps.secretWarning')}
      doneText={t('partnerApps.done')}
      onClose={onClose}
    >
      {secret && (
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
      )}
    </ShownOnceModal>
  );
}
