# Generated from the controls and variables of internal/controls by
# powerpipe/generate: do not edit. Change the control files, then run
# go generate ./powerpipe/...

benchmark "vercel_token" {
  title       = "Vercel user tokens"
  description = "The token audit of steampipe_report_vercel (docs/compliance.md): one result per token and control."
  children = [
    control.leaked,
    control.no_expiry,
    control.whole_account,
    control.age,
    control.integration_whole_account,
    control.long_lived,
    control.unused,
    control.duplicate_name,
    control.expired_not_revoked,
    control.team_invalidated,
    control.sudo_active,
  ]
  tags = {
    service = "Vercel/UserToken"
  }
}

control "leaked" {
  title       = "Token flagged as leaked"
  description = "Revoke the token now in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens), remove the secret from where it leaked, and review what the account did since the leak."
  severity    = "critical"
  tags = {
    anchor  = "vercelsior iam-003; NIST SP 800-53 IA-5 (change authenticators when compromised)"
    service = "Vercel/UserToken"
  }
  sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time
    ),
    -- Without "recursive", the vercel_user_token inside is the table itself.
    vercel_user_token as (
      select sp_connection_name as connection, * from vercel_user_token
    ),
    result as (
      select
        connection, token_id, name, prefix, suffix,
        case
          when revoked_at is not null then 'skip'
          when expires_at <= (select evaluation_time from evaluation) then 'skip'
          when leaked_at is null then 'ok'
          else 'alarm'
        end as status,
        case
          when revoked_at is not null then 'revoked on '::text || to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD')
          when expires_at <= (select evaluation_time from evaluation) then 'expired on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') || ': see expired_not_revoked'::text
          when leaked_at is null then 'not flagged as leaked'
          else 'leaked on '::text || to_char(leaked_at at time zone 'UTC', 'YYYY-MM-DD') || ' ('::text || floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from leaked_at)) / 86400)::int || ' days ago)'::text
            || coalesce(' at '::text || leaked_url, ', location not given')
            || case
                 when active_at > leaked_at then '; used after the leak, last on '::text || to_char(active_at at time zone 'UTC', 'YYYY-MM-DD')
                 else '; not used since the leak'
               end
        end as reason,
        case
          when leaked_at is not null and active_at > leaked_at then 2
          when leaked_at is not null then 1
          else 0
        end as risk
      from
        vercel_user_token
    )
    select
      token_id as resource,
      status,
      reason,
      connection,
      name,
      prefix,
      suffix
    from
      result;
  EOQ

  param "now" {
    description = "The time the tokens are judged at (var.evaluated_at)."
    default     = var.evaluated_at
  }
}

control "no_expiry" {
  title       = "Token never expires"
  description = "Create a replacement token with an expiry date in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens), move its users to it, then revoke this one."
  severity    = "high"
  tags = {
    anchor  = "vercelsior iam-001; NIST SP 800-53 IA-5(1) (authenticator lifetime)"
    service = "Vercel/UserToken"
  }
  sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time
    ),
    -- Without "recursive", the vercel_user_token inside is the table itself.
    vercel_user_token as (
      select sp_connection_name as connection, * from vercel_user_token
    ),
    result as (
      select
        connection, token_id, name, prefix, suffix,
        case
          when revoked_at is not null then 'skip'
          when expires_at <= (select evaluation_time from evaluation) then 'skip'
          when expires_at is null then 'alarm'
          else 'ok'
        end as status,
        case
          when revoked_at is not null then 'revoked on '::text || to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD')
          when expires_at <= (select evaluation_time from evaluation) then 'expired on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') || ': see expired_not_revoked'::text
          when expires_at is null then 'never expires; created on '::text || to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') || ' ('::text || floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from created_at)) / 86400)::int || ' days ago)'::text
          else 'expires on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') || ' (in '::text || floor((extract(epoch from expires_at) - extract(epoch from (select evaluation_time from evaluation))) / 86400)::int || ' days)'::text
        end as reason,
        floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from created_at)) / 86400)::int as risk
      from
        vercel_user_token
    )
    select
      token_id as resource,
      status,
      reason,
      connection,
      name,
      prefix,
      suffix
    from
      result;
  EOQ

  param "now" {
    description = "The time the tokens are judged at (var.evaluated_at)."
    default     = var.evaluated_at
  }
}

control "whole_account" {
  title       = "Token has access to the whole account"
  description = "Create a replacement token scoped to the one team it needs in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens, \"Scope\"), move its users to it, then revoke this one."
  severity    = "high"
  tags = {
    anchor  = "vercelsior iam-005; NIST SP 800-53 AC-6 (least privilege)"
    service = "Vercel/UserToken"
  }
  sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time
    ),
    -- Without "recursive", the vercel_user_token inside is the table itself.
    vercel_user_token as (
      select sp_connection_name as connection, * from vercel_user_token
    ),
    result as (
      select
        connection, token_id, name, prefix, suffix,
        case
          when revoked_at is not null then 'skip'
          when expires_at <= (select evaluation_time from evaluation) then 'skip'
          when scopes is null then 'info'
          when scopes = '[]' then 'info'
          when (scope_types @> jsonb_build_array('user')) then 'alarm'
          else 'ok'
        end as status,
        case
          when revoked_at is not null then 'revoked on '::text || to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD')
          when expires_at <= (select evaluation_time from evaluation) then 'expired on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') || ': see expired_not_revoked'::text
          when scopes is null then 'Vercel sent no scope list, so the scope cannot be judged: check the token in the dashboard'
          when scopes = '[]' then 'Vercel sent an empty scope list, so the scope cannot be judged: check the token in the dashboard'
          when (scope_types @> jsonb_build_array('user')) then 'a user scope gives it the whole account'
          else 'scoped to '::text || scope_types
        end as reason,
        0 as risk
      from
        vercel_user_token
    )
    select
      token_id as resource,
      status,
      reason,
      connection,
      name,
      prefix,
      suffix
    from
      result;
  EOQ

  param "now" {
    description = "The time the tokens are judged at (var.evaluated_at)."
    default     = var.evaluated_at
  }
}

control "age" {
  title       = "Token not rotated"
  description = "Rotate it: create a replacement token in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens), move its users to it, then revoke this one."
  severity    = "medium"
  tags = {
    anchor  = "CIS AWS Foundations 1.14 (keys rotated every 90 days or less); NIST SP 800-53 IA-5(1) (authenticator lifetime)"
    service = "Vercel/UserToken"
  }
  sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time,
        case
          when $2::numeric between 0 and 2147483647 and $2::numeric = trunc($2::numeric) then $2::numeric::int
          else cast('--var max_age_days=' || coalesce($2::numeric::text, 'null') || ': want a whole number of days, 0 or more' as int)
        end as max_age_days
    ),
    -- Without "recursive", the vercel_user_token inside is the table itself.
    vercel_user_token as (
      select sp_connection_name as connection, * from vercel_user_token
    ),
    result as (
      select
        connection, token_id, name, prefix, suffix,
        case
          when revoked_at is not null then 'skip'
          when expires_at <= (select evaluation_time from evaluation) then 'skip'
          when floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from created_at)) / 86400)::int > (select max_age_days from evaluation) then 'alarm'
          else 'ok'
        end as status,
        case
          when revoked_at is not null then 'revoked on '::text || to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD')
          when expires_at <= (select evaluation_time from evaluation) then 'expired on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') || ': see expired_not_revoked'::text
          else 'created on '::text || to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') || ' ('::text || floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from created_at)) / 86400)::int || ' days)'::text
        end as reason,
        floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from created_at)) / 86400)::int as risk
      from
        vercel_user_token
    )
    select
      token_id as resource,
      status,
      reason,
      connection,
      name,
      prefix,
      suffix
    from
      result;
  EOQ

  param "now" {
    description = "The time the tokens are judged at (var.evaluated_at)."
    default     = var.evaluated_at
  }

  param "max_age_days" {
    description = "age: alarm when the token was created more than this many whole days ago"
    default     = var.max_age_days
  }
}

control "integration_whole_account" {
  title       = "Integration token has access to the whole account"
  description = "Review the integration in Vercel's dashboard (Account Settings → Integrations, https://vercel.com/account/integrations): reinstall it for the one team it needs, or remove it, which revokes its token (Account Settings → Tokens, https://vercel.com/account/tokens)."
  severity    = "medium"
  tags = {
    anchor  = "vercelsior iam-005 narrowed to OAuth2 tokens; NIST SP 800-53 AC-6 (least privilege)"
    service = "Vercel/UserToken"
  }
  sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time
    ),
    -- Without "recursive", the vercel_user_token inside is the table itself.
    vercel_user_token as (
      select sp_connection_name as connection, * from vercel_user_token
    ),
    result as (
      select
        connection, token_id, name, prefix, suffix,
        case
          when revoked_at is not null then 'skip'
          when expires_at <= (select evaluation_time from evaluation) then 'skip'
          when type <> 'oauth2-token' then 'ok'
          when scopes is null then 'info'
          when scopes = '[]' then 'info'
          when (scope_types @> jsonb_build_array('user')) then 'alarm'
          else 'ok'
        end as status,
        case
          when revoked_at is not null then 'revoked on '::text || to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD')
          when expires_at <= (select evaluation_time from evaluation) then 'expired on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') || ': see expired_not_revoked'::text
          when type <> 'oauth2-token' then 'not an integration token ('::text || type || ')'::text
          when scopes is null then 'an integration token for which Vercel sent no scope list, so the scope cannot be judged: check the token in the dashboard'
          when scopes = '[]' then 'an integration token for which Vercel sent an empty scope list, so the scope cannot be judged: check the token in the dashboard'
          when (scope_types @> jsonb_build_array('user')) then 'an integration token with a user scope, which gives it the whole account'
          else 'an integration token scoped to '::text || scope_types
        end as reason,
        0 as risk
      from
        vercel_user_token
    )
    select
      token_id as resource,
      status,
      reason,
      connection,
      name,
      prefix,
      suffix
    from
      result;
  EOQ

  param "now" {
    description = "The time the tokens are judged at (var.evaluated_at)."
    default     = var.evaluated_at
  }
}

control "long_lived" {
  title       = "Token lives longer than allowed"
  description = "Create a replacement token with a shorter expiry in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens), move its users to it, then revoke this one."
  severity    = "medium"
  tags = {
    anchor  = "NIST SP 800-53 IA-5(1) (maximum authenticator lifetime); CIS AWS Foundations 1.14, 365-day variant"
    service = "Vercel/UserToken"
  }
  sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time,
        case
          when $2::numeric between 0 and 2147483647 and $2::numeric = trunc($2::numeric) then $2::numeric::int
          else cast('--var max_lifetime_days=' || coalesce($2::numeric::text, 'null') || ': want a whole number of days, 0 or more' as int)
        end as max_lifetime_days
    ),
    -- Without "recursive", the vercel_user_token inside is the table itself.
    vercel_user_token as (
      select sp_connection_name as connection, * from vercel_user_token
    ),
    result as (
      select
        connection, token_id, name, prefix, suffix,
        case
          when revoked_at is not null then 'skip'
          when expires_at <= (select evaluation_time from evaluation) then 'skip'
          when expires_at is null then 'info'
          when floor((extract(epoch from expires_at) - extract(epoch from created_at)) / 86400)::int > (select max_lifetime_days from evaluation) then 'alarm'
          else 'ok'
        end as status,
        case
          when revoked_at is not null then 'revoked on '::text || to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD')
          when expires_at <= (select evaluation_time from evaluation) then 'expired on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') || ': see expired_not_revoked'::text
          when expires_at is null then 'never expires: see no_expiry'
          else 'created on '::text || to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') || ', expires on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') || ' ('::text || floor((extract(epoch from expires_at) - extract(epoch from created_at)) / 86400)::int || ' days of life)'::text
        end as reason,
        floor((extract(epoch from expires_at) - extract(epoch from created_at)) / 86400)::int as risk
      from
        vercel_user_token
    )
    select
      token_id as resource,
      status,
      reason,
      connection,
      name,
      prefix,
      suffix
    from
      result;
  EOQ

  param "now" {
    description = "The time the tokens are judged at (var.evaluated_at)."
    default     = var.evaluated_at
  }

  param "max_lifetime_days" {
    description = "long_lived: alarm when the token expires more than this many whole days after its creation"
    default     = var.max_lifetime_days
  }
}

control "unused" {
  title       = "Token not used recently"
  description = "Revoke the token in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens) unless someone can name what still needs it."
  severity    = "medium"
  tags = {
    anchor  = "vercelsior iam-004 (90 days); CIS AWS Foundations 1.11 (credentials unused for 45 days); NIST SP 800-53 AC-2(3) (disable inactive accounts)"
    service = "Vercel/UserToken"
  }
  sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time,
        case
          when $2::numeric between 0 and 2147483647 and $2::numeric = trunc($2::numeric) then $2::numeric::int
          else cast('--var unused_days=' || coalesce($2::numeric::text, 'null') || ': want a whole number of days, 0 or more' as int)
        end as unused_days
    ),
    -- Without "recursive", the vercel_user_token inside is the table itself.
    vercel_user_token as (
      select sp_connection_name as connection, * from vercel_user_token
    ),
    result as (
      select
        connection, token_id, name, prefix, suffix,
        case
          when revoked_at is not null then 'skip'
          when expires_at <= (select evaluation_time from evaluation) then 'skip'
          when floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from (coalesce(active_at, created_at)))) / 86400)::int >= (select unused_days from evaluation) then 'alarm'
          else 'ok'
        end as status,
        case
          when revoked_at is not null then 'revoked on '::text || to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD')
          when expires_at <= (select evaluation_time from evaluation) then 'expired on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') || ': see expired_not_revoked'::text
          when active_at is null then 'never used; created on '::text || to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') || ' ('::text || floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from created_at)) / 86400)::int || ' days)'::text
          else 'not used since '::text || to_char(active_at at time zone 'UTC', 'YYYY-MM-DD') || ' ('::text || floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from active_at)) / 86400)::int || ' days)'::text
        end as reason,
        floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from (coalesce(active_at, created_at)))) / 86400)::int as risk
      from
        vercel_user_token
    )
    select
      token_id as resource,
      status,
      reason,
      connection,
      name,
      prefix,
      suffix
    from
      result;
  EOQ

  param "now" {
    description = "The time the tokens are judged at (var.evaluated_at)."
    default     = var.evaluated_at
  }

  param "unused_days" {
    description = "unused: alarm when the token was last used this many whole days ago or more"
    default     = var.unused_days
  }
}

control "duplicate_name" {
  title       = "Several live tokens share a name"
  description = "Revoke the copies nobody uses and give each remaining token a name that says what uses it, in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens)."
  severity    = "low"
  tags = {
    anchor  = "CIS AWS Foundations 1.12 (one active key per user), adapted: tokens people cannot tell apart are not revoked with confidence"
    service = "Vercel/UserToken"
  }
  sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time
    ),
    -- Without "recursive", the vercel_user_token inside is the table itself.
    vercel_user_token as (
      select sp_connection_name as connection, * from vercel_user_token
    ),
    result as (
      select
        t.connection, t.token_id, t.name, t.prefix, t.suffix,
        case
          when t.revoked_at is not null then 'skip'
          when t.expires_at <= (select evaluation_time from evaluation) then 'skip'
          when twins.live > 1 then 'alarm'
          else 'ok'
        end as status,
        case
          when t.revoked_at is not null then 'revoked on '::text || to_char(t.revoked_at at time zone 'UTC', 'YYYY-MM-DD')
          when t.expires_at <= (select evaluation_time from evaluation) then 'expired on '::text || to_char(t.expires_at at time zone 'UTC', 'YYYY-MM-DD') || ': see expired_not_revoked'::text
          when twins.live > 1 then twins.live || ' live tokens are named "'::text || t.name || '"'::text
          else 'the only live token named "'::text || t.name || '"'::text
        end as reason,
        coalesce(twins.live, 0) as risk
      from
        vercel_user_token as t
        left join (
          select connection, name, count(*) as live
          from vercel_user_token
          where revoked_at is null and (expires_at is null or expires_at > (select evaluation_time from evaluation))
          group by connection, name
        ) as twins on twins.connection = t.connection and twins.name = t.name
    )
    select
      token_id as resource,
      status,
      reason,
      connection,
      name,
      prefix,
      suffix
    from
      result;
  EOQ

  param "now" {
    description = "The time the tokens are judged at (var.evaluated_at)."
    default     = var.evaluated_at
  }
}

control "expired_not_revoked" {
  title       = "Expired token never revoked"
  description = "Delete the expired token in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens) so it no longer clutters audits."
  severity    = "low"
  tags = {
    anchor  = "vercelsior iam-002; NIST SP 800-53 AC-2 (account management: remove what is no longer used)"
    service = "Vercel/UserToken"
  }
  sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time
    ),
    -- Without "recursive", the vercel_user_token inside is the table itself.
    vercel_user_token as (
      select sp_connection_name as connection, * from vercel_user_token
    ),
    result as (
      select
        connection, token_id, name, prefix, suffix,
        case
          when revoked_at is not null then 'skip'
          when expires_at <= (select evaluation_time from evaluation) then 'alarm'
          else 'ok'
        end as status,
        case
          when revoked_at is not null then 'revoked on '::text || to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD')
          when expires_at <= (select evaluation_time from evaluation) then 'expired on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') || ' ('::text || floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from expires_at)) / 86400)::int || ' days ago) and never revoked'::text
          when expires_at is null then 'never expires'
          else 'expires on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD')
        end as reason,
        floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from expires_at)) / 86400)::int as risk
      from
        vercel_user_token
    )
    select
      token_id as resource,
      status,
      reason,
      connection,
      name,
      prefix,
      suffix
    from
      result;
  EOQ

  param "now" {
    description = "The time the tokens are judged at (var.evaluated_at)."
    default     = var.evaluated_at
  }
}

control "team_invalidated" {
  title       = "Token created before a team it reaches invalidated such tokens"
  description = "Revoke the token in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens); if that team still needs one, create a new token scoped to it."
  severity    = "low"
  tags = {
    anchor  = "Vercel's own signal (a team's personalAccessTokensInvalidatedAt, appTokensInvalidatedAt); NIST SP 800-53 AC-2 (account management: remove what is no longer used)"
    service = "Vercel/UserToken"
  }
  sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time
    ),
    -- Without "recursive", the vercel_user_token inside is the table itself.
    vercel_user_token as (
      select sp_connection_name as connection, * from vercel_user_token
    ),
    result as (
      select
        t.connection, t.token_id, t.name, t.prefix, t.suffix,
        case
          when t.revoked_at is not null then 'skip'
          when t.expires_at <= (select evaluation_time from evaluation) then 'skip'
          when cut.teams is not null then 'info'
          else 'ok'
        end as status,
        case
          when t.revoked_at is not null then 'revoked on '::text || to_char(t.revoked_at at time zone 'UTC', 'YYYY-MM-DD')
          when t.expires_at <= (select evaluation_time from evaluation) then 'expired on '::text || to_char(t.expires_at at time zone 'UTC', 'YYYY-MM-DD') || ': see expired_not_revoked'::text
          when cut.teams is not null then 'created on '::text || to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD') || ', at or before '::text
            || case when t.type = 'oauth2-token' then 'app' else 'personal access' end
            || ' tokens were invalidated by '::text || cut.teams
            || ': it no longer works there, and should be revoked to keep the list clean'::text
          when t.scopes is null then 'Vercel sent no scope list, so no team scope to judge: see whole_account'
          when (t.scope_types @> jsonb_build_array('team')) then 'no team it reaches invalidated its kind of token after its creation'
          else 'no team scope'
        end as reason,
        coalesce(cut.team_count, 0) as risk
      from
        vercel_user_token as t
        -- The teams of its connection that invalidated its kind of token at or
        -- after its creation. vercel_team names the connection as Steampipe does
        -- (sp_connection_name). A limited team has no invalidation times and a
        -- team the user left is not listed: neither ever matches.
        left join (
          select
            token.connection,
            token.token_id,
            string_agg(team.title || ' on '::text || to_char((case when token.type = 'oauth2-token' then team.app_tokens_invalidated_at else team.personal_access_tokens_invalidated_at end) at time zone 'UTC', 'YYYY-MM-DD'), ', ' order by team.title, team.id) as teams,
            count(*) as team_count
          from
            vercel_user_token as token
            join vercel_team as team on team.sp_connection_name = token.connection
              and (token.team_ids @> jsonb_build_array(team.id))
          where
            token.created_at <= case when token.type = 'oauth2-token' then team.app_tokens_invalidated_at else team.personal_access_tokens_invalidated_at end
          group by
            token.connection, token.token_id
        ) as cut on cut.connection = t.connection and cut.token_id = t.token_id
    )
    select
      token_id as resource,
      status,
      reason,
      connection,
      name,
      prefix,
      suffix
    from
      result;
  EOQ

  param "now" {
    description = "The time the tokens are judged at (var.evaluated_at)."
    default     = var.evaluated_at
  }
}

control "sudo_active" {
  title       = "Multi-factor elevation still in force"
  description = "Nothing to do unless the elevation is unexpected; if it is, revoke the token in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens)."
  severity    = "none"
  tags = {
    anchor  = "Vercel's own signal (sudo scope); NIST SP 800-53 IA-2(1) (multi-factor authentication) for context"
    service = "Vercel/UserToken"
  }
  sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time
    ),
    -- Without "recursive", the vercel_user_token inside is the table itself.
    vercel_user_token as (
      select sp_connection_name as connection, * from vercel_user_token
    ),
    result as (
      select
        connection, token_id, name, prefix, suffix,
        case
          when revoked_at is not null then 'skip'
          when expires_at <= (select evaluation_time from evaluation) then 'skip'
          when sudo_expires_at > (select evaluation_time from evaluation) then 'alarm'
          else 'ok'
        end as status,
        case
          when revoked_at is not null then 'revoked on '::text || to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD')
          when expires_at <= (select evaluation_time from evaluation) then 'expired on '::text || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') || ': see expired_not_revoked'::text
          when sudo_expires_at > (select evaluation_time from evaluation) then 'elevated by '::text || coalesce(sudo_origin, 'an unnamed factor') || ' until '::text || sudo_expires_at
          when sudo_expires_at is not null then 'elevation ended on '::text || to_char(sudo_expires_at at time zone 'UTC', 'YYYY-MM-DD')
          else 'no multi-factor elevation'
        end as reason,
        0 as risk
      from
        vercel_user_token
    )
    select
      token_id as resource,
      status,
      reason,
      connection,
      name,
      prefix,
      suffix
    from
      result;
  EOQ

  param "now" {
    description = "The time the tokens are judged at (var.evaluated_at)."
    default     = var.evaluated_at
  }
}
