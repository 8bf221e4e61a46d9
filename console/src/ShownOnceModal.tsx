/**
 * A secret shown once (after it is created or rotated): a warning that it will not be shown again,
 * the content with its copy buttons, and one button that closes it; closing forgets it.
 */
import type { ReactNode } from 'react';
import Alert from 'antd/es/alert';
import Modal from 'antd/es/modal';

export default function ShownOnceModal(props: {
  open: boolean;
  title: string;
  warning: string;
  doneText: string;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal
      open={props.open}
      title={props.title}
      onOk={props.onClose}
      onCancel={props.onClose}
      okText={props.doneText}
      okButtonProps={{ 'data-testid': 'secret-done' }}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      destroyOnHidden
      width={640}
    >
      {props.open && (
        <>
          <Alert type="warning" showIcon title={props.warning} style={{ marginBottom: 16 }} />
          {props.children}
        </>
      )}
    </Modal>
  );
}
