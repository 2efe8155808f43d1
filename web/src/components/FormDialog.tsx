/**
 * A small button that opens a dialog around a form: 取消 closes it, 保存 runs `save`, which
 * either succeeds (the dialog closes) or throws, and the server's message is shown in the dialog
 * while what was typed stays. The form stays mounted, so `prepare` can fill it before it shows.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Modal } from 'antd';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async (): Promise<void> => {
    setError(null);
    setOpen(true);
    try {
      await prepare();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await save();
      setOpen(false);
    } catch (e) {
      // A form that does not validate has already marked its fields: no message of its own.
      if (e instanceof Error) setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" icon={icon} onClick={() => void start()} data-testid={testId}>
        {title}
      </Button>
      <Modal
        open={open}
        title={title}
        okText={t('save')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onOk={() => void submit()}
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
