/** Parts of project/index.tsx: Issues, Reports. */
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, App, Button, Empty, Popconfirm, Table, Tag } from 'antd';
import { apiSend, enc } from '../../api';
import { fmtNum } from '../../format';
import { fill, useLang, useT, word } from '../../i18n';
import { PROJECT_STAGE, VALUE_STATUS } from '../../../../src/core/labels';
import { VALUE_STATUS_COLOUR } from '../../status';
import type { ProjectDetail, ProjectIssue, ProjectReport } from '../../types';
import { useAction } from '../../action';
import { ReturnDialog, ReviewButtons, useReview } from '../../components/Review';

export function Issues({
  issues,
  canResolve,
  asOf,
  reload,
}: {
  issues: ProjectIssue[];
  canResolve: boolean;
  asOf: string;
  reload(): void;
}): ReactNode {
  const t = useT();
  const { message } = App.useApp();
  const resolving = useAction(
    async (i: ProjectIssue) => {
      await apiSend('POST', `/api/v1/project-issues/${enc(i.id)}/resolve`, { period: asOf < i.openedIn ? i.openedIn : asOf });
      void message.success(t('issueResolved'));
      reload();
    },
    { key: (i) => i.id },
  );
  if (!issues.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noIssues')} />;
  return (
    <>
      {resolving.error && <Alert type="error" showIcon message={resolving.error} style={{ marginBottom: 8 }} />}
      <Table<ProjectIssue>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={issues}
        data-testid="issues"
        scroll={{ x: 700 }}
        columns={[
          { title: t('issueTitle'), dataIndex: 'title' },
          { title: t('responsibleUnit'), dataIndex: 'ownerUnit', width: 200, render: (u: string | null) => u ?? '—' },
          { title: t('issueRaised'), dataIndex: 'openedIn', width: 100 },
          {
            title: t('status'),
            key: 'status',
            width: 150,
            render: (_, i) =>
              i.status === 'open' ? (
                <Tag color="orange">{t('issueOpen')}</Tag>
              ) : (
                <Tag color="green">
                  {t('issueResolved')} {i.resolvedIn}
                </Tag>
              ),
          },
          ...(canResolve
            ? [
                {
                  title: '',
                  key: 'act',
                  width: 120,
                  render: (_: unknown, i: ProjectIssue) =>
                    i.status === 'open' ? (
                      <Popconfirm
                        title={fill(t('resolveInOf'), { m: asOf < i.openedIn ? i.openedIn : asOf })}
                        onConfirm={() => void resolving.run(i)}
                      >
                        <Button size="small" loading={resolving.running === i.id} data-testid={`resolve-${i.id}`}>
                          {t('resolve')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

export function Reports({ d, canReview, reload }: { d: ProjectDetail; canReview: boolean; reload(): void }): ReactNode {
  const t = useT();
  const lang = useLang();
  const [returning, setReturning] = useState<ProjectReport | null>(null);
  const review = useReview((id) => `/api/v1/project-reports/${enc(id)}`, reload);
  const milestoneName = (id: string): string => d.project.milestones.find((m) => m.id === id)?.name ?? id;

  if (!d.reports.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noReports')} />;
  const rows = [...d.reports].sort((a, b) => b.period.localeCompare(a.period));
  return (
    <>
      {review.error && <Alert type="error" showIcon message={review.error} style={{ marginBottom: 8 }} data-testid="report-review-error" />}
      <Table<ProjectReport>
        rowKey="id"
        size="small"
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        dataSource={rows}
        data-testid="reports"
        scroll={{ x: 1000 }}
        onRow={(r) => ({ 'data-period': r.period, 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('period'), dataIndex: 'period', width: 86 },
          {
            title: t('investmentMonth'),
            dataIndex: 'investment',
            width: 130,
            align: 'right',
            render: (v: number) => fmtNum(v, lang),
          },
          {
            title: t('stage'),
            dataIndex: 'stage',
            width: 90,
            render: (s: string | null) => (s ? word(PROJECT_STAGE, s, lang) : '—'),
          },
          {
            title: t('milestonesDone'),
            dataIndex: 'milestonesDone',
            width: 160,
            render: (ms: string[]) => (ms.length ? ms.map(milestoneName).join('、') : '—'),
          },
          {
            title: t('note'),
            key: 'note',
            render: (_, r) => [r.note, r.returnReason && `${t('reason')}：${r.returnReason}`].filter(Boolean).join('；') || '—',
          },
          {
            title: t('workflow'),
            dataIndex: 'status',
            width: 96,
            render: (s: string) => <Tag color={VALUE_STATUS_COLOUR[s]}>{word(VALUE_STATUS, s, lang)}</Tag>,
          },
          {
            title: `${t('submittedBy')} / ${t('reviewer')}`,
            key: 'who',
            width: 130,
            render: (_, r) => `${r.submittedBy ?? '—'} / ${r.reviewedBy ?? '—'}`,
          },
          ...(canReview
            ? [
                {
                  title: '',
                  key: 'act',
                  width: 150,
                  render: (_: unknown, r: ProjectReport) =>
                    r.status === 'submitted' ? (
                      <ReviewButtons id={r.id} testId={`report-${r.period}`} review={review} onReturn={() => setReturning(r)} />
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <ReturnDialog
        id={returning?.id ?? null}
        title={`${t('return')}：${returning?.period ?? ''}`}
        review={review}
        onClose={() => setReturning(null)}
      />
    </>
  );
}
