-- title: Integration token has access to the whole account
-- severity: medium
-- anchor: vercelsior iam-005 narrowed to OAuth2 tokens; NIST SP 800-53 AC-6 (least privilege)
-- remediation: Review the integration in Vercel's dashboard (Account Settings → Integrations, https://vercel.com/account/integrations): reinstall it for the one team it needs, or remove it, which revokes its token (Account Settings → Tokens, https://vercel.com/account/tokens).
select
  connection, token_id, name, prefix, suffix,
  case
    when revoked_at is not null then 'skip'
    when expires_at <= :now then 'skip'
    when type <> 'oauth2-token' then 'ok'
    when scopes is null then 'info'
    when scopes = '[]' then 'info'
    when has_scope_type(scope_types, 'user') then 'alarm'
    else 'ok'
  end as status,
  case
    when revoked_at is not null then 'revoked on ' || date(revoked_at)
    when expires_at <= :now then 'expired on ' || date(expires_at) || ': see expired_not_revoked'
    when type <> 'oauth2-token' then 'not an integration token (' || type || ')'
    when scopes is null then 'an integration token for which Vercel sent no scope list, so the scope cannot be judged: check the token in the dashboard'
    when scopes = '[]' then 'an integration token for which Vercel sent an empty scope list, so the scope cannot be judged: check the token in the dashboard'
    when has_scope_type(scope_types, 'user') then 'an integration token with a user scope, which gives it the whole account'
    else 'an integration token scoped to ' || scope_types
  end as reason,
  0 as risk
from
  vercel_user_token;
