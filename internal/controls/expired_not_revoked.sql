-- title: Expired token never revoked
-- severity: low
-- anchor: vercelsior iam-002; NIST SP 800-53 AC-2 (account management: remove what is no longer used)
-- remediation: Delete the expired token in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens) so it no longer clutters audits.
select
  connection, token_id, name, prefix, suffix,
  case
    when revoked_at is not null then 'skip'
    when expires_at <= :now then 'alarm'
    else 'ok'
  end as status,
  case
    when revoked_at is not null then 'revoked on ' || date(revoked_at)
    when expires_at <= :now then 'expired on ' || date(expires_at) || ' (' || whole_days(expires_at, :now) || ' days ago) and never revoked'
    when expires_at is null then 'never expires'
    else 'expires on ' || date(expires_at)
  end as reason,
  whole_days(expires_at, :now) as risk
from
  vercel_user_token;
