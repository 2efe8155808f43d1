/**
 * Approving or returning what a reporter submitted — a value in the review queue, a project's
 * monthly report on its page: one call (`useReview`), one pair of buttons and one dialog that asks
 * why it goes back.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { App, Button, Input, Modal, Space } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useAction, type Mutation } from '../action';
import { apiSend } from '../api';
import { useT } from '../i18n';

export type Review = Mutation<[id: string, action: 'approve' | 'return', reason?: string]>;

/** Approves or returns the item at `${path(id)}/approve|return`; `running` is the id being reviewed. */
export function useReview(path: (id: string) => string, onDone: () => void): Review {
  const t = useT();
  const { message } = App.useApp();
  return useAction(
    async (id: string, action: 'approve' | 'return', reason?: string) => {
      await apiSend('POST', `${path(id)}/${action}`, reason ? { reason } : {});
      void message.success(action === 'approve' ? t('approved') : t('returnedOk'));
      onDone();
    },
    { key: (id) => id },
  );
}

/** 通过 and 退回 for one item; the buttons' test ids are `approve-${testId}` and `return-${testId}`. */
export function ReviewButtons({
  id,
  testId,
  review,
  onReturn,
}: {
  id: string;
  testId: string;
  review: Review;
  onReturn(): void;
}): ReactNode {
  const t = useT();
  const busy = review.running === id;
  return (
    <Space size={4}>
      <Button
        type="primary"
        size="small"
        icon={<CheckOutlined />}
        loading={busy}
        onClick={() => void review.run(id, 'approve')}
        data-testid={`approve-${testId}`}
      >
        {t('approve')}
      </Button>
      <Button size="small" danger icon={<RollbackOutlined />} disabled={busy} onClick={onReturn} data-testid={`return-${testId}`}>
        {t('return')}
      </Button>
    </Space>
  );
}

/** Asks the reason for a return (required) and returns the item `id`; closes once it is returned. */
export function ReturnDialog({
  id,
  title,
  review,
  onClose,
}: {
  id: string | null;
  title: string;
  review: Review;
  onClose(): void;
}): ReactNode {
  const t = useT();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    setReason('');
    setMissing(false);
  }, [id]);
  const ok = (): void => {
    if (!id) return;
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    void review.run(id, 'return', reason.trim()).then((done) => done && onClose());
  };
  return (
    <Modal
      open={id !== null}
      title={title}
      okText={t('return')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: true, loading: review.busy }}
      onCancel={onClose}
      onOk={ok}
    >
      <label htmlFor="return-reason">{t('returnReason')}</label>
      <Input.TextArea
        id="return-reason"
        value={reason}
        status={missing ? 'error' : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          if (e.target.value.trim()) setMissing(false);
        }}
        autoSize={{ minRows: 3 }}
      />
      {missing && <div style={{ color: '#cf1322', marginTop: 4 }}>{t('reasonNeeded')}</div>}
    </Modal>
  );
}
