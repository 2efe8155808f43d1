/**
 * Files of an order: the links that download them (the server sends each with its name), and the
 * upload control — one file per request, the server decides by the bytes whether it is allowed and
 * says why not in words shown here.
 */
import { useRef, type ReactNode } from 'react';
import { Alert, App, Button, Space, Typography } from 'antd';
import { CloseOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useAction } from '../../action';
import { apiSend, enc } from '../../api';
import { useT } from '../../i18n';
import type { Order } from './types';

export type OrderFile = Order['files'][number];

const size = (n: number): string => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export function AttachmentLinks({ files, testId = 'sup-files' }: { files: OrderFile[]; testId?: string }): ReactNode {
  if (!files.length) return null;
  return (
    <Space direction="vertical" size={2} data-testid={testId}>
      {files.map((f) => (
        <a key={f.id} href={f.url} download={f.fileName} data-file={f.id}>
          <PaperClipOutlined /> {f.fileName}
          <Typography.Text type="secondary"> （{size(f.size)}）</Typography.Text>
        </a>
      ))}
    </Space>
  );
}

/** Chooses a file and uploads it at once; `onUploaded` receives what the server kept. */
export function AttachmentUpload({
  plan,
  orderId,
  purpose,
  onUploaded,
  testId,
}: {
  plan: string;
  orderId: string;
  purpose: 'order' | 'reply';
  onUploaded(f: OrderFile): void;
  testId: string;
}): ReactNode {
  const t = useT();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const sending = useAction(async (file: File) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    const f = await apiSend<OrderFile>(
      'POST',
      `/api/v1/plans/${enc(plan)}/supervision-orders/${enc(orderId)}/attachments?purpose=${purpose}`,
      fd,
    );
    void message.success(t('supAttachUploaded'));
    onUploaded(f);
  });
  return (
    <div>
      <input
        ref={input}
        id={`${testId}-input`}
        type="file"
        // Inside a form item the `hidden` attribute loses to the form's input styles.
        style={{ display: 'none' }}
        accept=".pdf,.docx,.xlsx,.pptx,.ofd,.jpg,.jpeg,.png,.zip"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void sending.run(file);
        }}
      />
      <Space wrap>
        <Button size="small" icon={<UploadOutlined />} loading={sending.busy} onClick={() => input.current?.click()} data-testid={testId}>
          {t('supAttachUpload')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('supAttachHint')}
        </Typography.Text>
      </Space>
      {sending.error && <Alert type="error" showIcon style={{ marginTop: 6 }} message={sending.error} data-testid={`${testId}-error`} />}
    </div>
  );
}

/** The files chosen for a reply not yet sent, each removable from the reply. */
export function PendingFiles({ files, onRemove }: { files: OrderFile[]; onRemove(id: string): void }): ReactNode {
  const t = useT();
  if (!files.length) return null;
  return (
    <Space direction="vertical" size={2} style={{ marginTop: 6 }} data-testid="sup-reply-files">
      {files.map((f) => (
        <span key={f.id}>
          <PaperClipOutlined /> {f.fileName}（{size(f.size)}）
          <Button size="small" type="link" icon={<CloseOutlined />} onClick={() => onRemove(f.id)}>
            {t('supAttachRemove')}
          </Button>
        </span>
      ))}
    </Space>
  );
}

/** The order's own files, and for reviewers the control that attaches more while it is open. */
export function OrderFiles({
  plan,
  order,
  mayAttach,
  onDone,
}: {
  plan: string;
  order: Order;
  mayAttach: boolean;
  onDone(): void;
}): ReactNode {
  const t = useT();
  if (!order.files.length && !mayAttach) return null;
  return (
    <div style={{ marginBottom: 8 }} data-testid="sup-order-files">
      <Typography.Text strong>{t('supOrderFiles')}：</Typography.Text>
      <AttachmentLinks files={order.files} testId="sup-order-file-links" />
      {mayAttach && <AttachmentUpload plan={plan} orderId={order.id} purpose="order" onUploaded={onDone} testId="sup-order-upload" />}
    </div>
  );
}
