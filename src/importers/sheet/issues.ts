/** Problems found in a file (each naming file, sheet, row, column), the error that carries them, and the limits a file is read within. */

export interface ImportIssue {
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
  suggestions?: string[];
}

export const MAX_ISSUES = 200;

/** The location of an issue as people read it: 「file, 工作表「S」, 第R行, 列C」. */
export function formatIssue(i: ImportIssue): string {
  const where = [i.file];
  if (i.sheet !== undefined) where.push(`工作表「${i.sheet}」`);
  if (i.row !== undefined) where.push(`第${i.row}行`);
  if (i.column !== undefined) where.push(`列${i.column}`);
  const hint = i.suggestions?.length ? `（您是否要找：${i.suggestions.join('、')}）` : '';
  return `${where.join(', ')}: ${i.message}${hint}`;
}

export class ImportError extends Error {
  constructor(
    readonly issues: ImportIssue[],
    /** Issues found beyond the first MAX_ISSUES, counted but not kept. */
    readonly omitted = 0,
  ) {
    const lines = issues.map(formatIssue);
    if (omitted > 0) lines.push(`……另有${omitted}个问题未列出`);
    super(lines.join('\n'));
    this.name = 'ImportError';
  }
}

/** Collects the issues of one file, keeping the first MAX_ISSUES and counting the rest. */
export class IssueCollector {
  issues: ImportIssue[] = [];
  omitted = 0;
  constructor(readonly file: string) {}

  add(i: Omit<ImportIssue, 'file'>): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ file: this.file, ...i });
    else this.omitted++;
  }

  get count(): number {
    return this.issues.length + this.omitted;
  }

  /** Throws every issue collected as one ImportError, if there is any. */
  throwIfAny(): void {
    if (this.count > 0) throw new ImportError(this.issues, this.omitted);
  }
}

export interface ImportProgress {
  /** Rows read (phase 'read'), or bytes of the workbook's zip container checked (phase 'check'). */
  done: number;
  total?: number;
  /** 'check': the container is verified before reading (xlsx only); 'read': rows are read. */
  phase: 'read' | 'check';
}

export interface ImportLimits {
  maxBytes: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
  maxRows: number;
  maxSheets: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxRows: 200_000,
  maxSheets: 50,
};

export interface SheetReadOptions {
  /** 'check' events while the container is verified; 'read' events every 1000 rows. */
  onProgress?: (p: ImportProgress) => void;
  limits?: Partial<ImportLimits>;
}

/** Rows looked at for a header: the header itself and up to five title rows above it. */
export const HEADER_SEARCH_ROWS = 6;
