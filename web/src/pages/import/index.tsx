/**
 * 数据导入, two tabs: indicator values (POST /plans/:plan/imports) and the monthly project ledger
 * (POST /plans/:plan/projects/ledger). Either file goes first as a dry run that writes nothing; the
 * response is shown as it is, and row-level problems (error.details.issues) in a table. While a
 * file is checked, read and written, the server's progress is followed under the job the upload
 * names.
 */
import { useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Space, Table, Tabs, Tag, Typography } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, FileSearchOutlined, FolderOpenOutlined } from '@ant-design/icons';
import type { PageProps } from '../../router';
import { useAction } from '../../action';
import { ApiError, apiSend, enc } from '../../api';
import { PageTitle } from '../../components/common';
import { fmtNum } from '../../format';
import { followJob, newJobId } from '../../jobs';
import { money } from '../../projects';
import { useLang, useT, word } from '../../i18n';
import { navigate } from '../../router';
import type { ImportIssue as Issue, ImportSummary as Summary, Job, LedgerSummary } from '../../types';
import { IMPORT_ACTION, IMPORT_SUMMARY, OBSERVATION_KIND } from '../../../../src/core/labels';
import { useTargets } from '../../targets';

export default function Import({ params, query }: PageProps): ReactNode {
  const t = useT();
  const plan = params.plan!;
  const tab = query.get('tab') === 'ledger' ? 'ledger' : 'values';
  return (
    <div data-testid="import">
      <PageTitle>{t('importTitle')}</PageTitle>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(`/plans/${plan}/import${k === 'ledger' ? '?tab=ledger' : ''}`, { replace: true })}
        items={[
          { key: 'values', label: t('valuesTab'), children: <ValuesImport plan={plan} /> },
          { key: 'ledger', label: <span data-testid="ledger-tab">{t('ledgerTab')}</span>, children: <LedgerImport plan={plan} /> },
        ]}
      />
    </div>
  );
}

/** A file, a dry run, then the import: the state both tabs share. */
function useUpload(url: string): {
  file: File | null;
  choose(f: File | null): void;
  busy: boolean;
  result: unknown;
  error: ApiError | Error | null;
  dryRunOk: boolean;
  send(dryRun: boolean): Promise<boolean>;
  issues: Issue[];
  job: Job | null;
} {
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [result, setResult] = useState<unknown>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [dryRunOk, setDryRunOk] = useState(false);

  // The refusal is kept whole (its details list the rows at fault), so the action handles it itself.
  const sending = useAction(async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setResult(null);
    const fd = new FormData();
    fd.append('file', file, file.name);
    const jobId = newJobId();
    const stop = followJob(jobId, setJob);
    try {
      const r = await apiSend<unknown>('POST', `${url}?dryRun=${dryRun}&job=${jobId}`, fd);
      setResult(r);
      setDryRunOk(dryRun);
    } catch (e) {
      setError(e as Error);
      setDryRunOk(false);
      if (e instanceof ApiError) setResult({ error: { code: e.code, message: e.message, details: e.details } });
    } finally {
      stop();
      setJob(null);
    }
  });
  const choose = (f: File | null): void => {
    setFile(f);
    setDryRunOk(false);
    setResult(null);
    setError(null);
  };
  const details = error instanceof ApiError ? (error.details as { issues?: Issue[] } | undefined) : undefined;
  const okIssues = (result as { issues?: Issue[] } | null)?.issues;
  const issues = details?.issues ?? (Array.isArray(okIssues) ? okIssues : []);
  return { file, choose, busy: sending.busy, result, error, dryRunOk, send: sending.run, issues, job };
}

const PHASE = { check: 'phaseCheck', read: 'phaseRead', write: 'phaseWrite' } as const;

/** How far the server is with the file: the phase, and rows (or bytes checked) of all when known. */
function UploadProgress({ u }: { u: ReturnType<typeof useUpload> }): ReactNode {
  const t = useT();
  const lang = useLang();
  if (!u.busy || !u.job?.phase) return null;
  const { phase, done, total } = u.job;
  const label = phase in PHASE ? t(PHASE[phase as keyof typeof PHASE]) : phase;
  const count = phase === 'check' ? '' : total ? `${fmtNum(done, lang)} / ${fmtNum(total, lang)}` : fmtNum(done, lang);
  return (
    <div style={{ marginTop: 12, maxWidth: 480 }} data-testid="upload-progress" data-phase={phase}>
      <span className="pw-subtitle">
        {label} {count}
      </span>
      <Progress percent={total ? Math.min(99, Math.round((done / total) * 100)) : 0} status="active" size="small" />
    </div>
  );
}

function UploadBar({ u, prefix, accept }: { u: ReturnType<typeof useUpload>; prefix: 'import' | 'ledger'; accept: string }): ReactNode {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const tid = (s: string): string => (prefix === 'import' ? s : `ledger-${s}`);
  return (
    <Space wrap>
      <input ref={input} id={`${prefix}-file`} type="file" hidden accept={accept} onChange={(e) => u.choose(e.target.files?.[0] ?? null)} />
      <Button icon={<FolderOpenOutlined />} onClick={() => input.current?.click()} data-testid={tid('choose-file')}>
        {t('chooseFile')}
      </Button>
      <span className="pw-subtitle" data-testid={tid('chosen-file')}>
        {u.file ? `${u.file.name}（${Math.max(1, Math.round(u.file.size / 1024))} KB）` : t('noFileChosen')}
      </span>
      <Button
        icon={<FileSearchOutlined />}
        type="primary"
        disabled={!u.file}
        loading={u.busy}
        onClick={() => void u.send(true)}
        data-testid={tid('dry-run')}
      >
        {t('dryRun')}
      </Button>
      <Button
        icon={<CloudUploadOutlined />}
        disabled={!u.file || !u.dryRunOk}
        loading={u.busy}
        onClick={() => void u.send(false)}
        data-testid={tid('import-now')}
      >
        {t('importNow')}
      </Button>
    </Space>
  );
}

function IssueList({ u, testId }: { u: ReturnType<typeof useUpload>; testId: string }): ReactNode {
  const t = useT();
  return (
    <>
      {u.error && (
        <Alert
          type="error"
          showIcon
          message={u.error.message}
          style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}
          data-testid={testId === 'import-issues' ? 'import-error' : 'ledger-error'}
        />
      )}
      {u.issues.length > 0 && (
        <Card size="small" title={`${t('importIssues')}（${u.issues.length}）`} style={{ marginTop: 12 }}>
          <Table<Issue>
            rowKey={(_, i) => String(i)}
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 800 }}
            dataSource={u.issues}
            data-testid={testId}
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
    </>
  );
}

/** What an import's answer says, in words (never the raw JSON): written or previewed, and its counts (IMPORT_SUMMARY). */
function RawResult({ result, testId }: { result: unknown; testId: string }): ReactNode {
  const t = useT();
  const lang = useLang();
  if (result === null || typeof result !== 'object') return null;
  const top = result as Record<string, unknown>;
  const s = (top.summary && typeof top.summary === 'object' ? top.summary : top) as Record<string, unknown>;
  const parts = Object.entries(IMPORT_SUMMARY)
    .filter(([k]) => s[k] !== undefined && s[k] !== null && !(Array.isArray(s[k]) && (s[k] as unknown[]).length === 0))
    .map(([k, w]) => `${w[lang]}：${Array.isArray(s[k]) ? (s[k] as unknown[]).join('、') : String(s[k])}`);
  const state = s.dryRun === true ? t('previewNothingWritten') : t('written');
  return (
    <Card size="small" title={t('result')} style={{ marginTop: 12 }}>
      <div data-testid={testId}>
        <strong>{state}</strong>
        {t('colon')}
        {parts.join(t('listSep'))}
      </div>
    </Card>
  );
}

function ValuesImport({ plan }: { plan: string }): ReactNode {
  const t = useT();
  const lang = useLang();
  const u = useUpload(`/api/v1/plans/${enc(plan)}/imports`);
  const summary = (u.result as { summary?: Summary } | null)?.summary;
  const targets = useTargets(plan);

  return (
    <div>
      <Card size="small">
        <Typography.Paragraph>{t('importHint')}</Typography.Paragraph>
        <UploadBar u={u} prefix="import" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" />
        <UploadProgress u={u} />
      </Card>
      <IssueList u={u} testId="import-issues" />
      {summary && (
        <Card size="small" title={summary.dryRun ? t('dryRun') : t('importNow')} style={{ marginTop: 12 }} data-testid="import-summary">
          <Descriptions size="small" column={{ xs: 2, md: 4 }}>
            <Descriptions.Item label={t('file')}>{summary.file}</Descriptions.Item>
            <Descriptions.Item label={t('summaryValues')}>{summary.total}</Descriptions.Item>
            <Descriptions.Item label={t('summaryAdded')}>{summary.added}</Descriptions.Item>
            <Descriptions.Item label={t('summaryChanged')}>{summary.changed}</Descriptions.Item>
            <Descriptions.Item label={t('summaryUnchanged')}>{summary.unchanged}</Descriptions.Item>
            <Descriptions.Item label={t('summaryRevised')}>{summary.revised}</Descriptions.Item>
            <Descriptions.Item label={t('flags')}>{summary.flagged}</Descriptions.Item>
            <Descriptions.Item label={t('year')}>{summary.years.join('、') || '—'}</Descriptions.Item>
          </Descriptions>
          {summary.preview.length > 0 && (
            <Table
              rowKey={(_, i) => String(i)}
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 840 }}
              dataSource={summary.preview}
              columns={[
                {
                  title: t('indicator'),
                  dataIndex: 'indicatorId',
                  width: 220,
                  // 「17 空气质量优良天数比率」: the number and the name, as the plan's table has them.
                  render: (id: string) => (
                    <span data-testid="preview-indicator">{[id, targets.get(id)?.name].filter(Boolean).join(' ')}</span>
                  ),
                },
                { title: t('year'), dataIndex: 'year', width: 70 },
                { title: t('kind'), dataIndex: 'kind', width: 110, render: (k: string) => word(OBSERVATION_KIND, k, lang) },
                { title: t('value'), dataIndex: 'value', width: 100, align: 'right' },
                {
                  title: t('beforeValue'),
                  dataIndex: 'before',
                  width: 100,
                  align: 'right',
                  render: (v: number | null) => v ?? '—',
                },
                {
                  title: t('state'),
                  dataIndex: 'action',
                  width: 100,
                  render: (a: string) => word(IMPORT_ACTION, a, lang),
                },
                { title: t('flags'), dataIndex: 'flag', render: (f?: string) => (f ? <Tag color="orange">{f}</Tag> : '—') },
                { title: t('cellCol'), dataIndex: 'cell', width: 120 },
              ]}
            />
          )}
        </Card>
      )}
      <RawResult result={u.result} testId="import-result" />
    </div>
  );
}

const LEDGER_TEMPLATE = '项目编号,项目名称,月份,本月完成投资（亿元）,项目阶段,完成节点,存在问题,问题责任单位,备注\n';

function LedgerImport({ plan }: { plan: string }): ReactNode {
  const t = useT();
  const lang = useLang();
  const u = useUpload(`/api/v1/plans/${enc(plan)}/projects/ledger`);
  const summary = (u.result as { summary?: LedgerSummary } | null)?.summary;
  const template = (): void => {
    const href = URL.createObjectURL(new Blob(['\ufeff', LEDGER_TEMPLATE], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = href;
    a.download = t('ledgerTemplateFile');
    a.click();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  };
  const status: Record<string, string> = {
    approved: t('ledgerApprovedOnImport'),
    submitted: t('ledgerAwaitingReview'),
    draft: t('ledgerDraft'),
  };

  return (
    <div data-testid="ledger-import">
      <Card size="small">
        <Typography.Paragraph>{t('ledgerHint')}</Typography.Paragraph>
        <Space wrap>
          <UploadBar u={u} prefix="ledger" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" />
          <Button type="link" icon={<DownloadOutlined />} onClick={template}>
            {t('template')}
          </Button>
        </Space>
        <UploadProgress u={u} />
      </Card>
      <IssueList u={u} testId="ledger-issues" />
      {summary && (
        <Card size="small" title={summary.dryRun ? t('dryRun') : t('importNow')} style={{ marginTop: 12 }} data-testid="ledger-summary">
          <Descriptions size="small" column={{ xs: 2, md: 4 }}>
            <Descriptions.Item label={t('file')}>{(u.result as { file?: string }).file ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('summaryRows')}>{summary.rows}</Descriptions.Item>
            <Descriptions.Item label={t('projects')}>{summary.projects}</Descriptions.Item>
            <Descriptions.Item label={t('period')}>{summary.months.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('summaryAddedReports')}>{summary.added}</Descriptions.Item>
            <Descriptions.Item label={t('summaryChangedReports')}>{summary.changed}</Descriptions.Item>
            <Descriptions.Item label={t('newIssues')}>{summary.issues}</Descriptions.Item>
            <Descriptions.Item label={t('summaryInvestment')}>{money(summary.investment, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('workflow')}>{status[summary.status] ?? summary.status}</Descriptions.Item>
          </Descriptions>
          {summary.preview.length > 0 && (
            <Table
              rowKey={(_, i) => String(i)}
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 840 }}
              dataSource={summary.preview}
              columns={[
                { title: t('projectName'), dataIndex: 'projectName' },
                { title: t('period'), dataIndex: 'period', width: 90 },
                {
                  title: t('investmentMonth'),
                  dataIndex: 'investment',
                  width: 150,
                  align: 'right',
                  render: (v: number) => fmtNum(v, lang),
                },
                {
                  title: t('beforeValue'),
                  dataIndex: 'before',
                  width: 90,
                  align: 'right',
                  render: (v: number | null) => (v === null ? '—' : fmtNum(v, lang)),
                },
                {
                  title: t('state'),
                  dataIndex: 'action',
                  width: 80,
                  render: (a: string) => word(IMPORT_ACTION, a, lang),
                },
                { title: t('cellCol'), dataIndex: 'cell', width: 90 },
              ]}
            />
          )}
        </Card>
      )}
      <RawResult result={u.result} testId="ledger-result" />
    </div>
  );
}
