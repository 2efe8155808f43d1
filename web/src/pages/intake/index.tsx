/**
 * 规划导入 (admins): upload a plan document and read it into a draft; the drafts in the store,
 * each resumable by any administrator; /intake/:id is the review of one draft (review.tsx).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { FolderOpenOutlined, UploadOutlined } from '@ant-design/icons';
import { useAction } from '../../action';
import { apiSend, useApi } from '../../api';
import { PageTitle } from '../../components/common';
import { useT } from '../../i18n';
import { Link, navigate, type PageProps } from '../../router';
import { setNavHint } from '../../nav';
import Review from './review';
import type { DraftSummary, StoredDraft } from './types';

export default function Intake({ params }: PageProps): ReactNode {
  // The menu marks 规划导入 on a draft's page too.
  const path = params.id ? `/intake/${params.id}` : '/intake';
  useEffect(() => {
    setNavHint({ path, key: 'intake' });
    return () => setNavHint(null);
  }, [path]);
  return params.id ? <Review id={params.id} /> : <Drafts />;
}

function Drafts(): ReactNode {
  const t = useT();
  const drafts = useApi<DraftSummary[]>('/api/v1/plan-drafts');
  const [file, setFile] = useState<File | null>(null);
  const [planId, setPlanId] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const upload = useAction(async () => {
    if (!file) return;
    const fd = new FormData();
    fd.append('file', file, file.name);
    const d = await apiSend<StoredDraft>('POST', `/api/v1/plan-drafts?planId=${encodeURIComponent(planId)}`, fd);
    navigate(`/intake/${d.id}`);
  });
  return (
    <div data-testid="intake">
      <PageTitle>{t('intakeTitle')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('intakeHint')}</Typography.Paragraph>
      <Card>
        <Space wrap>
          <Input
            id="intake-plan-id"
            placeholder={`${t('intakePlanId')}，如 xiuzhou-15th`}
            value={planId}
            onChange={(e) => setPlanId(e.target.value.trim())}
            style={{ width: 240 }}
          />
          <input
            ref={input}
            id="intake-file"
            type="file"
            hidden
            accept=".docx,.pdf,.html,.htm,.txt"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <Button icon={<FolderOpenOutlined />} onClick={() => input.current?.click()} data-testid="intake-choose">
            {file ? file.name : t('chooseFile')}
          </Button>
          <Button
            type="primary"
            icon={<UploadOutlined />}
            disabled={!file || !planId}
            loading={upload.busy}
            onClick={() => void upload.run()}
            data-testid="intake-upload"
          >
            {t('intakeUpload')}
          </Button>
        </Space>
        {upload.error ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={upload.error} data-testid="intake-error" /> : null}
      </Card>
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t('intakeDrafts')}
      </Typography.Title>
      <Table<DraftSummary>
        data-testid="intake-drafts"
        rowKey="id"
        size="small"
        loading={drafts.loading}
        dataSource={drafts.data ?? []}
        pagination={false}
        columns={[
          { title: t('file'), dataIndex: 'fileName' },
          { title: t('intakePlanId'), dataIndex: 'planId' },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'published' ? 'green' : s === 'discarded' ? 'default' : 'blue'} data-testid={`intake-status-${s}`}>
                {t(s === 'published' ? 'intakePublished' : s === 'discarded' ? 'intakeDiscarded' : 'intakeReviewing')}
              </Tag>
            ),
          },
          { title: t('intakeUpdatedBy'), render: (_: unknown, d) => `${d.updatedBy ?? ''} ${d.updatedAt.slice(0, 16).replace('T', ' ')}` },
          { title: '', render: (_: unknown, d) => <Link to={`/intake/${d.id}`}>{t('intakeOpen')}</Link> },
        ]}
      />
    </div>
  );
}
