/**
 * Title, region and level, base / target / vision years and the publication date. The title is
 * the plan's own line (「嘉兴市秀洲区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要」), not
 * the notice that issues it; the region is what stands before 「国民经济…」; the level is read from
 * the region's last unit (区/县 → county, 市 → city, 省/自治区 → province, 国家/中华人民共和国 →
 * national); the years from the plan's ordinal (the n-th plan ends in 1955 + 5n), checked against
 * the indicator table's header.
 */
import { flag, sourceOf, type DraftMeta } from './draft.js';
import { numeralValue, yearValue } from './numerals.js';
import type { Unit } from './source.js';

const TITLE = /^(.{0,30}?)((?:国民经济和社会发展)?第([一二三四五六七八九十]+)个五年(?:规划|计划).*)$/;

function levelOf(region: string): { level: DraftMeta['level']; sure: boolean } {
  if (/^(中华人民共和国|全国|国家)$/.test(region) || region === '') return { level: 'national', sure: region !== '' };
  if (/(省|自治区)$/.test(region)) return { level: 'province', sure: true };
  if (/(区|县|旗)$/.test(region)) return { level: 'county', sure: true };
  if (/(直辖市|北京市|上海市|天津市|重庆市)$/.test(region)) return { level: 'province', sure: true };
  // A 市 may be a prefecture-level city or a county-level one (县级市).
  if (/市$/.test(region)) return { level: /^.{2,4}省?.{2,4}市.{2,4}市$/.test(region) ? 'county' : 'city', sure: false };
  return { level: 'county', sure: false };
}

/** The shortest form of the region: its last unit (「嘉兴市秀洲区」→「秀洲区」). */
function shortRegion(region: string): string {
  const m = /([^省市区县]{1,6}(?:自治区|省|市|区|县|旗))$/.exec(region);
  return m?.[1] ?? region;
}

export function findMeta(units: Unit[], id: string, tableYears: { base?: number; target?: number }, file: string): DraftMeta {
  const candidates = units.filter((u) => !u.cell && u.text.length <= 80 && TITLE.test(u.text) && !/关于|通知|印发|[《》]/.test(u.text));
  const titleUnit = candidates[0];
  const m = titleUnit ? TITLE.exec(titleUnit.text) : null;
  const meta: DraftMeta = {
    id,
    title: titleUnit?.text ?? file,
    shortTitle: '',
    region: m?.[1] ?? '',
    level: 'county',
    baseYear: tableYears.base ?? 0,
    targetYear: tableYears.target ?? 0,
    categories: [],
    notes: [],
    source: titleUnit ? sourceOf(titleUnit) : { ref: { block: 0 }, where: file, text: '' },
  };
  if (!titleUnit) flag(meta, '未找到规划标题（「…第N个五年规划…」），请填写');
  const { level, sure } = levelOf(meta.region);
  meta.level = level;
  if (!sure) flag(meta, `无法从地区名「${meta.region}」确定规划层级，暂定为「${level}」`);
  const ordinal = m ? numeralValue(m[3]!) : undefined;
  if (ordinal) {
    const target = 1955 + 5 * ordinal;
    if (tableYears.target && tableYears.target !== target)
      flag(meta, `标题为第${m![3]}个五年规划（应至${target}年），主要指标表表头为${tableYears.target}年`);
    meta.targetYear = tableYears.target ?? target;
    meta.baseYear = tableYears.base ?? target - 5;
    meta.shortTitle = `${shortRegion(meta.region)}“${m![3]!}五”规划纲要`;
  } else {
    if (!tableYears.target) flag(meta, '未能确定基期年与目标年');
    meta.shortTitle = meta.title.slice(0, 20);
  }
  const vision = /([〇零一二三四五六七八九]{4}|\d{4})年远景目标/.exec(meta.title);
  if (vision) meta.visionYear = yearValue(vision[1]!);
  for (const u of units.slice(0, 40)) {
    const d = /发布(?:日期|时间)\s*[:：]\s*(\d{4})\s*[-年.]\s*(\d{1,2})\s*[-月.]\s*(\d{1,2})/.exec(u.text);
    if (d) {
      meta.published = `${d[1]}-${d[2]!.padStart(2, '0')}-${d[3]!.padStart(2, '0')}`;
      break;
    }
  }
  return meta;
}
