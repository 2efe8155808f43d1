/**
 * Small pieces of the 督办 pages: colour tags for warnings and deadlines, the words of levels and
 * states (one table, the core's: src/core/supervision.ts, deadlines.ts, warnings.ts).
 */
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { DEADLINE_COLOUR } from '../../../../src/core/deadlines.js';
import { ORDER_LEVEL, ORDER_STATE, SUBJECT_TYPE } from '../../../../src/core/supervision.js';
import { WARNING_COLOUR } from '../../../../src/core/warnings.js';
import { word, type Lang, type Words } from '../../i18n';

export { ORDER_LEVEL, ORDER_STATE, SUBJECT_TYPE, WARNING_COLOUR, DEADLINE_COLOUR };

export { word };

const TAG_COLOUR: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green', blue: 'blue', none: 'default' };

export function WarningTag({ colour, lang }: { colour: string; lang: Lang }): ReactNode {
  return (
    <Tag color={TAG_COLOUR[colour]} data-colour={colour}>
      {word(WARNING_COLOUR, colour, lang)}
    </Tag>
  );
}

export function DeadlineTag({ colour, state, lang, rule }: { colour: string; state: string; lang: Lang; rule: string }): ReactNode {
  if (state === 'closed') return <Tag data-colour="closed">{word(ORDER_STATE, 'closed', lang)}</Tag>;
  return (
    <Tag color={TAG_COLOUR[colour]} data-colour={colour} title={rule}>
      {word(DEADLINE_COLOUR, colour, lang)}
    </Tag>
  );
}

export const options = (table: Words, lang: Lang): { value: string; label: string }[] =>
  Object.entries(table).map(([value, w]) => ({ value, label: w[lang] }));
