/**
 * A small button that opens a dialog around a form: 取消 closes it, 保存 runs `save`, which
 * either succeeds (the dialog closes) or throws, and the server's message is shown in the dialog
 * while what was typed stays. The form stays mounted, so `prepare` can fill it before it shows.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Modal } from 'antd';
import { useAction } from '../action';
import { useT } from '../i18n';

export function FormDialog({
  title,
  icon,
  testId,
  prepare,
  save,
  children,
}: {
  title: string;
  icon: ReactNode;
  /** `data-testid` of the button; the save button is `${testId}-save`, the error `${testId}-error`. */
  testId: string;
  /** Fills the form as the dialog opens; may fetch. */
  prepare(): void | Promise<void>;
  save(): Promise<void>;
  children: ReactNode;
}): ReactNode {
  const t = useT();
  const [open, setOpen] = useState(false);
  // A form that does not validate has already marked its fields: no message of its own (useAction).
  const saving = useAction(async () => {
    await save();
    setOpen(false);
  });
  const preparing = useAction(async () => prepare());
  const error = saving.error ?? preparing.error;

  const start = (): void => {
    saving.setError(null);
    setOpen(true);
    void preparing.run();
  };

  return (
    <>
      <Button size="small" icon={icon} onClick={start} data-testid={testId}>
        {title}
      </Button>
      <Modal
        open={open}
        title={title}
        okText={t('save')}
        cancelText={t('cancel')}
        confirmLoading={saving.busy}
        onOk={() => void saving.run()}
        onCancel={() => setOpen(false)}
        okButtonProps={{ 'data-testid': `${testId}-save` }}
        forceRender
      >
        {children}
        {error && <Alert type="error" showIcon message={error} data-testid={`${testId}-error`} />}
      </Modal>
    </>
  );
}
