/**
 * A plan's relations (parent, previous and next period, children, special plans) and, for admins,
 * the linking form: the plan's parent, and one indicator's counterpart in the parent (★ ▲) with
 * whether it counts on the same 口径. Each save goes to the relations API and is audited there.
 */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Select, Space } from 'antd';
import { useAction } from '../../action';
import { apiSend, enc, useApi } from '../../api';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { can, useSession } from '../../session';
import type { Indicator, PlanSummary, Relations as RelationsData } from '../../types';

function PlanLink({ p }: { p: { id: string; title: string } | null | undefined }): ReactNode {
  const t = useT();
  return p ? <Link to={`/plans/${p.id}/rollup`}>{p.title}</Link> : <span className="pw-muted">{t('linksNone')}</span>;
}

export function Relations({ plan }: { plan: string }): ReactNode {
  const t = useT();
  const session = useSession();
  const { message } = App.useApp();
  const rel = useApi<RelationsData>(`/api/v1/plans/${enc(plan)}/relations`);
  const admin = can(session, 'planLink.manage');
  const plans = useApi<PlanSummary[]>(admin ? '/api/v1/plans' : null);
  const own = useApi<Indicator[]>(admin ? `/api/v1/plans/${enc(plan)}/indicators` : null);
  const parentId = rel.data?.parent?.id;
  const parentInds = useApi<Indicator[]>(admin && parentId ? `/api/v1/plans/${enc(parentId)}/indicators` : null);
  const [parent, setParent] = useState<string | undefined>();
  const [ind, setInd] = useState<string | undefined>();
  const [other, setOther] = useState<string | undefined>();
  const [sameScope, setSameScope] = useState(true);
  const save = useAction(async (what: 'parent' | 'link') => {
    if (what === 'parent') await apiSend('PUT', `/api/v1/plans/${enc(plan)}/relations/parent`, { plan: parent ?? null });
    else await apiSend('PUT', `/api/v1/plans/${enc(plan)}/indicators/${enc(ind!)}/links/counterpart`, { indicator: other!, sameScope });
    void message.success(t('linksSaved'));
    rel.reload();
  });
  const r = rel.data;
  if (!r) return null;
  return (
    <Card size="small" title={t('linksTitle')} style={{ marginBottom: 12 }} data-testid="plan-relations">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('linksParent')}>
          <PlanLink p={r.parent} />
        </Descriptions.Item>
        <Descriptions.Item label={t('linksPredecessor')}>
          <PlanLink p={r.predecessor} />
        </Descriptions.Item>
        <Descriptions.Item label={t('linksSuccessor')}>
          <PlanLink p={r.successor} />
        </Descriptions.Item>
        <Descriptions.Item label={t('linksChildren')}>{r.children.length || t('linksNone')}</Descriptions.Item>
        <Descriptions.Item label={t('linksSpecial')}>
          {r.specialPlans.length ? r.specialPlans.map((p) => <PlanLink key={p.id} p={p} />) : t('linksNone')}
        </Descriptions.Item>
      </Descriptions>
      {admin && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="links-admin">
          <Space wrap>
            <Select
              style={{ minWidth: 280 }}
              allowClear
              aria-label={t('linksSetParent')}
              placeholder={t('linksSetParent')}
              value={parent ?? parentId}
              onChange={setParent}
              options={(plans.data ?? []).filter((p) => p.id !== plan).map((p) => ({ value: p.id, label: p.title }))}
            />
            <Button onClick={() => void save.run('parent')} loading={save.busy}>
              {t('linksSetParent')}
            </Button>
          </Space>
          {parentId && (
            <Space wrap>
              <span>{t('linksCounterpart')}</span>
              <Select
                style={{ minWidth: 220 }}
                showSearch
                optionFilterProp="label"
                aria-label={t('linksIndicator')}
                placeholder={t('linksIndicator')}
                value={ind}
                onChange={setInd}
                options={(own.data ?? []).map((i) => ({ value: i.id, label: `${i.no}. ${i.name}` }))}
              />
              <Select
                style={{ minWidth: 220 }}
                showSearch
                optionFilterProp="label"
                aria-label={t('linksOther')}
                placeholder={t('linksOther')}
                value={other}
                onChange={setOther}
                options={(parentInds.data ?? []).map((i) => ({ value: i.id, label: `${i.no}. ${i.name}` }))}
              />
              <Checkbox checked={sameScope} onChange={(e) => setSameScope(e.target.checked)}>
                {t('linksSameScope')}
              </Checkbox>
              <Button type="primary" disabled={!ind || !other} onClick={() => void save.run('link')} loading={save.busy}>
                {t('linksSave')}
              </Button>
            </Space>
          )}
          {save.error && <Alert type="error" message={save.error} />}
        </Space>
      )}
    </Card>
  );
}
