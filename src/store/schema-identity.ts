/** Table types of OpenID Connect sign-in (migration 0008_oidc). */

export interface OidcRequestTable {
  /** sha256 of the state sent to the provider: a leaked table does not let anyone finish a sign-in. */
  id: string;
  code_verifier: string;
  nonce: string;
  /** The page to return to once signed in (a path of the web app). */
  return_to: string | null;
  created_at: string;
  expires_at: string;
}

export interface IdentityLinkTable {
  id: string;
  /** The provider's issuer identifier. */
  issuer: string;
  /** The value of the matching claim (`sub` unless configured otherwise). */
  subject: string;
  user_id: string;
  /** The claims of the last sign-in (name, department, groups…) as JSON, for the administrator. */
  claims: string | null;
  created_at: string;
  last_login_at: string | null;
}

export interface IdentityRuleTable {
  id: string;
  /** Rules are tried in this order; the first that matches gives the unit and role. */
  position: number;
  claim: string;
  value: string;
  role: string;
  unit_id: string | null;
  created_at: string;
}
