-- title: Token flagged as leaked
-- severity: critical
-- anchor: vercelsior iam-003; NIST SP 800-53 IA-5 (change authenticators when compromised)
-- remediation: Revoke the token now in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens), remove the secret from where it leaked, and review what the account did since the leak.
select
  connection, token_id, name, prefix, suffix,
  case
    when revoked_at is not null then 'skip'
    when expires_at <= :now then 'skip'
    when leaked_at is null then 'ok'
    else 'alarm'
  end as status,
  case
    when revoked_at is not null then 'revoked on ' || date(revoked_at)
    when expires_at <= :now then 'expired on ' || date(expires_at) || ': see expired_not_revoked'
    when leaked_at is null then 'not flagged as leaked'
    else 'leaked on ' || date(leaked_at) || ' (' || whole_days(leaked_at, :now) || ' days ago)'
      || coalesce(' at ' || leaked_url, ', location not given')
      || case
           when active_at > leaked_at then '; used after the leak, last on ' || date(active_at)
           else '; not used since the leak'
         end
  end as reason,
  case
    when leaked_at is not null and active_at > leaked_at then 2
    when leaked_at is not null then 1
    else 0
  end as risk
from
  vercel_user_token;
