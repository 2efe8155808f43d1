/**
 * 规划文本: chapters and sections with their text, the 专栏 boxes inside their sections, and beside
 * each section the indicators and task targets that belong to it, with their current status.
 */
import { Fragment, useEffect, useMemo, type ReactNode } from 'react';
import { Card, Col, Empty, Row, Tag, Typography } from 'antd';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { ErrorView, Loading, PageTitle, StatusTag } from '../../components/common';
import { chapterNo, targetText } from '../../format';
import { fill, useLang, useT } from '../../i18n';
import { Link } from '../../router';
import type { Chapter, Cockpit, Column, Evaluation, Indicator, TaskTarget } from '../../types';

export default function PlanReader({ params }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const plan = params.plan!;
  const text = useApi<{ chapters: Chapter[]; columns: Column[] }>(`/api/v1/plans/${enc(plan)}/text`);
  const indicators = useApi<Indicator[]>(`/api/v1/plans/${enc(plan)}/indicators`);
  const tasks = useApi<TaskTarget[]>(`/api/v1/plans/${enc(plan)}/task-targets`);
  const cockpit = useApi<Cockpit>(`/api/v1/cockpit?plan=${enc(plan)}`);
  const taskEval = useApi<Evaluation>(`/api/v1/plans/${enc(plan)}/task-targets/evaluation`);

  const bySection = useMemo(() => {
    const ind = new Map<string, Indicator[]>();
    for (const i of indicators.data ?? [])
      for (const s of i.sectionIds) {
        const list = ind.get(s) ?? [];
        list.push(i);
        ind.set(s, list);
      }
    const tt = new Map<string, TaskTarget[]>();
    for (const x of tasks.data ?? []) tt.set(x.sectionId, [...(tt.get(x.sectionId) ?? []), x]);
    const cols = new Map<string, Column[]>();
    for (const c of text.data?.columns ?? []) cols.set(c.sectionId, [...(cols.get(c.sectionId) ?? []), c]);
    return { ind, tt, cols };
  }, [indicators.data, tasks.data, text.data]);

  const ready = !!text.data;
  useEffect(() => {
    if (!ready || !location.hash) return;
    const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    el?.scrollIntoView();
  }, [ready]);

  if (text.error && !text.data) return <ErrorView error={text.error} retry={text.reload} />;
  if (!text.data) return <Loading />;
  if (text.data.chapters.length === 0)
    return (
      <div data-testid="plan-reader">
        <PageTitle>{cockpit.data?.plan.title ?? t('readerTitle')}</PageTitle>
        <Card size="small">
          <Empty description={t('noPlanText')}>
            <Link to={`/plans/${plan}/indicators`}>{t('nav_table')}</Link>
          </Empty>
        </Card>
      </div>
    );
  const status = new Map((cockpit.data?.indicators ?? []).map((i) => [i.indicatorId, i]));
  const mode = cockpit.data?.mode ?? 'progress';
  const taskStatus = new Map((taskEval.data?.results ?? []).map((r) => [r.indicatorId, r]));

  return (
    <div data-testid="plan-reader">
      <PageTitle>{cockpit.data?.plan.title ?? t('readerTitle')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={0} lg={6} xxl={5}>
          <nav className="pw-side pw-toc" aria-label={t('contents')} style={{ maxHeight: 'calc(100vh - 90px)', overflow: 'auto' }}>
            <Card size="small" title={t('contents')}>
              {text.data.chapters.map((c) => (
                <Fragment key={c.id}>
                  <a href={`#ch-${c.id}`}>
                    {chapterNo(c.no, lang)} {c.title}
                  </a>
                  {c.sections.map((s) => (
                    <a key={s.id} href={`#sec-${s.id}`} className="pw-toc-sec">
                      {s.title}
                    </a>
                  ))}
                </Fragment>
              ))}
            </Card>
          </nav>
        </Col>
        <Col xs={24} lg={18} xxl={19}>
          <Card size="small">
            {text.data.chapters.map((c) => (
              <section key={c.id} className="pw-reader-chapter" aria-labelledby={`ch-${c.id}`}>
                <Typography.Title level={3} id={`ch-${c.id}`} style={{ scrollMarginTop: 70 }}>
                  {chapterNo(c.no, lang)} {c.title}
                </Typography.Title>
                <div className="pw-reader-text">
                  {c.paragraphs.map((p, i) => (
                    <p key={i}>{p}</p>
                  ))}
                </div>
                {c.sections.map((s) => {
                  const inds = bySection.ind.get(s.id) ?? [];
                  const tts = bySection.tt.get(s.id) ?? [];
                  const cols = bySection.cols.get(s.id) ?? [];
                  const side = inds.length > 0 || tts.length > 0;
                  return (
                    <section key={s.id} id={`sec-${s.id}`} className="pw-reader-section" data-section={s.id}>
                      <Row gutter={[16, 8]}>
                        <Col xs={24} md={side ? 16 : 24}>
                          <Typography.Title level={4}>{s.title}</Typography.Title>
                          <div className="pw-reader-text">
                            {s.paragraphs.map((p, i) => (
                              <p key={i}>{p}</p>
                            ))}
                          </div>
                          {cols.map((col) => (
                            <ColumnBox key={col.id} col={col} />
                          ))}
                        </Col>
                        {side && (
                          <Col xs={24} md={8}>
                            <aside className="pw-side" aria-label={`${s.title}：${t('relatedIndicators')}`}>
                              {inds.length > 0 && (
                                <div className="pw-side-box" data-testid={`section-indicators-${s.id}`}>
                                  <h6>{t('relatedIndicators')}</h6>
                                  <ul>
                                    {inds.map((i) => {
                                      const st = status.get(i.id);
                                      return (
                                        <li key={i.id}>
                                          <Link to={`/plans/${plan}/indicators/${enc(i.id)}`}>
                                            {i.id}. {i.name}
                                          </Link>
                                          {st && (
                                            <StatusTag code={mode === 'final' ? st.verdict : st.status} mode={mode} warning={st.warning} />
                                          )}
                                        </li>
                                      );
                                    })}
                                  </ul>
                                </div>
                              )}
                              {tts.length > 0 && (
                                <div className="pw-side-box" data-testid={`section-tasks-${s.id}`}>
                                  <h6>{t('relatedTasks')}</h6>
                                  <ul>
                                    {tts.map((x) => {
                                      const st = taskStatus.get(x.id);
                                      return (
                                        <li key={x.id} title={x.quote} data-task={x.id} className="pw-side-task">
                                          <span>
                                            <Link to={`/plans/${plan}/indicators/${enc(x.id)}`}>{x.name}</Link>{' '}
                                            <Tag color="blue">{targetText(x.target, x.unit)}</Tag>
                                          </span>
                                          {st && (
                                            <StatusTag code={(taskEval.data?.mode === 'final' ? st.verdict : st.status) ?? 'dataMissing'} />
                                          )}
                                        </li>
                                      );
                                    })}
                                  </ul>
                                </div>
                              )}
                            </aside>
                          </Col>
                        )}
                      </Row>
                    </section>
                  );
                })}
              </section>
            ))}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function ColumnBox({ col }: { col: Column }): ReactNode {
  const t = useT();
  const groups: { name: string | undefined; items: Column['items'] }[] = [];
  for (const it of col.items) {
    const last = groups.at(-1);
    if (last && last.name === it.group) last.items.push(it);
    else groups.push({ name: it.group, items: [it] });
  }
  return (
    <div className="pw-column-box" role="note" aria-label={`${t('column')}${col.no}`} data-column={col.id}>
      <h5>{/^专栏/.test(col.title) ? col.title : `${fill(t('columnNoOf'), { n: col.no })} ${col.title}`}</h5>
      {groups.map((g, gi) => (
        <div key={gi}>
          {g.name && !(g.items.length === 1 && g.items[0]!.name === g.name) && <Typography.Text strong>{g.name}</Typography.Text>}
          <dl>
            {g.items.map((it) => (
              <Fragment key={it.id}>
                <dt>{it.name}</dt>
                {it.text && <dd>{it.text}</dd>}
              </Fragment>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}
