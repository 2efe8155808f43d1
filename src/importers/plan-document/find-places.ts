/**
 * Zones, towns and streets of the spatial layout (空间布局): 「秀水新区:以秀水新城为核心,包括
 * 油车港镇和王江泾镇组团,…」 — the zone before the colon, the towns (镇/乡), streets (街道) and
 * platforms (高新区/开发区/园区) it lists after 包括. The district itself is the plan's region.
 */
import { flag, sourceOf, type DraftOrgUnit, type DraftSection } from './draft.js';
import type { Unit } from './source.js';

const ZONE = /^([^:：，,。]{2,12}?)[:：]\s*(.+)$/;

function kindOf(name: string): DraftOrgUnit['kind'] | undefined {
  if (/街道$/.test(name)) return 'street';
  if (/[镇乡]$/.test(name)) return 'town';
  if (/(高新区|开发区|园区|新城|产业园)$/.test(name)) return 'platform';
  return undefined;
}

export function findPlaces(region: string, sections: { section: DraftSection; units: Unit[] }[]): DraftOrgUnit[] {
  const layout = sections.find((s) => /空间布局|空间格局|区域布局/.test(s.section.title));
  const district: DraftOrgUnit = {
    id: 'district',
    name: region,
    kind: 'district',
    source: layout
      ? sourceOf(layout.units[0] ?? { text: layout.section.title, src: layout.section.source.ref })
      : { ref: { block: 0 }, where: '规划标题', text: region },
  };
  if (layout?.units[0]) district.description = layout.units[0].text;
  const out: DraftOrgUnit[] = [district];
  if (!layout) {
    flag(district, '未找到空间布局一节：功能区、镇、街道需手工补充');
    return out;
  }
  const seen = new Set<string>();
  for (const u of layout.units) {
    const m = ZONE.exec(u.text);
    if (!m || !/(区|片|带|组团|板块|新城)$/.test(m[1]!)) continue;
    const zone: DraftOrgUnit = {
      id: `zone-${out.filter((o) => o.kind === 'zone').length + 1}`,
      name: m[1]!,
      kind: 'zone',
      parentId: district.id,
      description: m[2]!,
      source: sourceOf(u),
    };
    out.push(zone);
    const list = /包括(.+?)(?:组团|等|[,，。;；])/.exec(m[2]!)?.[1] ?? '';
    for (const name of list.split(/[、和及与]/).map((s) => s.trim())) {
      const kind = kindOf(name);
      if (!kind || seen.has(name)) continue;
      seen.add(name);
      out.push({ id: `${kind}-${out.filter((o) => o.kind === kind).length + 1}`, name, kind, parentId: zone.id, source: sourceOf(u) });
    }
  }
  if (out.length === 1) flag(district, '空间布局一节中未读到功能区与镇、街道');
  return out;
}
