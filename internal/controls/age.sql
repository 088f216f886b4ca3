-- title: Token not rotated
-- severity: medium
-- anchor: CIS AWS Foundations 1.14 (keys rotated every 90 days or less); NIST SP 800-53 IA-5(1) (authenticator lifetime)
-- remediation: Rotate it: create a replacement token in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens), move its users to it, then revoke this one.
select
  connection, token_id, name, prefix, suffix,
  case
    when revoked_at is not null then 'skip'
    when expires_at <= :now then 'skip'
    when whole_days(created_at, :now) > :max_age_days then 'alarm'
    else 'ok'
  end as status,
  case
    when revoked_at is not null then 'revoked on ' || date(revoked_at)
    when expires_at <= :now then 'expired on ' || date(expires_at) || ': see expired_not_revoked'
    else 'created on ' || date(created_at) || ' (' || whole_days(created_at, :now) || ' days)'
  end as reason,
  whole_days(created_at, :now) as risk
from
  vercel_user_token;
