/**
 * Quantitative task targets in the prose and the 专栏 (「新增高技能人才10000名以上」): each clause
 * with a number and a unit, tied to its section (and box). A count after 新增/新建/培育/引进 … is an
 * amount over the period (「[10000]」); after 达到/达/提升到/突破 …, or a rate, a level to reach
 * (「35以上」); 「力争N」 right after is the stretch target. Clauses about the past (a year up to the
 * base year, 「十三五」) are skipped; a clause that reads as a target but whose quantity is in words
 * (「缩短一半」「前三」「零突破」) is listed as unread for the reviewer, never dropped silently.
 */
import { NotationError, parseTarget } from '../../core/notation.js';
import { flag, type DraftTaskTarget, type PlanDraft, type Provenance } from './draft.js';

const UNITS = [
  '万kVA',
  'kVA',
  't/d',
  '吨/日',
  '平方公里',
  '万平方米',
  '平方米',
  '立方米',
  '万吨标煤',
  '万吨',
  '亿美元',
  '万美元',
  '亿元',
  '万元',
  '万人',
  '万亩',
  '公里',
  '千米',
  '公顷',
  '个百分点',
  '%',
  '吨',
  '个',
  '家',
  '名',
  '人',
  '条',
  '台',
  '座',
  '所',
  '项',
  '处',
  '套',
  '辆',
  '张',
  '床',
  '件',
  '亩',
  '次',
  '户',
  '批',
  '位',
  '米',
];
const QUANTITY = new RegExp(
  String.raw`(\d+(?:\.\d+)?)(?:\s*[-—–~～至]\s*(\d+(?:\.\d+)?))?\s*(${UNITS.map((u) => u.replace(/[/.]/g, '\\$&')).join('|')})(以上|以下|左右|以内)?`,
  'g',
);
const LEVEL_VERB = /(达到|达|提升到|提高到|提升至|提高至|突破|保持在|控制在|稳定在|实现|覆盖率|率)/;
const AMOUNT_VERB = /(新增|新建|新引进|引进|培育|打造|集聚|聚焦|建设|建成|开挖|综合治理|改造|创建|招引|累计|实施|扩建|布局|新开|新培育)/;
const TARGET_WORDS = /(力争|确保|达到|提升到|突破|前[一二三四五六七八九十\d]+|翻一番|翻番|一半|零突破|全覆盖)/;

export interface TaskTargetSource {
  sectionId: string;
  columnId?: string;
  text: string;
  /** Where the text stands: worked out only for the few paragraphs that hold a target. */
  source: () => Provenance['source'];
}

function isPast(clause: string, baseYear: number): boolean {
  if (/十[一二三]五|以来|较上年|同比/.test(clause)) return true;
  return [...clause.matchAll(/((?:19|20)\d{2})\s*年/g)].some((m) => Number(m[1]) <= baseYear);
}

function nameOf(clause: string, quantity: string, verb: string | undefined): string {
  const name = clause
    .replace(quantity, '')
    .replace(/^(力争|拟|确保|着力|加快|积极|全面|大力|其中|累计)+/, '')
    .replace(/(以上|以下|左右)$/, '')
    .replace(/[“”"]/g, '')
    .trim();
  return verb && !name.includes(verb) ? `${verb}${name}` : name || clause;
}

export function findTaskTargets(sources: TaskTargetSource[], baseYear: number): Pick<PlanDraft, 'taskTargets' | 'unread'> {
  const taskTargets: DraftTaskTarget[] = [];
  const unread: PlanDraft['unread'] = [];
  const perSection = new Map<string, number>();
  // The notation parser's verdict on each target as written (a long plan writes 「[10]」 hundreds of times).
  const verdicts = new Map<string, string | undefined>();
  const verdict = (target: string): string | undefined => {
    if (!verdicts.has(target)) {
      try {
        parseTarget(target);
        verdicts.set(target, undefined);
      } catch (e) {
        if (!(e instanceof NotationError)) throw e;
        verdicts.set(target, e.message);
      }
    }
    return verdicts.get(target);
  };
  for (const src of sources) {
    // A paragraph without digits or target words has none in its sentences and clauses either.
    const digits = /\d/.test(src.text);
    const words = TARGET_WORDS.test(src.text);
    if (!digits && !words) continue;
    let at: Provenance['source'] | undefined;
    const source = (): Provenance['source'] => (at ??= src.source());
    for (const sentence of src.text.split(/[。；;！？!?]/)) {
      // Most prose states no quantity at all; a sentence about the past period (「由2015年的…增长至
      // 2020年的…」) sets no target.
      if (!(digits && /\d/.test(sentence)) && !(words && TARGET_WORDS.test(sentence))) continue;
      if (isPast(sentence, baseYear)) continue;
      const clauses = sentence
        .split(/[，,]/)
        .map((c) => c.trim())
        .filter(Boolean);
      let verb: string | undefined;
      for (let k = 0; k < clauses.length; k++) {
        const clause = clauses[k]!;
        const ownVerb = AMOUNT_VERB.exec(clause)?.[1];
        if (ownVerb) verb = ownVerb;
        const found = (digits && /\d/.test(clause) ? [...clause.matchAll(QUANTITY)] : []).filter((m) => {
          const before = clause[m.index! - 1] ?? '';
          const after = clause[m.index! + m[0].length] ?? '';
          return before !== '前' && !/[年强级倍]/.test(after);
        });
        if (found.length === 0) {
          if (words && TARGET_WORDS.test(clause) && /(率|数|量|个|家|名|强|一半|零突破|前)/.test(clause))
            unread.push({ sectionId: src.sectionId, quote: clause, where: source().where, reason: '目标的数量以文字表述，未能读成数字' });
          continue;
        }
        // 「力争15万元」 after 「突破13万元」 is the stretch of the clause before, not a target of its own.
        if (/^力争/.test(clause) && taskTargets.at(-1)?.quote === clauses[k - 1] && found.length === 1) {
          const prev = taskTargets.at(-1)!;
          if (!prev.target.startsWith('[')) {
            prev.target = `${prev.target}, 力争${found[0]![1]}`;
            prev.quote = `${clauses[k - 1]},${clause}`;
            continue;
          }
        }
        // Which 、-separated part of the clause each quantity stands in.
        const segments = found.length > 1 ? found.map((m) => clause.slice(0, m.index).split('、').length) : [];
        found.forEach((m, n) => {
          const [whole, low, high, unit, bound] = m;
          const before = clause.slice(0, m.index);
          const isLevel =
            unit === '%' || unit === '个百分点' || LEVEL_VERB.test(before) || (!verb && !src.columnId && /率|比重|水平/.test(before));
          const comparator = bound === '以内' ? '以下' : (bound ?? '');
          const target = isLevel ? `${low}${comparator}` : `[${low}]`;
          const t: DraftTaskTarget = {
            id: `tt-${src.sectionId}-${perSection.set(src.sectionId, (perSection.get(src.sectionId) ?? 0) + 1).get(src.sectionId)}`,
            sectionId: src.sectionId,
            name: nameOf(clause, whole!, isLevel ? undefined : ownVerb ? undefined : verb),
            unit: unit!,
            target,
            quote: clause,
            source: source(),
          };
          if (src.columnId) t.columnId = src.columnId;
          if (high) flag(t, `写作区间「${low}—${high}」，取下限`);
          // 「建设500t/d…系统、400t/d…系统」 lists targets; 「5个镇1486条1358公里河道」 stacks figures.
          if (segments[n] !== undefined && segments.some((g, k) => k !== n && g === segments[n]))
            flag(t, '同一分句中有多个数量，请确认哪一个是目标');
          if (!isLevel && !verb) flag(t, '未见「新增」「建设」等动词：按期内累计数读取，请确认');
          const refused = verdict(target);
          if (refused) flag(t, refused);
          taskTargets.push(t);
        });
      }
    }
  }
  return { taskTargets, unread };
}
