/**
 * The life of a supervision order (督办单): issued to a responsible unit with a deadline → the unit
 * replies with its measures and progress → the admin accepts and closes it (销号) or returns it with
 * a reason, and the unit replies again; the deadline may be extended once, with a reason. One
 * table of transitions, so the store and the API cannot disagree.
 */
import { ORDER_LEVEL, ORDER_STATE, SUBJECT_TYPE } from './labels.js';

export { ORDER_LEVEL, ORDER_STATE, SUBJECT_TYPE };
export type OrderLevel = keyof typeof ORDER_LEVEL;
export const ORDER_LEVELS = Object.keys(ORDER_LEVEL) as OrderLevel[];
export type OrderState = keyof typeof ORDER_STATE;
export const ORDER_STATES = Object.keys(ORDER_STATE) as OrderState[];
export type SubjectType = keyof typeof SUBJECT_TYPE;
export const SUBJECT_TYPES = Object.keys(SUBJECT_TYPE) as SubjectType[];

export type OrderAction = 'reply' | 'accept' | 'return' | 'extend';

export const ORDER_ACTION: Record<OrderAction, { zh: string; from: OrderState[]; to?: OrderState; needsReason?: boolean }> = {
  // A unit may add progress to a reply not yet reviewed: the latest reply is what is reviewed.
  reply: { zh: '反馈', from: ['issued', 'returned', 'replied'], to: 'replied' },
  accept: { zh: '销号', from: ['replied'], to: 'closed' },
  return: { zh: '退回', from: ['replied'], to: 'returned', needsReason: true },
  extend: { zh: '延期', from: ['issued', 'replied', 'returned'], needsReason: true },
};

export class SupervisionError extends Error {
  constructor(
    readonly code: 'invalidTransition' | 'reasonRequired' | 'invalid' | 'notFound' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'SupervisionError';
  }
}

/** The state an action leads to; throws with words a person can act on when it may not be taken. */
export function nextOrderState(
  order: { state: OrderState; extended: boolean; deadline: string },
  action: OrderAction,
  input: { reason?: string | null; deadline?: string } = {},
): OrderState {
  const a = ORDER_ACTION[action];
  if (!a.from.includes(order.state))
    throw new SupervisionError('invalidTransition', `「${ORDER_STATE[order.state].zh}」的督办单不能${a.zh}`);
  if (a.needsReason && !input.reason?.trim()) throw new SupervisionError('reasonRequired', `${a.zh}必须填写原因`);
  if (action === 'extend') {
    if (order.extended) throw new SupervisionError('invalidTransition', '督办单只能延期一次，已经延期过');
    if (!input.deadline || !isDate(input.deadline)) throw new SupervisionError('invalid', '请填写新的办理期限（YYYY-MM-DD）');
    if (input.deadline <= order.deadline)
      throw new SupervisionError('invalid', `新的办理期限（${input.deadline}）应晚于原期限（${order.deadline}）`);
    return order.state;
  }
  return a.to!;
}

export function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s);
}
