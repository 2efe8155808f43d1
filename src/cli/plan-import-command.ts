/** `planwatch plan-import FILE --id ID --out DIR`: a plan document read into a reviewable plan folder. */
import { existsSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { draftFlags } from '../importers/plan-document/draft.js';
import { assertPlanFound, readDocumentFile, readPlanDocument } from '../importers/plan-document/read.js';
import { writePlanFolder } from '../importers/plan-document/write-folder.js';
import type { Io } from './io.js';

export function addPlanImportCommand(program: Command, io: Io): void {
  program
    .command('plan-import')
    .description('读取规划文档（.docx / .pdf / 网页 / 文本），写出待审核的规划目录 / read a plan document into a plan folder')
    .argument('<file>', '规划文档')
    .requiredOption('--id <id>', '规划编号，如 xiuzhou-15th')
    .option('--out <dir>', '输出的规划目录（可用 planwatch plan-add 加入数据库）')
    .addOption(new Option('--format <format>', '输出格式：text 摘要，json 打印草稿与待核标记').choices(['text', 'json']).default('text'))
    .action(async (file: string, opts: { id: string; out?: string; format: string }) => {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(opts.id)) throw new Error(`规划编号「${opts.id}」只能用字母、数字、「.」「_」「-」`);
      if (!opts.out && opts.format !== 'json') throw new Error('请用 --out 指定输出目录，或用 --format json 打印草稿');
      if (opts.out && existsSync(opts.out) && readdirSync(opts.out).length) throw new Error(`输出目录「${opts.out}」已存在且不为空`);
      // Everything is read and checked before anything is written.
      const data = await readDocumentFile(file);
      const { format, draft } = await readPlanDocument(data, { id: opts.id, file: basename(file) });
      assertPlanFound(draft, basename(file));
      const flags = draftFlags(draft);
      if (opts.out) writePlanFolder(draft, opts.out, file);
      if (opts.format === 'json') {
        io.out(JSON.stringify({ format, flags, draft }, null, 2) + '\n');
        return;
      }
      io.out(
        `已读取 ${basename(file)}（${format}）：章 ${draft.chapters.length}、节 ${draft.chapters.reduce((n, c) => n + c.sections.length, 0)}、` +
          `专栏 ${draft.columns.length}、主要指标 ${draft.indicators.length}、任务目标 ${draft.taskTargets.length}、项目 ${draft.projects.length}、` +
          `功能区与镇街 ${draft.orgUnits.length}；待核 ${flags.length} 处，未读成数字的目标语句 ${draft.unread.length} 句\n` +
          `已写入 ${opts.out}；审核「# 待核：」各处后用 planwatch plan-add ${opts.out} 加入\n`,
      );
    });
}
