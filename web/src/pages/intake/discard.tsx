/**
 * Discarding a draft (a wrong file, a plan read again from a better copy): asked once more with
 * the draft named and a reason to give, then saved with the version seen and audited. The draft
 * and its document stay on record; it can no longer be reviewed or published.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Input, Modal, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { useAction } from '../../action';
import { apiSend } from '../../api';
import { useT } from '../../i18n';
import { navigate } from '../../router';
import type { StoredDraft } from './types';

export function DiscardDraft({ d }: { d: StoredDraft }): ReactNode {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const discard = useAction(async () => {
    await apiSend<StoredDraft>('POST', `/api/v1/plan-drafts/${d.id}/discard`, { version: d.version, ...(reason ? { reason } : {}) });
    navigate('/intake');
  });
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setAsking(true)} data-testid="intake-discard">
        {t('intakeDiscard')}
      </Button>
      <Modal
        open={asking}
        title={t('intakeDiscardTitle')}
        okText={t('intakeDiscard')}
        okButtonProps={{ danger: true, loading: discard.busy, id: 'intake-discard-confirm' }}
        onCancel={() => setAsking(false)}
        onOk={() => void discard.run()}
      >
        <Typography.Paragraph>
          {t('intakeDiscardAsk')}「{d.fileName}」（{d.planId}，{t('intakeVersion')} {d.version}，{d.openFlags.length} 处待核）
        </Typography.Paragraph>
        <Input.TextArea
          id="intake-discard-reason"
          rows={2}
          maxLength={500}
          placeholder={t('intakeDiscardReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {discard.error ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={discard.error} /> : null}
      </Modal>
    </>
  );
}
