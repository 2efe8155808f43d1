/**
 * Who may do what: every permission of Planwatch in one table, tested rule by rule beside it.
 * `true` allows the role, `false` denies it, 'ownUnit' allows it only on indicators assigned to
 * the user's own unit (department or town), or on projects that unit is responsible for.
 * Anonymous visitors have the role `public`.
 */
import type { Role } from '../store/accounts.js';

type Rule = boolean | 'ownUnit';

export const PERMISSIONS = {
  'plan.read': { admin: true, reporter: true, leader: true, public: true },
  'evaluation.read': { admin: true, reporter: true, leader: true, public: true },
  /** Approved values: the published picture. */
  'value.readApproved': { admin: true, reporter: true, leader: true, public: true },
  /** Drafts, submitted and returned values. */
  'value.readAll': { admin: true, reporter: 'ownUnit', leader: true, public: false },
  'value.submit': { admin: true, reporter: 'ownUnit', leader: false, public: false },
  'value.review': { admin: true, reporter: false, leader: false, public: false },
  'value.unlock': { admin: true, reporter: false, leader: false, public: false },
  'value.revise': { admin: true, reporter: false, leader: false, public: false },
  'value.import': { admin: true, reporter: 'ownUnit', leader: false, public: false },
  'export.read': { admin: true, reporter: true, leader: true, public: true },
  'audit.read': { admin: true, reporter: false, leader: true, public: false },
  'user.manage': { admin: true, reporter: false, leader: false, public: false },
  /** Sign-in through the identity platform: linked identities and the rules giving them unit and role. */
  'identity.manage': { admin: true, reporter: false, leader: false, public: false },
  'unit.read': { admin: true, reporter: true, leader: true, public: true },
  'assignment.read': { admin: true, reporter: true, leader: true, public: false },
  'assignment.manage': { admin: true, reporter: false, leader: false, public: false },
  'calendar.read': { admin: true, reporter: true, leader: true, public: false },
  'calendar.manage': { admin: true, reporter: false, leader: false, public: false },
  'overdue.read': { admin: true, reporter: 'ownUnit', leader: true, public: false },
  'annualTarget.set': { admin: true, reporter: false, leader: false, public: false },
  'verdict.set': { admin: true, reporter: false, leader: false, public: false },
  'job.read': { admin: true, reporter: true, leader: true, public: false },
  'project.read': { admin: true, reporter: true, leader: true, public: true },
  'project.manage': { admin: true, reporter: false, leader: false, public: false },
  /** Monthly progress of a project: 'ownUnit' means the project's responsible unit. */
  'project.report': { admin: true, reporter: 'ownUnit', leader: false, public: false },
  'project.review': { admin: true, reporter: false, leader: false, public: false },
  /** Warnings (预警) of indicators, task targets, projects and reporting; 'ownUnit': the unit's own. */
  'warning.read': { admin: true, reporter: 'ownUnit', leader: true, public: false },
  /** Supervision orders (督办单): 'ownUnit' means orders to the unit as responsible or co-unit. */
  'supervision.read': { admin: true, reporter: 'ownUnit', leader: true, public: false },
  'supervision.issue': { admin: true, reporter: false, leader: false, public: false },
  /** Replies come from the responsible unit only. */
  'supervision.reply': { admin: false, reporter: 'ownUnit', leader: false, public: false },
  /** Accept (销号), return, extend. */
  'supervision.review': { admin: true, reporter: false, leader: false, public: false },
  /** Units assessed by the outcomes of their work (考核). */
  'assessment.read': { admin: true, reporter: 'ownUnit', leader: true, public: false },
  /** Admins: the whole outbox; reporters: their unit's inbox. */
  'notification.read': { admin: true, reporter: 'ownUnit', leader: false, public: false },
  'notification.manage': { admin: true, reporter: false, leader: false, public: false },
  /** Plan intake: upload a plan document, review its draft, publish it as a plan. */
  'planDraft.manage': { admin: true, reporter: false, leader: false, public: false },
  /** Plans in their hierarchy: link plans (parent, predecessor, served plans) and indicators (counterpart, predecessor). */
  'planLink.manage': { admin: true, reporter: false, leader: false, public: false },
  /** Record or withdraw a higher level's assigned target (下达值), with its document. */
  'assignedTarget.set': { admin: true, reporter: false, leader: false, public: false },
  /** In a roll-up, see the children's values that are not approved yet (drafts, submitted, returned). */
  'rollup.readPending': { admin: true, reporter: false, leader: true, public: false },
  /** Send a child plan's reported value back with a reason, approved or not. */
  'value.returnFromAbove': { admin: true, reporter: false, leader: false, public: false },
  /**
   * The web app's working pages that are narrower than the API they call (the server never asks
   * for these; the browser shows or hides its pages by them). 数据导入: workbooks of every unit's
   * values and the whole project ledger at once; a reporter imports its own unit's through the API
   * (value.import, project.report).
   */
  'import.allUnits': { admin: true, reporter: false, leader: false, public: false },
  /** 报送日历 in the menu: for those who follow every unit's reporting; a reporter's rounds are in its inbox. */
  'calendar.overview': { admin: true, reporter: false, leader: true, public: false },
} as const satisfies Record<string, Record<Role, Rule>>;

export type Action = keyof typeof PERMISSIONS;

export interface Subject {
  role: Role;
  unitId: string | null;
}

export const ANONYMOUS: Subject = { role: 'public', unitId: null };

/**
 * `assignedUnits`: the units an indicator is assigned to, for 'ownUnit' rules. Without it an
 * 'ownUnit' rule answers whether the role may do the action on some indicator at all.
 */
export function can(subject: Subject, action: Action, assignedUnits?: readonly string[]): boolean {
  const rule: Rule = PERMISSIONS[action][subject.role];
  if (rule === 'ownUnit') {
    if (!subject.unitId) return false;
    return assignedUnits === undefined ? true : assignedUnits.includes(subject.unitId);
  }
  return rule;
}

/** What a subject may do, action by action: the abilities sent to the browser (the session, detail responses). */
export type Abilities = Record<Action, boolean>;

export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/**
 * Every action's answer for this subject, computed by `can` from the table (the way Outline's
 * policy presenter serialises a user's abilities on an object): on the object assigned to
 * `assignedUnits`, or without them whether the role may do it on some object at all.
 */
export function abilities(subject: Subject, assignedUnits?: readonly string[]): Abilities {
  return Object.fromEntries(ACTIONS.map((a) => [a, can(subject, a, assignedUnits)])) as Abilities;
}

/** Whether the rule depends on the unit, so the caller must check each indicator. */
export function scopedToUnit(subject: Subject, action: Action): boolean {
  return PERMISSIONS[action][subject.role] === 'ownUnit';
}
