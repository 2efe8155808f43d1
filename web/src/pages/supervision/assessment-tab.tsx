/** The assessment tab of 预警与督办: each unit's score by outcomes, with the formula and inputs of each measure. */
import type { ReactNode } from 'react';
import { Alert, Button, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { enc, useApi } from '../../api';
import { ErrorView, Loading } from '../../components/common';
import { download } from '../../download';
import { useLang, useT, word } from '../../i18n';
import { MEASURE_INPUT } from '../../../../src/core/labels';
import type { Assessment } from './types';

export function AssessmentTab({ plan }: { plan: string }): ReactNode {
  const t = useT();
  const lang = useLang();
  const a = useApi<Assessment>(`/api/v1/plans/${enc(plan)}/assessment`);
  if (a.error) return <ErrorView error={a.error} retry={a.reload} />;
  if (!a.data) return <Loading />;
  return (
    <div data-testid="sup-assessment">
      <Alert type="info" showIcon message={t('supOutcomesOnly')} style={{ marginBottom: 12 }} />
      <Button
        icon={<DownloadOutlined />}
        style={{ marginBottom: 12 }}
        onClick={() => void download(`/api/v1/plans/${enc(plan)}/assessment.xlsx`, { fallbackName: 'assessment.xlsx' })}
      >
        {t('supExportAssessment')}
      </Button>
      <Table
        size="small"
        rowKey="unitId"
        dataSource={a.data.units}
        pagination={false}
        expandable={{
          expandedRowRender: (u) => (
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={u.measures}
              columns={[
                { title: '', dataIndex: 'name' },
                { title: t('supScore'), dataIndex: 'score', render: (s: number | null) => s ?? '—' },
                { title: 'w', dataIndex: 'weight' },
                { title: t('supFormula'), dataIndex: 'formula' },
                {
                  title: t('supInputs'),
                  dataIndex: 'inputs',
                  render: (i: Record<string, number>) =>
                    Object.entries(i)
                      .map(([k, v]) => `${word(MEASURE_INPUT, k, lang)} ${v}`)
                      .join(t('listSep')),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('supUnit'), dataIndex: 'unitName' },
          { title: t('supScore'), dataIndex: 'score', width: 100, render: (s: number | null) => s ?? '—' },
          { title: t('supFormula'), dataIndex: 'formula' },
        ]}
      />
    </div>
  );
}
