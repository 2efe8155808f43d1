/**
 * Major projects named in the 专栏: every item of a box whose title names projects or works
 * (「重点文旅融合项目」「环境治理工程」), and items elsewhere named as one (「…项目」「…工程」). The
 * category is taken from the box's title (flagged when it names none); a town named in the item
 * is linked.
 */
import type { ProjectCategory } from '../../core/projects.js';
import { flag, type DraftColumn, type DraftOrgUnit, type DraftProject } from './draft.js';

const CATEGORY: [RegExp, ProjectCategory][] = [
  [/文旅|文化|旅游/, 'culture'],
  [/环境|生态|治理|水/, 'ecology'],
  [/交通|基建|基础设施|能源|管网/, 'infrastructure'],
  [/创新|科技|人才/, 'innovation'],
  [/产业|制造/, 'industry'],
  [/教育|医疗|养老|民生/, 'publicService'],
];

export function findProjects(columns: DraftColumn[], places: DraftOrgUnit[]): DraftProject[] {
  const out: DraftProject[] = [];
  const towns = places.filter((p) => p.kind === 'town' || p.kind === 'street');
  for (const c of columns) {
    const whole = /项目|工程/.test(c.title);
    for (const item of c.items) {
      if (!whole && !/(项目|工程)$/.test(item.name)) continue;
      const category = CATEGORY.find(([re]) => re.test(c.title))?.[1] ?? 'other';
      const named = towns.filter((t) => `${item.name}${item.text}`.includes(t.name));
      const p: DraftProject & { category: ProjectCategory } = {
        id: `p-${item.id}`,
        name: item.name,
        category,
        columnId: c.id,
        columnItemId: item.id,
        sectionIds: [c.sectionId],
        quantities: /\d/.test(item.text) ? item.text : '',
        source: item.source,
      };
      if (named.length === 1) p.townId = named[0]!.id;
      if (category === 'other') flag(p, `无法从专栏标题「${c.title}」判断项目类别`);
      out.push(p);
    }
  }
  return out;
}
