/** Parts of project/index.tsx: Lifecycle, Facts, Milestones. */
import { type ReactNode } from 'react';
import { Descriptions, Empty, Space, Tag } from 'antd';
import { CheckOutlined, WarningFilled } from '@ant-design/icons';
import { fmtNum } from '../../format';
import { fill, useLang, useT, word } from '../../i18n';
import { Link } from '../../router';
import { PROJECT_CATEGORY, PROJECT_STAGE } from '../../../../src/core/labels';
import { PROJECT_STAGES } from '../../status';
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
            <span className="pw-stage-name">{word(PROJECT_STAGE, s, lang)}</span>
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
  const p = d.project;
  const sections = new Map((text?.chapters ?? []).flatMap((c) => c.sections.map((s) => [s.id, { chapter: c, section: s }] as const)));
  const column = text?.columns.find((c) => c.id === p.columnId);
  const item = column?.items.find((i) => i.id === p.columnItemId);
  const r = p.requirements;
  const needs = [
    r.landMu !== null && fill(t('landMuOf'), { v: fmtNum(r.landMu, lang) }),
    r.energyTce !== null && fill(t('energyTceOf'), { v: fmtNum(r.energyTce, lang) }),
    r.fundingGap !== null && `${t('fundingGapShort')} ${money(r.fundingGap, lang)}`,
  ].filter(Boolean);
  const plans = Object.entries(p.annualPlan).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, xl: 3 }}
      data-testid="project-facts"
      items={[
        { key: 'category', label: t('category'), children: word(PROJECT_CATEGORY, p.category, lang) },
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
          label: t('yearlyInvestmentPlan'),
          children: plans.length ? plans.map(([y, v]) => fill(t('yearAmountOf'), { y, v: money(v, lang) })).join('；') : '—',
        },
        {
          key: 'needs',
          label: t('requirements'),
          span: 2,
          children: (
            <>
              {needs.length ? needs.join(t('listSep')) : t('notStated')}
              {needs.length > 0 && (
                <Tag color={r.secured ? 'green' : 'orange'} style={{ marginLeft: 8 }}>
                  {r.secured ? t('secured') : t('notSecured')}
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
                    {found ? `${found.chapter.title} · ${found.section.title}` : fill(t('sectionNoOf'), { s })}
                  </Link>
                );
              })}
              {column && (
                <Link to={`/plans/${p.planId}/text#sec-${column.sectionId}`} data-testid="project-column">
                  {/^专栏/.test(column.title) ? column.title : `${fill(t('columnNoOf'), { n: column.no })} ${column.title}`}
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
  const t = useT();
  if (!milestones.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noMilestones')} />;
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
              {s === 'done' && <Tag color="green">{fill(t('doneOnOf'), { d: m.doneOn ?? '' })}</Tag>}
              {s === 'overdue' && (
                <Tag color="red" icon={<WarningFilled />}>
                  {t('milestoneOverdueTag')}
                </Tag>
              )}
              {s === 'due' && <Tag>{t('milestoneUpcoming')}</Tag>}
            </li>
          );
        })}
    </ul>
  );
}
