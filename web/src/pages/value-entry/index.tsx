/**
 * 数值填报: a value with its source and scope. The server's checks (POST /values/check) run as the
 * value is typed and when a field is left; a range error blocks the value, an outlier flag asks for
 * an explanation before it may be submitted, and the server's own message is shown on failure.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import type { PageProps } from '../../router';
import { useAction } from '../../action';
import { ApiError, apiGet, apiSend, enc, useApi } from '../../api';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { useLang, useT, word } from '../../i18n';
import { OBSERVATION_KIND } from '../../../../src/core/labels';
import { defaultKind, labelOf, useTargets, type Target } from '../../targets';
import type { Inbox, PlanSummary, QualityIssue, ValueRecord } from '../../types';
import { ExistingValue, TargetInfo } from './target-info';

interface FormValues {
  indicatorId?: string;
  year?: number;
  kind: string;
  value?: string;
  scope?: string;
  sourceTitle?: string;
  sourceUrl?: string;
  quote?: string;
  note?: string;
  explanation?: string;
}

const NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

export default function ValueEntry({ params, query }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const plan = params.plan!;
  const [form] = Form.useForm<FormValues>();
  const targets = useTargets(plan);
  // The inbox lists the targets the server lets this user report: a unit's own, or all of them.
  const inbox = useApi<Inbox>(`/api/v1/plans/${enc(plan)}/inbox`);
  const plans = useApi<PlanSummary[]>('/api/v1/plans');
  const meta = plans.data?.find((p) => p.id === plan);

  const [issues, setIssues] = useState<QualityIssue[]>([]);
  const [checking, setChecking] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [existing, setExisting] = useState<ValueRecord | null>(null);
  const [saved, setSaved] = useState<ValueRecord | null>(null);
  const checkSeq = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  const indicatorId = Form.useWatch('indicatorId', form);
  const year = Form.useWatch('year', form);
  const kind = Form.useWatch('kind', form) ?? 'level';
  const explanation = Form.useWatch('explanation', form);
  // An indicator of table 2-1 or a task target of the text: reported alike.
  const ind = indicatorId ? targets.get(indicatorId) : undefined;

  /** What this user may report, indicators and task targets apart. */
  const options = useMemo(() => {
    const mine = new Set(inbox.data?.indicators ?? []);
    const may = (x: Target): boolean => mine.has(x.id);
    const option = (x: Target) => ({ value: x.id, label: labelOf(x) });
    return [
      { label: t('mainIndicators'), title: t('mainIndicators'), options: targets.indicators.filter(may).map(option) },
      { label: t('nav_tasks'), title: t('nav_tasks'), options: targets.tasks.filter(may).map(option) },
    ].filter((g) => g.options.length > 0);
  }, [targets, inbox.data, t]);

  const years: number[] = [];
  if (meta) for (let y = meta.baseYear + 1; y <= meta.targetYear; y++) years.push(y);

  useEffect(() => {
    const qi = query.get('indicator');
    const qy = query.get('year');
    const qk = query.get('kind');
    form.setFieldsValue({
      ...(qi ? { indicatorId: qi } : {}),
      ...(qy ? { year: Number(qy) } : {}),
      kind: qk ?? 'level',
    });
    // Only on arrival: the form owns its fields afterwards.
  }, []);

  // Choosing an indicator chooses the kind its target is measured in: a 年均增长 target is reported
  // as the year's growth rate, not as a level (the kind in the address, on arrival, stays).
  const arrivedKind = useRef(query.get('kind'));
  const targetKind = ind?.targetKind;
  useEffect(() => {
    if (!indicatorId || !targetKind) return;
    if (arrivedKind.current) {
      arrivedKind.current = null;
      return;
    }
    form.setFieldsValue({ kind: defaultKind(targetKind) });
  }, [indicatorId, targetKind, form]);

  // The value already entered for this indicator, year and kind (a draft, a returned value…).
  useEffect(() => {
    setExisting(null);
    setSaved(null);
    if (!indicatorId || !year) return;
    let live = true;
    apiGet<ValueRecord[]>(`/api/v1/plans/${enc(plan)}/values?indicator=${enc(indicatorId)}&year=${year}`, { fresh: true })
      .then((vs) => {
        if (!live) return;
        const v = vs.find((x) => x.kind === kind) ?? null;
        setExisting(v);
        if (v && v.status !== 'approved')
          form.setFieldsValue({
            value: String(v.value),
            scope: v.scope ?? undefined,
            sourceTitle: v.source?.title,
            sourceUrl: v.source?.url,
            quote: v.source?.quote,
            note: v.note ?? undefined,
            explanation: v.explanation ?? undefined,
          });
      })
      .catch(() => live && setExisting(null));
    return () => {
      live = false;
    };
  }, [indicatorId, year, kind, plan, form]);

  const body = (v: FormValues) => ({
    indicatorId: v.indicatorId!,
    year: v.year!,
    kind: v.kind,
    value: Number(v.value),
    unit: v.kind === 'growth_pct' || v.kind === 'avg_growth_pct' ? '%' : (ind?.unit ?? null),
    scope: v.scope?.trim() || null,
    source: v.sourceTitle?.trim()
      ? {
          title: v.sourceTitle.trim(),
          ...(v.sourceUrl?.trim() ? { url: v.sourceUrl.trim() } : {}),
          ...(v.quote?.trim() ? { quote: v.quote.trim() } : {}),
        }
      : null,
    note: v.note?.trim() || null,
    explanation: v.explanation?.trim() || null,
  });

  const runCheck = (): void => {
    const v = form.getFieldsValue(true) as FormValues;
    if (!v.indicatorId || !v.year || !v.value || !NUMBER.test(v.value)) {
      setIssues([]);
      return;
    }
    const seq = ++checkSeq.current;
    setChecking(true);
    apiSend<{ issues: QualityIssue[] }>('POST', `/api/v1/plans/${enc(plan)}/values/check`, body(v))
      .then((r) => {
        if (seq !== checkSeq.current) return;
        setIssues(r.issues);
        setServerError(null);
      })
      .catch((e: Error) => seq === checkSeq.current && setServerError(e.message))
      .finally(() => seq === checkSeq.current && setChecking(false));
  };
  const scheduleCheck = (): void => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(runCheck, 350);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const errors = issues.filter((i) => i.severity === 'error');
  const flags = issues.filter((i) => i.severity === 'flag');
  const needsExplanation = flags.length > 0;

  const send = async (submit: boolean): Promise<void> => {
    // The save runs the same checks on the server; a check still waiting would only race it (and,
    // after a quick sign-out, be refused).
    window.clearTimeout(timer.current);
    checkSeq.current++;
    setChecking(false);
    setServerError(null);
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (submit && needsExplanation && !explanation?.trim()) {
      form.setFields([{ name: 'explanation', errors: [t('explanationRequired')] }]);
      return;
    }
    try {
      const out = await apiSend<ValueRecord>('POST', `/api/v1/plans/${enc(plan)}/values`, { ...body(v), submit });
      setSaved(out);
      setExisting(out);
      void message.success(submit ? t('submittedOk') : t('saved'));
    } catch (e) {
      const err = e as ApiError;
      setServerError(err.message);
      const det = err.details as { issues?: QualityIssue[] } | undefined;
      if (det?.issues) setIssues(det.issues);
    }
  };
  // The message of a refused save is shown with the checks' (serverError): `sending` gives which button spins.
  const sending = useAction(send, { key: (submit) => (submit ? 'submit' : 'save') });

  if (targets.error && !targets.ready) return <ErrorView error={targets.error} retry={targets.reload} />;
  if (inbox.error && !inbox.data) return <ErrorView error={inbox.error} retry={inbox.reload} />;
  if (!targets.ready || !inbox.data) return <Loading />;

  const locked = existing?.status === 'approved' || existing?.status === 'submitted';

  return (
    <div data-testid="value-entry">
      <PageTitle>{t('entryTitle')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small">
            <Form<FormValues>
              form={form}
              layout="vertical"
              initialValues={{ kind: 'level' }}
              onValuesChange={(changed: Partial<FormValues>) => {
                if ('explanation' in changed) {
                  if (changed.explanation?.trim()) form.setFields([{ name: 'explanation', errors: [] }]);
                  return;
                }
                if ('value' in changed || 'indicatorId' in changed || 'year' in changed || 'kind' in changed) scheduleCheck();
              }}
            >
              <Row gutter={12}>
                <Col xs={24} md={14}>
                  <Form.Item label={t('entryTarget')} name="indicatorId" rules={[{ required: true, message: t('chooseTarget') }]}>
                    <Select id="entry-indicator" showSearch optionFilterProp="label" placeholder={t('chooseTarget')} options={options} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item label={t('year')} name="year" rules={[{ required: true, message: t('chooseYear') }]}>
                    <Select id="entry-year" options={years.map((y) => ({ value: y, label: String(y) }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item label={t('kind')} name="kind">
                    <Select
                      id="entry-kind"
                      options={Object.keys(OBSERVATION_KIND).map((k) => ({ value: k, label: word(OBSERVATION_KIND, k, lang) }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              {ind && <TargetInfo plan={plan} x={ind} baseYear={meta?.baseYear} />}
              <Row gutter={12}>
                <Col xs={24} md={10}>
                  <Form.Item
                    label={`${t('value')}${ind ? `（${kind === 'growth_pct' || kind === 'avg_growth_pct' ? '%' : ind.unit || '—'}）` : ''}`}
                    name="value"
                    validateTrigger={['onBlur', 'onChange']}
                    rules={[
                      { required: true, message: t('valueRequired') },
                      { pattern: NUMBER, message: t('enterNumber') },
                    ]}
                    validateStatus={errors.length ? 'error' : flags.length ? 'warning' : undefined}
                    help={
                      errors.length || flags.length ? (
                        <span data-testid="value-help">{[...errors, ...flags].map((i) => i.message).join('；')}</span>
                      ) : undefined
                    }
                  >
                    <Input
                      id="entry-value"
                      inputMode="decimal"
                      autoComplete="off"
                      onBlur={runCheck}
                      disabled={locked && existing?.status === 'approved'}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={14}>
                  <Form.Item label={t('scope')} name="scope" tooltip={t('scopeTip')}>
                    <Input id="entry-scope" placeholder={ind?.indicator?.baseScope ?? t('scopeBlankHint')} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item label={t('sourceTitle')} name="sourceTitle" rules={[{ required: true, message: t('sourceRequired') }]}>
                    <Input id="entry-source" placeholder={t('sourceHint')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('sourceUrl')} name="sourceUrl" rules={[{ type: 'url', message: t('fullUrl') }]}>
                    <Input id="entry-url" placeholder="https://" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={t('quote')} name="quote">
                <Input.TextArea id="entry-quote" autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
              <Form.Item label={t('note')} name="note">
                <Input.TextArea id="entry-note" autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
              {(needsExplanation || existing?.explanation) && (
                <Form.Item
                  label={t('explanationLabel')}
                  name="explanation"
                  required={needsExplanation}
                  extra={needsExplanation ? t('explanationHint') : undefined}
                >
                  <Input.TextArea id="entry-explanation" autoSize={{ minRows: 2, maxRows: 6 }} />
                </Form.Item>
              )}
              {serverError && <Alert type="error" showIcon message={serverError} style={{ marginBottom: 12 }} data-testid="server-error" />}
              <Space wrap>
                <Button
                  onClick={() => void sending.run(false)}
                  loading={sending.running === 'save'}
                  disabled={errors.length > 0 || locked}
                  data-testid="save-draft"
                >
                  {t('saveDraft')}
                </Button>
                <Button
                  type="primary"
                  onClick={() => void sending.run(true)}
                  loading={sending.running === 'submit'}
                  disabled={errors.length > 0 || locked}
                  data-testid="submit-value"
                >
                  {t('submit')}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('checkIssues')} data-testid="check-panel">
            {checking && <div className="pw-subtitle">{t('loading')}</div>}
            {!checking && issues.length === 0 && <div className="pw-subtitle">{t('checkedAsYouType')}</div>}
            {issues.map((i, n) => (
              <Alert
                key={n}
                type={i.severity === 'error' ? 'error' : 'warning'}
                showIcon
                message={i.message}
                style={{ marginBottom: 8 }}
                data-testid="check-issue"
                data-severity={i.severity}
              />
            ))}
          </Card>
          {(saved ?? existing) && (
            <Card size="small" style={{ marginTop: 12 }} title={t('workflow')} data-testid="entry-status">
              <ExistingValue v={(saved ?? existing)!} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
