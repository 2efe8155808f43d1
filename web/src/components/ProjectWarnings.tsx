/** A list of project warnings (investment behind the time share, overdue milestones …), each linking to its project. */
import type { ReactNode } from 'react';
import { Empty, Tag } from 'antd';
import { enc } from '../api';
import { useLang, useT, word } from '../i18n';
import { Link } from '../router';
import { PROJECT_WARNING } from '../../../src/core/labels';
import { PROJECT_WARNING_COLOUR } from '../status';
import type { ProjectMonitoring } from '../types';

export function WarningList({
  warnings,
  asOf,
  withProject = true,
}: {
  warnings: ProjectMonitoring['warnings'];
  asOf: string;
  withProject?: boolean;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  if (!warnings.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noProjectWarnings')} />;
  return (
    <ul className="pw-attention pw-project-warnings" data-testid="project-warnings">
      {warnings.map((w, i) => {
        const colour = PROJECT_WARNING_COLOUR[w.kind];
        return (
          <li key={i} className={colour === 'red' ? 'pw-warn' : undefined} data-kind={w.kind} data-project={w.projectId}>
            <Tag color={colour ?? 'default'} style={{ marginInlineEnd: 0 }}>
              {word(PROJECT_WARNING, w.kind, lang)}
            </Tag>
            {withProject && (
              <span className="pw-att-name" style={{ flex: '0 1 auto' }}>
                <Link to={`/projects/${enc(w.projectId)}?asOf=${asOf}`}>{w.projectName}</Link>
              </span>
            )}
            <span className="pw-att-value">{w.message}</span>
          </li>
        );
      })}
    </ul>
  );
}
