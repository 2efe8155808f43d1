/**
 * 数据导入: a spreadsheet goes to POST /plans/:plan/imports, first as a dry run that writes nothing;
 * the response is shown as it is, and row-level problems (error.details.issues) in a table.
 */
import { useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined, FileSearchOutlined, FolderOpenOutlined } from '@ant-design/icons';
import type { PageProps } from '../App';
import { ApiError, apiSend, enc } from '../api';
import { PageTitle } from '../components/common';
import { useLang, useT } from '../i18n';

interface Summary {
  file: string;
  dryRun: boolean;
  total: number;
  added: number;
  changed: number;
  unchanged: number;
  revised: number;
  flagged: number;
  indicators: number;
  years: number[];
  preview: {
    indicatorId: string;
    year: number;
    kind: string;
    value: number;
    before: number | null;
    action: string;
    flag?: string;
    cell: string;
  }[];
}

interface Issue {
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
  suggestions?: string[];
}

export default function Import({ params }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const plan = params.plan!;
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<unknown>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [dryRunOk, setDryRunOk] = useState(false);

  const send = async (dryRun: boolean): Promise<void> => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    const fd = new FormData();
    fd.append('file', file, file.name);
    try {
      const r = await apiSend<unknown>('POST', `/api/v1/plans/${enc(plan)}/imports?dryRun=${dryRun}`, fd);
      setResult(r);
      setDryRunOk(dryRun);
    } catch (e) {
      setError(e as Error);
      setDryRunOk(false);
      if (e instanceof ApiError) setResult({ error: { code: e.code, message: e.message, details: e.details } });
    } finally {
      setBusy(false);
    }
  };

  const details = error instanceof ApiError ? (error.details as { issues?: Issue[] } | undefined) : undefined;
  const okIssues = (result as { issues?: Issue[] } | null)?.issues;
  const issues = details?.issues ?? (Array.isArray(okIssues) ? okIssues : []);
  const summary = (result as { summary?: Summary } | null)?.summary;

  return (
    <div data-testid="import">
      <PageTitle>{t('importTitle')}</PageTitle>
      <Card size="small">
        <Typography.Paragraph>{t('importHint')}</Typography.Paragraph>
        <Space wrap>
          <input
            ref={input}
            id="import-file"
            type="file"
            hidden
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setDryRunOk(false);
              setResult(null);
              setError(null);
            }}
          />
          <Button icon={<FolderOpenOutlined />} onClick={() => input.current?.click()} data-testid="choose-file">
            {t('chooseFile')}
          </Button>
          <span className="pw-subtitle" data-testid="chosen-file">
            {file ? `${file.name}（${Math.max(1, Math.round(file.size / 1024))} KB）` : lang === 'zh' ? '未选择文件' : 'No file chosen'}
          </span>
          <Button
            icon={<FileSearchOutlined />}
            type="primary"
            disabled={!file}
            loading={busy}
            onClick={() => void send(true)}
            data-testid="dry-run"
          >
            {t('dryRun')}
          </Button>
          <Button icon={<CloudUploadOutlined />} disabled={!file || !dryRunOk} loading={busy} onClick={() => void send(false)}>
            {t('importNow')}
          </Button>
        </Space>
      </Card>
      {error && (
        <Alert type="error" showIcon message={error.message} style={{ marginTop: 12, whiteSpace: 'pre-wrap' }} data-testid="import-error" />
      )}
      {issues.length > 0 && (
        <Card size="small" title={`${t('importIssues')}（${issues.length}）`} style={{ marginTop: 12 }}>
          <Table<Issue>
            rowKey={(_, i) => String(i)}
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 800 }}
            dataSource={issues}
            data-testid="import-issues"
            columns={[
              { title: t('file'), dataIndex: 'file', width: 160, render: (v?: string) => v ?? '—' },
              { title: t('sheet'), dataIndex: 'sheet', width: 110, render: (v?: string) => v ?? '—' },
              { title: t('row'), dataIndex: 'row', width: 60, render: (v?: number) => v ?? '—' },
              { title: t('columnCol'), dataIndex: 'column', width: 100, render: (v?: string) => v ?? '—' },
              { title: t('message'), dataIndex: 'message' },
              {
                title: t('suggestions'),
                dataIndex: 'suggestions',
                width: 220,
                render: (s?: string[]) => (s?.length ? s.map((x) => <Tag key={x}>{x}</Tag>) : '—'),
              },
            ]}
          />
        </Card>
      )}
      {summary && (
        <Card size="small" title={summary.dryRun ? t('dryRun') : t('importNow')} style={{ marginTop: 12 }} data-testid="import-summary">
          <Descriptions size="small" column={{ xs: 2, md: 4 }}>
            <Descriptions.Item label={t('file')}>{summary.file}</Descriptions.Item>
            <Descriptions.Item label={lang === 'zh' ? '数值' : 'Values'}>{summary.total}</Descriptions.Item>
            <Descriptions.Item label={lang === 'zh' ? '新增' : 'Added'}>{summary.added}</Descriptions.Item>
            <Descriptions.Item label={lang === 'zh' ? '修改' : 'Changed'}>{summary.changed}</Descriptions.Item>
            <Descriptions.Item label={lang === 'zh' ? '未变' : 'Unchanged'}>{summary.unchanged}</Descriptions.Item>
            <Descriptions.Item label={lang === 'zh' ? '修订' : 'Revised'}>{summary.revised}</Descriptions.Item>
            <Descriptions.Item label={t('flags')}>{summary.flagged}</Descriptions.Item>
            <Descriptions.Item label={t('year')}>{summary.years.join('、') || '—'}</Descriptions.Item>
          </Descriptions>
          {summary.preview.length > 0 && (
            <Table
              rowKey={(_, i) => String(i)}
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 700 }}
              dataSource={summary.preview}
              columns={[
                { title: t('indicator'), dataIndex: 'indicatorId', width: 80 },
                { title: t('year'), dataIndex: 'year', width: 70 },
                { title: t('kind'), dataIndex: 'kind', width: 110 },
                { title: t('value'), dataIndex: 'value', width: 100, align: 'right' },
                {
                  title: lang === 'zh' ? '原值' : 'Before',
                  dataIndex: 'before',
                  width: 100,
                  align: 'right',
                  render: (v: number | null) => v ?? '—',
                },
                { title: t('state'), dataIndex: 'action', width: 100 },
                { title: t('flags'), dataIndex: 'flag', render: (f?: string) => (f ? <Tag color="orange">{f}</Tag> : '—') },
                { title: lang === 'zh' ? '单元格' : 'Cell', dataIndex: 'cell', width: 120 },
              ]}
            />
          )}
        </Card>
      )}
      {result !== null && (
        <Card size="small" title={t('result')} style={{ marginTop: 12 }}>
          <pre className="pw-json" data-testid="import-result">
            {JSON.stringify(result, null, 2)}
          </pre>
        </Card>
      )}
    </div>
  );
}
