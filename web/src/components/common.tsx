/** Small pieces shared by the pages: status tags, sources and scopes, loading and error states. */
import { Alert, Button, Popover, Result, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useLang, useT, word } from '../i18n';
import { labelOf, wordOf } from '../status';
import type { Observation, Source } from '../types';
import { fmtNum } from '../format';
import { OBSERVATION_KIND } from '../../../src/core/labels';
import { sourceText } from '../../../src/core/sources';

export function StatusTag({
  code,
  mode = 'progress',
  warning = false,
  label,
}: {
  code: string | undefined;
  mode?: 'progress' | 'final';
  warning?: boolean;
  label?: string;
}): ReactNode {
  const lang = useLang();
  const t = useT();
  const w = wordOf(code, mode);
  const text = labelOf(code, lang, mode, label);
  return (
    <span
      className="pw-status"
      data-status={code ?? 'dataMissing'}
      style={{ color: w.color, background: w.bg, borderColor: warning ? '#cf1322' : w.border }}
    >
      {warning && <WarningFilled style={{ color: '#cf1322', marginRight: 4 }} aria-label={t('warning')} />}
      {text}
    </span>
  );
}

/** A source as a reader sees it: a reprint says 「转载」 and names the original (src/core/sources.ts, shared with the reports). */
export function SourceLink({ source }: { source: Source }): ReactNode {
  const lang = useLang();
  const text = sourceText(source, lang);
  const title = source.quote ? `${text}：「${source.quote}」` : text;
  return source.url ? (
    <a href={source.url} target="_blank" rel="noreferrer noopener" title={title}>
      {text}
    </a>
  ) : (
    <span title={title}>{text}</span>
  );
}

/** 「来源：… 口径：…」 for the observations behind a figure. */
export function SourceNote({ observations, compact = false }: { observations: Observation[]; compact?: boolean }): ReactNode {
  const t = useT();
  const lang = useLang();
  if (!observations.length) return null;
  const sources = new Map<string, Source>();
  const scopes = new Set<string>();
  const caveats = new Set<string>();
  for (const o of observations) {
    if (o.source) sources.set(o.source.title, o.source);
    if (o.scope) scopes.add(o.scope);
    if (o.note) caveats.add(o.note);
  }
  const body = (
    <div className="pw-source">
      {compact ? null : (
        <ul className="pw-obs">
          {observations.map((o, i) => (
            <li key={i}>
              {o.year}
              {t('yearSuffix')} {word(OBSERVATION_KIND, o.kind, lang)}：{fmtNum(o.value, lang)}
              {o.unit ?? ''}
              {o.scope ? `（${t('scope')}：${o.scope}）` : ''}
            </li>
          ))}
        </ul>
      )}
      <div>
        {t('source')}：
        {[...sources.values()].map((s, i) => (
          <span key={s.title}>
            {i > 0 ? '；' : ''}
            <SourceLink source={s} />
          </span>
        ))}
        {sources.size === 0 ? '—' : null}
      </div>
      <div>
        {t('scope')}：{scopes.size ? [...scopes].join('、') : t('scopeAsBase')}
      </div>
      {caveats.size > 0 && (
        <div data-testid="source-caveat">
          {t('caveat')}：{[...caveats].join('；')}
        </div>
      )}
    </div>
  );
  return body;
}

/** A value with a popover that shows where it comes from. */
export function SourcePopover({ observations, children }: { observations: Observation[]; children: ReactNode }): ReactNode {
  const t = useT();
  if (!observations.length) return <>{children}</>;
  return (
    <Popover content={<SourceNote observations={observations} />} title={`${t('source')} / ${t('scope')}`} trigger={['hover', 'focus']}>
      <span tabIndex={0} className="pw-has-source">
        {children}
      </span>
    </Popover>
  );
}

export function Loading(): ReactNode {
  const t = useT();
  return (
    <div className="pw-loading" role="status">
      <Spin />
      <span>{t('loading')}</span>
    </div>
  );
}

export function ErrorView({ error, retry }: { error: Error; retry?: () => void }): ReactNode {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      message={t('loadFailed')}
      description={error.message}
      action={retry ? <Button onClick={retry}>{t('retry')}</Button> : undefined}
    />
  );
}

export function Forbidden({ message }: { message: string }): ReactNode {
  return <Result status="403" title="403" subTitle={message} />;
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }): ReactNode {
  return (
    <div className="pw-page-title">
      <Typography.Title level={2} style={{ margin: 0 }}>
        {children}
      </Typography.Title>
      {extra ? <Space wrap>{extra}</Space> : null}
    </div>
  );
}

export function ScopeTag({ scope }: { scope?: string | null }): ReactNode {
  const t = useT();
  if (!scope) return null;
  return <Tag color="geekblue">{`${t('scope')}：${scope}`}</Tag>;
}

/** The plan's period as the page knows it: from the plan list, else from an evaluation's figures. */
export function periodOf(
  meta: { baseYear: number; targetYear: number } | undefined,
  figures: { baseYear: number; targetYear: number } | undefined,
): { baseYear: number; targetYear: number; years: number[] } {
  const baseYear = meta?.baseYear ?? figures?.baseYear ?? 2020;
  const targetYear = meta?.targetYear ?? figures?.targetYear ?? 2025;
  const years: number[] = [];
  for (let y = baseYear + 1; y <= targetYear; y++) years.push(y);
  return { baseYear, targetYear, years };
}

/**
 * The year to monitor, and in the target year the switch to the end-of-period evaluation (left out
 * with `modes={false}`, for a page that judges single years only, such as the yearly plan).
 */
export function PeriodControls({
  year,
  years,
  targetYear,
  final,
  setQuery,
  modes = true,
}: {
  year: number;
  years: number[];
  targetYear: number;
  final: boolean;
  setQuery(patch: Record<string, string | number | null>): void;
  modes?: boolean;
}): ReactNode {
  const t = useT();
  const yr = t('yearSuffix');
  return (
    <>
      {modes && (year === targetYear || final) && (
        <ModeSwitch final={final} onChange={(f) => setQuery({ final: f ? 'true' : null, status: null })} />
      )}
      <Select
        aria-label={t('year')}
        value={year}
        onChange={(y: number) => setQuery({ year: y, final: null })}
        style={{ width: 110 }}
        options={years.map((y) => ({ value: y, label: `${y}${yr}` }))}
      />
    </>
  );
}

/** 年度监测 or 期末评估: offered in the plan's target year, where end-of-period verdicts apply. */
export function ModeSwitch({ final, onChange }: { final: boolean; onChange(final: boolean): void }): ReactNode {
  const t = useT();
  return (
    <Segmented
      aria-label={t('mode')}
      value={final ? 'final' : 'progress'}
      onChange={(v) => onChange(v === 'final')}
      options={[
        { value: 'progress', label: t('modeProgress') },
        { value: 'final', label: t('modeFinal') },
      ]}
      data-testid="mode-switch"
    />
  );
}
