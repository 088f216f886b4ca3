-- title: Multi-factor elevation still in force
-- severity: info
-- anchor: Vercel's own signal (sudo scope); NIST SP 800-53 IA-2(1) (multi-factor authentication) for context
-- remediation: Nothing to do unless the elevation is unexpected; if it is, revoke the token in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens).
select
  connection, token_id, name, prefix, suffix,
  case
    when revoked_at is not null then 'skip'
    when expires_at <= :now then 'skip'
    when sudo_expires_at > :now then 'alarm'
    else 'ok'
  end as status,
  case
    when revoked_at is not null then 'revoked on ' || date(revoked_at)
    when expires_at <= :now then 'expired on ' || date(expires_at) || ': see expired_not_revoked'
    when sudo_expires_at > :now then 'elevated by ' || coalesce(sudo_origin, 'an unnamed factor') || ' until ' || sudo_expires_at
    when sudo_expires_at is not null then 'elevation ended on ' || date(sudo_expires_at)
    else 'no multi-factor elevation'
  end as reason,
  0 as risk
from
  vercel_user_token;
