-- title: Token lives longer than allowed
-- severity: medium
-- anchor: NIST SP 800-53 IA-5(1) (maximum authenticator lifetime); CIS AWS Foundations 1.14, 365-day variant
-- remediation: Create a replacement token with a shorter expiry in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens), move its users to it, then revoke this one.
select
  connection, token_id, name, prefix, suffix,
  case
    when revoked_at is not null then 'skip'
    when expires_at <= :now then 'skip'
    when expires_at is null then 'info'
    when whole_days(created_at, expires_at) > :max_lifetime_days then 'alarm'
    else 'ok'
  end as status,
  case
    when revoked_at is not null then 'revoked on ' || date(revoked_at)
    when expires_at <= :now then 'expired on ' || date(expires_at) || ': see expired_not_revoked'
    when expires_at is null then 'never expires: see no_expiry'
    else 'created on ' || date(created_at) || ', expires on ' || date(expires_at) || ' (' || whole_days(created_at, expires_at) || ' days of life)'
  end as reason,
  whole_days(created_at, expires_at) as risk
from
  vercel_user_token;
