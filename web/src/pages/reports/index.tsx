/**
 * 报告: the annual monitoring report, the mid-term and the end-of-period evaluation as Word files,
 * and the indicator table as Excel or CSV. A report takes a moment to build: its progress (the
 * section being written, done/total) is polled from the job the download names, and the file is
 * saved under the server's name for it. Only approved values go into any of them.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Checkbox, Col, Progress, Row, Select, Space, Typography } from 'antd';
import { FileExcelOutlined, FileTextOutlined, FileWordOutlined } from '@ant-design/icons';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { download } from '../../download';
import { fill, useT, type DictKey } from '../../i18n';
import type { Cockpit, Job } from '../../types';

type Kind = 'annual' | 'midterm' | 'final' | 'xlsx' | 'csv';

interface Run {
  kind: Kind;
  title: string;
  status: 'running' | 'done' | 'failed';
  phase: string | null;
  done: number;
  total: number | null;
  name?: string;
  bytes?: number;
  error?: string;
}

const TITLE: Record<Kind, DictKey> = {
  annual: 'annualReport',
  midterm: 'midtermReport',
  final: 'finalReport',
  xlsx: 'indicatorExport',
  csv: 'indicatorExport',
};

export default function Reports({ params }: PageProps): ReactNode {
  const t = useT();
  const plan = params.plan!;
  const cockpit = useApi<Cockpit>(`/api/v1/cockpit?plan=${enc(plan)}`);
  const [annualYear, setAnnualYear] = useState<number | null>(null);
  const [midYear, setMidYear] = useState<number | null>(null);
  const [tableYear, setTableYear] = useState<number | null>(null);
  const [tableFinal, setTableFinal] = useState(false);
  const [run, setRun] = useState<Run | null>(null);
  // A finished download belongs to the plan it was made for: another plan's page starts without it.
  useEffect(() => setRun(null), [plan]);

  if (cockpit.error && !cockpit.data) return <ErrorView error={cockpit.error} retry={cockpit.reload} />;
  if (!cockpit.data) return <Loading />;
  const c = cockpit.data;
  const { baseYear, targetYear } = c.plan;
  const years = c.years;
  const yr = t('yearSuffix');
  const annual = annualYear ?? c.latestYear;
  const mid = midYear ?? (years.includes(baseYear + 3) ? baseYear + 3 : c.latestYear);
  const table = tableYear ?? c.latestYear;
  const busy = run?.status === 'running';
  const base = `/api/v1/plans/${enc(plan)}`;
  const yearOptions = years.map((y) => ({
    value: y,
    label: `${y}${yr}${y === c.latestYear ? t('latestSuffix') : ''}`,
  }));

  const start = async (kind: Kind, url: string, title: string, fallbackName: string): Promise<void> => {
    const word = kind === 'annual' || kind === 'midterm' || kind === 'final';
    setRun({ kind, title, status: 'running', phase: null, done: 0, total: null });
    try {
      const got = await download(url, {
        fallbackName,
        job: word,
        onProgress: (job: Job) =>
          setRun((r) => (r && r.status === 'running' ? { ...r, phase: job.phase, done: job.done, total: job.total } : r)),
      });
      setRun((r) => r && { ...r, status: 'done', done: r.total ?? 1, total: r.total ?? 1, name: got.name, bytes: got.bytes });
    } catch (e) {
      setRun((r) => r && { ...r, status: 'failed', error: (e as Error).message });
    }
  };

  const wordButton = (kind: 'annual' | 'midterm' | 'final', year: number | null): ReactNode => {
    const title = `${t(TITLE[kind])}${year ? `（${year}${yr}）` : ''}`;
    return (
      <Button
        type="primary"
        icon={<FileWordOutlined />}
        disabled={busy}
        loading={busy && run?.kind === kind}
        data-testid={`download-${kind}`}
        onClick={() =>
          void start(
            kind,
            `${base}/reports/${kind}.docx${year ? `?year=${year}` : ''}`,
            title,
            `${plan}-${kind}${year ? `-${year}` : ''}.docx`,
          )
        }
      >
        {t('downloadWord')}
      </Button>
    );
  };

  const tableQuery = `?year=${table}${tableFinal ? '&final=true' : ''}`;
  const tableTitle = `${t('indicatorExport')}（${table}${yr}${tableFinal ? t('endOfPeriodSuffix') : ''}）`;

  return (
    <div data-testid="reports-page">
      <PageTitle>
        {c.plan.shortTitle} · {t('reportsTitle')}
      </PageTitle>
      <div className="pw-subtitle" style={{ marginTop: -8, marginBottom: 12 }}>
        {c.plan.title} · {baseYear}—{targetYear}
        {yr} · {t('latestYear')} {c.latestYear}
        {yr} · {t('approvedOnlyNote')}
      </div>

      <RunStatus run={run} />

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12} xxl={6}>
          <Card size="small" title={t('annualReport')} style={{ height: '100%' }} data-testid="card-annual">
            <Typography.Paragraph className="pw-subtitle">{t('annualReportHint')}</Typography.Paragraph>
            <Space wrap>
              <Select
                id="annual-year"
                aria-label={`${t('annualReport')} ${t('year')}`}
                value={annual}
                style={{ width: 150 }}
                onChange={setAnnualYear}
                options={yearOptions}
              />
              {wordButton('annual', annual)}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={12} xxl={6}>
          <Card size="small" title={t('midtermReport')} style={{ height: '100%' }} data-testid="card-midterm">
            <Typography.Paragraph className="pw-subtitle">{fill(t('midtermReportHint'), { y: baseYear + 3 })}</Typography.Paragraph>
            <Space wrap>
              <Select
                id="midterm-year"
                aria-label={`${t('midtermReport')} ${t('year')}`}
                value={mid}
                style={{ width: 150 }}
                onChange={setMidYear}
                options={yearOptions}
              />
              {wordButton('midterm', mid)}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={12} xxl={6}>
          <Card size="small" title={t('finalReport')} style={{ height: '100%' }} data-testid="card-final">
            <Typography.Paragraph className="pw-subtitle">
              {fill(t('finalReportHint'), { from: baseYear + 1, to: targetYear })}
            </Typography.Paragraph>
            {wordButton('final', null)}
          </Card>
        </Col>
        <Col xs={24} lg={12} xxl={6}>
          <Card size="small" title={t('indicatorExport')} style={{ height: '100%' }} data-testid="card-table">
            <Typography.Paragraph className="pw-subtitle">{t('indicatorExportHint')}</Typography.Paragraph>
            <Space wrap>
              <Select
                id="table-year"
                aria-label={`${t('indicatorExport')} ${t('year')}`}
                value={table}
                style={{ width: 150 }}
                onChange={setTableYear}
                options={yearOptions}
              />
              <Checkbox checked={tableFinal} onChange={(e) => setTableFinal(e.target.checked)}>
                {t('modeFinal')}
              </Checkbox>
            </Space>
            <Space wrap style={{ marginTop: 10 }}>
              <Button
                icon={<FileExcelOutlined />}
                disabled={busy}
                loading={busy && run?.kind === 'xlsx'}
                data-testid="download-xlsx"
                onClick={() =>
                  void start('xlsx', `${base}/export.xlsx${tableQuery}`, `${tableTitle} Excel`, `${plan}-indicators-${table}.xlsx`)
                }
              >
                Excel（.xlsx）
              </Button>
              <Button
                icon={<FileTextOutlined />}
                disabled={busy}
                loading={busy && run?.kind === 'csv'}
                data-testid="download-csv"
                onClick={() => void start('csv', `${base}/export.csv${tableQuery}`, `${tableTitle} CSV`, `${plan}-indicators-${table}.csv`)}
              >
                CSV
              </Button>
            </Space>
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function RunStatus({ run }: { run: Run | null }): ReactNode {
  const t = useT();
  if (!run) return null;
  const percent = run.status === 'done' ? 100 : run.total ? Math.min(99, Math.round((run.done / run.total) * 100)) : 0;
  const kb = run.bytes !== undefined ? `${Math.max(1, Math.round(run.bytes / 1024))} KB` : '';
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="report-progress"
      data-status={run.status}
      title={`${run.status === 'running' ? t('building') : run.status === 'done' ? t('downloaded') : t('loadFailed')}：${run.title}`}
    >
      {run.status === 'failed' ? (
        <Alert type="error" showIcon message={run.error} data-testid="report-error" />
      ) : (
        <>
          <Progress percent={percent} status={run.status === 'running' ? 'active' : 'success'} aria-label={t('generationProgress')} />
          <div className="pw-subtitle" data-testid="report-phase">
            {run.status === 'done'
              ? `${run.name ?? ''}${kb ? `（${kb}）` : ''}`
              : run.phase
                ? `${run.phase}${run.total ? ` ${run.done}/${run.total}` : ''}`
                : t('runStarting')}
          </div>
        </>
      )}
    </Card>
  );
}
