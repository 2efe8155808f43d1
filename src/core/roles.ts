/**
 * The roles of Planwatch and the one fact about them that a form needs before the server answers:
 * which roles report for a unit and so cannot exist without one (the store refuses them; the web
 * form asks for the unit). Pure, so the web app reads the same table instead of naming a role.
 */
export const ROLES = ['admin', 'reporter', 'leader', 'public'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person signs in with: everyone but the public. */
export const ACCOUNT_ROLES = ROLES.filter((r): r is Exclude<Role, 'public'> => r !== 'public');

/** Whether an account of the role must belong to a unit (a reporter reports for its own unit). */
export const ROLE_NEEDS_UNIT: Record<Role, boolean> = { admin: false, reporter: true, leader: false, public: false };
