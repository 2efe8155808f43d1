/**
 * The life of a reported value (domain.md §5): draft → submitted → approved (locked), or returned
 * with a reason and submitted again; an approved value changes only after an audited unlock or as
 * a statistical revision (口径调整). One table, so the store and the API cannot disagree.
 */
import { VALUE_STATUS } from './labels.js';

export { VALUE_STATUS };
export type ValueStatus = keyof typeof VALUE_STATUS;

export type ValueAction = 'save' | 'submit' | 'approve' | 'return' | 'unlock' | 'revise' | 'returnFromAbove';

/** From which statuses each action may start, and where it leads. */
export const TRANSITIONS: Record<
  ValueAction,
  { from: (ValueStatus | 'new')[]; to: ValueStatus; needsReason?: boolean; lockedOk?: boolean }
> = {
  save: { from: ['new', 'draft', 'returned'], to: 'draft' },
  submit: { from: ['new', 'draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned', needsReason: true },
  unlock: { from: ['approved'], to: 'draft', needsReason: true, lockedOk: true },
  revise: { from: ['approved'], to: 'approved', needsReason: true, lockedOk: true },
  /** The higher level sends a reported value back, approved or not, with its reason (report once, checked above). */
  returnFromAbove: { from: ['submitted', 'approved'], to: 'returned', needsReason: true, lockedOk: true },
};

export class WorkflowError extends Error {
  constructor(
    readonly code: 'invalidTransition' | 'reasonRequired' | 'locked',
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowError';
  }
}

export function nextStatus(current: ValueStatus | 'new', action: ValueAction, locked: boolean, reason?: string): ValueStatus {
  const t = TRANSITIONS[action];
  if (locked && !t.lockedOk) throw new WorkflowError('locked', '该数值已审核锁定，需先由管理员解锁（将记入审计日志）');
  if (!t.from.includes(current)) {
    const label = current === 'new' ? '新数值' : `「${VALUE_STATUS[current].zh}」状态的数值`;
    throw new WorkflowError('invalidTransition', `${label}不能执行「${ACTION_LABEL[action]}」`);
  }
  if (t.needsReason && !reason?.trim()) throw new WorkflowError('reasonRequired', `「${ACTION_LABEL[action]}」必须填写原因`);
  return t.to;
}

export const ACTION_LABEL: Record<ValueAction, string> = {
  save: '保存草稿',
  submit: '提交',
  approve: '审核通过',
  return: '退回',
  unlock: '解锁',
  revise: '口径调整（修订）',
  returnFromAbove: '上级退回',
};
