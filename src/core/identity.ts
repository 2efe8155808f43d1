/**
 * Which unit and role an identity from the unified identity platform (统一身份认证) gets: the
 * administrator's rules, tried in order, each naming a claim, a value, and the unit and role it
 * gives. A claim may be a string, a number, a boolean or a list (groups, departments): a list
 * matches when it holds the value. Pure: the store reads the rules and applies the answer.
 */

export interface IdentityRule {
  id: string;
  position: number;
  claim: string;
  value: string;
  role: 'admin' | 'reporter' | 'leader';
  unitId: string | null;
}

export type Claims = Record<string, unknown>;

/** A claim as the strings it holds ([] when absent or an object). */
export function claimValues(claims: Claims, name: string): string[] {
  const v = claims[name];
  const one = (x: unknown): string[] => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? [String(x)] : []);
  return Array.isArray(v) ? v.flatMap(one) : one(v);
}

/** The first rule (by position) the claims match, or undefined: the identity waits for an administrator. */
export function matchRule<R extends IdentityRule>(rules: readonly R[], claims: Claims): R | undefined {
  return [...rules].sort((a, b) => a.position - b.position).find((r) => claimValues(claims, r.claim).includes(r.value));
}

/**
 * The username of an account created at first sign-in: the provider's own name for the person
 * (preferred_username, e-mail) when it is a valid Planwatch username, otherwise `fallback`.
 */
export function usernameBase(hints: readonly unknown[], fallback: string): string {
  return hints.find((h): h is string => typeof h === 'string' && /^[A-Za-z0-9_.@-]{2,64}$/.test(h)) ?? fallback;
}

/** `base`, or when it is taken the first free `base-2`, `base-3`… */
export function freeUsername(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const name = `${base.slice(0, 60)}-${i}`;
    if (!taken.has(name)) return name;
  }
}
