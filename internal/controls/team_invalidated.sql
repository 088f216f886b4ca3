-- title: Token created before a team it reaches invalidated such tokens
-- severity: low
-- anchor: Vercel's own signal (a team's personalAccessTokensInvalidatedAt, appTokensInvalidatedAt); NIST SP 800-53 AC-2 (account management: remove what is no longer used)
-- remediation: Revoke the token in Vercel's dashboard (Account Settings → Tokens, https://vercel.com/account/tokens); if that team still needs one, create a new token scoped to it.
select
  t.connection, t.token_id, t.name, t.prefix, t.suffix,
  case
    when t.revoked_at is not null then 'skip'
    when t.expires_at <= :now then 'skip'
    when cut.teams is not null then 'info'
    else 'ok'
  end as status,
  case
    when t.revoked_at is not null then 'revoked on ' || date(t.revoked_at)
    when t.expires_at <= :now then 'expired on ' || date(t.expires_at) || ': see expired_not_revoked'
    when cut.teams is not null then 'created on ' || date(t.created_at) || ', at or before '
      || case when t.type = 'oauth2-token' then 'app' else 'personal access' end
      || ' tokens were invalidated by ' || cut.teams
      || ': it no longer works there, and should be revoked to keep the list clean'
    when t.scopes is null then 'Vercel sent no scope list, so no team scope to judge: see whole_account'
    when has_scope_type(t.scope_types, 'team') then 'no team it reaches invalidated its kind of token after its creation'
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
      string_agg(team.title || ' on ' || date(case when token.type = 'oauth2-token' then team.app_tokens_invalidated_at else team.personal_access_tokens_invalidated_at end), ', ' order by team.title, team.id) as teams,
      count(*) as team_count
    from
      vercel_user_token as token
      join vercel_team as team on team.sp_connection_name = token.connection
        and has_scope_type(token.team_ids, team.id)
    where
      token.created_at <= case when token.type = 'oauth2-token' then team.app_tokens_invalidated_at else team.personal_access_tokens_invalidated_at end
    group by
      token.connection, token.token_id
  ) as cut on cut.connection = t.connection and cut.token_id = t.token_id;
