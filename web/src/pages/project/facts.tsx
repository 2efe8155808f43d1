/** Parts of project/index.tsx: Lifecycle, Facts, Milestones. */
import { type ReactNode } from 'react';
import { Descriptions, Empty, Space, Tag } from 'antd';
import { CheckOutlined, WarningFilled } from '@ant-design/icons';
import { fmtNum } from '../../format';
import { useLang, useT } from '../../i18n';
import { Link } from '../../router';
import { PROJECT_CATEGORY, PROJECT_STAGE, PROJECT_STAGES } from '../../status';
import { money } from '../../projects';
import type { Chapter, Column, Milestone, ProjectDetail } from '../../types';

/** 谋划 → 前期 → 开工 → 在建 → 竣工 → 投产/运营, the stages passed ticked and the current one highlighted. */
export function Lifecycle({ stage }: { stage: string }): ReactNode {
  const lang = useLang();
  const at = PROJECT_STAGES.indexOf(stage as (typeof PROJECT_STAGES)[number]);
  return (
    <ol className="pw-lifecycle" data-testid="lifecycle" data-stage={stage}>
      {PROJECT_STAGES.map((s, i) => {
        const state = i < at ? 'done' : i === at ? 'current' : 'todo';
        return (
          <li key={s} className={`pw-stage pw-stage-${state}`} data-stage={s} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="pw-stage-dot">{i < at ? <CheckOutlined /> : i + 1}</span>
            <span className="pw-stage-name">{lang === 'zh' ? PROJECT_STAGE[s]!.zh : PROJECT_STAGE[s]!.en}</span>
          </li>
        );
      })}
    </ol>
  );
}

export function Facts({
  d,
  text,
  unitName,
}: {
  d: ProjectDetail;
  text: { chapters: Chapter[]; columns: Column[] } | undefined;
  unitName: (id: string | null) => string;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const zh = lang === 'zh';
  const p = d.project;
  const sections = new Map((text?.chapters ?? []).flatMap((c) => c.sections.map((s) => [s.id, { chapter: c, section: s }] as const)));
  const column = text?.columns.find((c) => c.id === p.columnId);
  const item = column?.items.find((i) => i.id === p.columnItemId);
  const r = p.requirements;
  const needs = [
    r.landMu !== null && `${zh ? '用地' : 'land'} ${fmtNum(r.landMu, lang)} ${zh ? '亩' : 'mu'}`,
    r.energyTce !== null && `${zh ? '用能' : 'energy'} ${fmtNum(r.energyTce, lang)} ${zh ? '吨标煤' : 'tce'}`,
    r.fundingGap !== null && `${zh ? '资金缺口' : 'funding gap'} ${money(r.fundingGap, lang)}`,
  ].filter(Boolean);
  const plans = Object.entries(p.annualPlan).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, xl: 3 }}
      data-testid="project-facts"
      items={[
        { key: 'category', label: t('category'), children: zh ? PROJECT_CATEGORY[p.category]?.zh : PROJECT_CATEGORY[p.category]?.en },
        { key: 'owner', label: t('ownerUnit'), children: p.ownerUnit ?? '—' },
        { key: 'unit', label: t('responsibleUnit'), children: unitName(p.responsibleUnitId) },
        { key: 'town', label: t('townCol'), children: p.townId ? unitName(p.townId) : '—' },
        { key: 'total', label: t('totalInvestment'), children: p.totalInvestment === null ? '—' : fmtNum(p.totalInvestment, lang) },
        {
          key: 'dates',
          label: `${t('plannedStart')} / ${t('plannedFinish')}`,
          children: `${p.plannedStart ?? '—'} / ${p.plannedFinish ?? '—'}`,
        },
        {
          key: 'plan',
          label: zh ? '年度投资计划' : 'Yearly investment plan',
          children: plans.length ? plans.map(([y, v]) => `${y}${zh ? '年 ' : ': '}${money(v, lang)}`).join('；') : '—',
        },
        {
          key: 'needs',
          label: t('requirements'),
          span: 2,
          children: (
            <>
              {needs.length ? needs.join('，') : zh ? '未填报' : 'not stated'}
              {needs.length > 0 && (
                <Tag color={r.secured ? 'green' : 'orange'} style={{ marginLeft: 8 }}>
                  {r.secured ? (zh ? '已落实' : 'secured') : zh ? '未落实' : 'not secured'}
                </Tag>
              )}
            </>
          ),
        },
        { key: 'quantities', label: t('quantities'), span: 3, children: p.quantities || '—' },
        ...(p.description ? [{ key: 'description', label: t('description'), span: 3, children: p.description }] : []),
        {
          key: 'sections',
          label: t('sections'),
          span: 3,
          children: (
            <Space direction="vertical" size={2} data-testid="project-sections">
              {p.sectionIds.length === 0 && !column && '—'}
              {p.sectionIds.map((s) => {
                const found = sections.get(s);
                return (
                  <Link key={s} to={`/plans/${p.planId}/text#sec-${s}`}>
                    {found ? `${found.chapter.title} · ${found.section.title}` : `${zh ? '第' : '§'}${s}${zh ? '节' : ''}`}
                  </Link>
                );
              })}
              {column && (
                <Link to={`/plans/${p.planId}/text#sec-${column.sectionId}`} data-testid="project-column">
                  {/^专栏/.test(column.title) ? column.title : `${zh ? '专栏' : 'Box '}${column.no} ${column.title}`}
                  {item ? ` · ${item.name}` : ''}
                </Link>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

export function Milestones({ milestones, asOf }: { milestones: Milestone[]; asOf: string }): ReactNode {
  const lang = useLang();
  const zh = lang === 'zh';
  if (!milestones.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={zh ? '未设节点' : 'No milestones'} />;
  const state = (m: Milestone): 'done' | 'overdue' | 'due' => (m.doneOn ? 'done' : m.due.slice(0, 7) < asOf ? 'overdue' : 'due');
  return (
    <ul className="pw-milestones" data-testid="milestones">
      {[...milestones]
        .sort((a, b) => a.due.localeCompare(b.due))
        .map((m) => {
          const s = state(m);
          return (
            <li key={m.id} data-state={s} className={`pw-milestone pw-milestone-${s}`}>
              <span className="pw-milestone-due">{m.due}</span>
              <span className="pw-milestone-name">{m.name}</span>
              {s === 'done' && <Tag color="green">{zh ? `已完成 ${m.doneOn}` : `done ${m.doneOn}`}</Tag>}
              {s === 'overdue' && (
                <Tag color="red" icon={<WarningFilled />}>
                  {zh ? '逾期未完成' : 'overdue'}
                </Tag>
              )}
              {s === 'due' && <Tag>{zh ? '未到期' : 'upcoming'}</Tag>}
            </li>
          );
        })}
    </ul>
  );
}
