-- title: Several live tokens share a name
-- severity: low
-- anchor: CIS AWS Foundations 1.12 (one active key per user), adapted: tokens people cannot tell apart are not revoked with confidence
-- remediation: Revoke the copies nobody uses and give each remaining token a name that says what uses it, in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens).
select
  t.connection, t.token_id, t.name, t.prefix, t.suffix,
  case
    when t.revoked_at is not null then 'skip'
    when t.expires_at <= :now then 'skip'
    when twins.live > 1 then 'alarm'
    else 'ok'
  end as status,
  case
    when t.revoked_at is not null then 'revoked on ' || date(t.revoked_at)
    when t.expires_at <= :now then 'expired on ' || date(t.expires_at) || ': see expired_not_revoked'
    when twins.live > 1 then twins.live || ' live tokens are named "' || t.name || '"'
    else 'the only live token named "' || t.name || '"'
  end as reason,
  coalesce(twins.live, 0) as risk
from
  vercel_user_token as t
  left join (
    select connection, name, count(*) as live
    from vercel_user_token
    where revoked_at is null and (expires_at is null or expires_at > :now)
    group by connection, name
  ) as twins on twins.connection = t.connection and twins.name = t.name;
