/** Parts of annual-plan/index.tsx: YearTarget, TargetEditor. */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { App, Button, Input, Space } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useAction } from '../../action';
import { apiSend, enc } from '../../api';
import { SourceLink } from '../../components/common';
import { targetText } from '../../format';
import { fill, useT } from '../../i18n';
import type { AnnualTarget, IndicatorResult } from '../../types';

export interface Row {
  r: IndicatorResult;
  /** The year's target as set, with its source; undefined where the year has none. */
  at: AnnualTarget | undefined;
}

/** What a row needs to be edited in place. */
export interface Edit {
  plan: string;
  year: number;
  /** Years in the period, for the placeholder of an amount over the period. */
  span: number;
  admin: boolean;
  /** The id whose editor is open, if any. */
  editing: string | null;
  open(id: string | null): void;
  saved(a: AnnualTarget): void;
}

/** The target of a result's year as a reader expects it, from the plan's notation: 「93以上」 → 「93%以上」. */
export function YearTarget({ x, edit }: { x: Row; edit: Edit }): ReactNode {
  const t = useT();
  const id = x.r.indicatorId;
  const written = x.at?.target ?? x.r.annual?.target;
  const open = edit.admin && edit.editing === id;
  // Back to the row's button when its editor closes, so the keyboard stays where it was.
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (open) return <TargetEditor r={x.r} current={x.at} edit={edit} onCancel={() => edit.open(null)} />;
  const action = written ? t('edit') : t('setTarget');
  return (
    <div className="pw-annual-target" data-testid={`annual-target-${id}`}>
      <span className={written ? 'pw-annual-written' : 'pw-muted'} data-testid={`annual-written-${id}`}>
        {written ? targetText(written, x.r.unit) : t('notSet')}
      </span>
      {written && x.r.targetKind === 'cumulative' && <span className="pw-subtitle">{t('addedThatYearNote')}</span>}
      {edit.admin && (
        <Button
          ref={button}
          size="small"
          type="link"
          icon={<EditOutlined />}
          className="pw-annual-edit"
          onClick={() => edit.open(id)}
          aria-label={fill(t('actionOnOf'), { a: action, x: fill(t('annualTargetLabel'), { y: edit.year, name: x.r.name }) })}
          data-testid={`annual-edit-${id}`}
        >
          {action}
        </Button>
      )}
      {x.at?.source && (
        <div className="pw-subtitle pw-annual-source">
          {t('source')}：<SourceLink source={x.at.source} />
        </div>
      )}
    </div>
  );
}

/** A placeholder in the notation the row's yearly target is likely to take. */
export function exampleOf(r: IndicatorResult, span: number): string {
  const w = r.targetWritten;
  // Amounts in money and growth rows: yearly plans set their growth.
  if (['growth', 'relational', 'yearlyChange'].includes(r.targetKind) || /元$/.test(r.unit)) return '增长6.5%左右';
  const total = /^\[(\d+(?:\.\d+)?)\]/.exec(w);
  if (total) return `${Math.max(1, Math.round(Number(total[1]) / Math.max(1, span)))}以上`;
  if (r.targetKind === 'level' && /^\d/.test(w)) return w;
  return '93以上';
}

/** The year's target of one row, edited in place: the notation, an optional source, save or cancel. */
export function TargetEditor({
  r,
  current,
  edit,
  onCancel,
}: {
  r: IndicatorResult;
  current: AnnualTarget | undefined;
  edit: Edit;
  onCancel(): void;
}): ReactNode {
  const t = useT();
  const { message } = App.useApp();
  const helpId = useId();
  const id = r.indicatorId;
  const [target, setTarget] = useState(current?.target ?? '');
  const [source, setSource] = useState(current?.source?.title ?? '');
  const saving = useAction(async () => {
    const written = target.trim();
    if (!written) throw new Error(t('annualEmpty'));
    const title = source.trim();
    // An unchanged title keeps the link and quote the source already has.
    const src = !title ? null : current?.source?.title === title ? current.source : { title };
    const saved = await apiSend<AnnualTarget>('PUT', `/api/v1/plans/${enc(edit.plan)}/annual-targets/${enc(id)}/${edit.year}`, {
      target: written,
      source: src,
    });
    void message.success(`${t('annualSaved')}${t('colon')}${r.name} ${saved.target}`);
    edit.saved(saved);
  });
  const { busy, error } = saving;
  const save = saving.run;

  const keys = (ev: KeyboardEvent<HTMLInputElement>): void => {
    // Enter also ends a Chinese input method's composition: that one is not a save.
    if (ev.nativeEvent.isComposing) return;
    if (ev.key === 'Enter') {
      ev.preventDefault();
      void save();
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      onCancel();
    }
  };

  const ex = exampleOf(r, edit.span);
  return (
    <div className="pw-annual-editor" data-testid={`annual-editor-${id}`}>
      <Input
        autoFocus
        size="small"
        value={target}
        maxLength={100}
        onChange={(ev) => setTarget(ev.target.value)}
        onKeyDown={keys}
        placeholder={`${t('forExample')}${ex}`}
        aria-label={fill(t('annualTargetLabel'), { y: edit.year, name: r.name })}
        aria-describedby={helpId}
        aria-invalid={!!error}
        status={error ? 'error' : undefined}
        data-testid={`annual-input-${id}`}
      />
      <Input
        size="small"
        value={source}
        maxLength={300}
        onChange={(ev) => setSource(ev.target.value)}
        onKeyDown={keys}
        placeholder={fill(t('annualSourceHint'), { y: edit.year })}
        aria-label={fill(t('annualSourceLabel'), { name: r.name })}
        data-testid={`annual-source-${id}`}
      />
      <div id={helpId} className="pw-annual-help">
        {t('annualNotation')}
      </div>
      {error && (
        <div role="alert" className="pw-annual-error" data-testid={`annual-error-${id}`}>
          {error}
        </div>
      )}
      <Space size={6}>
        <Button type="primary" size="small" loading={busy} onClick={() => void save()} data-testid={`annual-save-${id}`}>
          {t('save')}
        </Button>
        <Button size="small" disabled={busy} onClick={onCancel} data-testid={`annual-cancel-${id}`}>
          {t('cancel')}
        </Button>
      </Space>
    </div>
  );
}
