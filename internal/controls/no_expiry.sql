-- title: Token never expires
-- severity: high
-- anchor: vercelsior iam-001; NIST SP 800-53 IA-5(1) (authenticator lifetime)
-- remediation: Create a replacement token with an expiry date in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens), move its users to it, then revoke this one.
select
  connection, token_id, name, prefix, suffix,
  case
    when revoked_at is not null then 'skip'
    when expires_at <= :now then 'skip'
    when expires_at is null then 'alarm'
    else 'ok'
  end as status,
  case
    when revoked_at is not null then 'revoked on ' || date(revoked_at)
    when expires_at <= :now then 'expired on ' || date(expires_at) || ': see expired_not_revoked'
    when expires_at is null then 'never expires; created on ' || date(created_at) || ' (' || whole_days(created_at, :now) || ' days ago)'
    else 'expires on ' || date(expires_at) || ' (in ' || whole_days(:now, expires_at) || ' days)'
  end as reason,
  whole_days(created_at, :now) as risk
from
  vercel_user_token;
