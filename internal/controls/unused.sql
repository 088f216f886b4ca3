-- title: Token not used recently
-- severity: medium
-- anchor: vercelsior iam-004 (90 days); CIS AWS Foundations 1.11 (credentials unused for 45 days); NIST SP 800-53 AC-2(3) (disable inactive accounts)
-- remediation: Revoke the token in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens) unless someone can name what still needs it.
select
  connection, token_id, name, prefix, suffix,
  case
    when revoked_at is not null then 'skip'
    when expires_at <= :now then 'skip'
    when whole_days(coalesce(active_at, created_at), :now) >= :unused_days then 'alarm'
    else 'ok'
  end as status,
  case
    when revoked_at is not null then 'revoked on ' || date(revoked_at)
    when expires_at <= :now then 'expired on ' || date(expires_at) || ': see expired_not_revoked'
    when active_at is null then 'never used; created on ' || date(created_at) || ' (' || whole_days(created_at, :now) || ' days)'
    else 'not used since ' || date(active_at) || ' (' || whole_days(active_at, :now) || ' days)'
  end as reason,
  whole_days(coalesce(active_at, created_at), :now) as risk
from
  vercel_user_token;
