-- title: Token has access to the whole account
-- severity: high
-- anchor: vercelsior iam-005; NIST SP 800-53 AC-6 (least privilege)
-- remediation: Create a replacement token scoped to the one team it needs in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens, "Scope"), move its users to it, then revoke this one.
select
  connection, token_id, name, prefix, suffix,
  case
    when revoked_at is not null then 'skip'
    when expires_at <= :now then 'skip'
    when scopes is null then 'info'
    when scopes = '[]' then 'info'
    when has_scope_type(scope_types, 'user') then 'alarm'
    else 'ok'
  end as status,
  case
    when revoked_at is not null then 'revoked on ' || date(revoked_at)
    when expires_at <= :now then 'expired on ' || date(expires_at) || ': see expired_not_revoked'
    when scopes is null then 'Vercel sent no scope list, so the scope cannot be judged: check the token in the dashboard'
    when scopes = '[]' then 'Vercel sent an empty scope list, so the scope cannot be judged: check the token in the dashboard'
    when has_scope_type(scope_types, 'user') then 'a user scope gives it the whole account'
    else 'scoped to ' || scope_types
  end as reason,
  0 as risk
from
  vercel_user_token;
