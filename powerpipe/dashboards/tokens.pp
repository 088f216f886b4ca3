# What every dashboard reads: the tokens of vercel_user_token (of the
# connection the search path finds first) with what the dashboards count
# and group them by, judged at var.evaluated_at as the controls judge them.

locals {
  # token: one row per token. live is what the controls judge (neither
  # revoked nor expired); idle_days counts from the last use, or from the
  # creation of a token never used, as the unused control does; day counts
  # are whole days, rounded down.
  # grouping: one row per token and dimension it is counted in, with the
  # group's label and its place in the dimension's order. Tokens that are
  # not live are only counted by expiry (a token Vercel still lists after
  # it expired), revoked ones nowhere.
  vercel_token_facts_sql = <<-EOQ
    ${local.vercel_token_evaluation_sql},
    token as (
      select
        t.sp_connection_name as connection,
        t.token_id, t.name, t.type, t.origin, t.scope_types, t.project_id,
        t.created_at, t.active_at, t.expires_at, t.leaked_at, t.revoked_at,
        t.revoked_at is null and (t.expires_at is null or t.expires_at > e.evaluation_time) as live,
        floor((extract(epoch from e.evaluation_time) - extract(epoch from t.created_at)) / 86400)::int as age_days,
        floor((extract(epoch from e.evaluation_time) - extract(epoch from coalesce(t.active_at, t.created_at))) / 86400)::int as idle_days,
        floor((extract(epoch from t.expires_at) - extract(epoch from e.evaluation_time)) / 86400)::int as expiry_days,
        e.unused_days
      from
        vercel_user_token t
        cross join evaluation e
    ),
    token_scope as (
      select
        token_id,
        case
          when scope_types is null then 'Not sent'
          when scope_types = '[]' then 'Empty'
          when scope_types @> '["user"]' then 'Whole account'
          when project_id is not null then 'One project'
          when scope_types @> '["team"]' then 'Teams'
          else 'Other'
        end as label
      from
        token
    ),
    grouping as (
      select t.token_id, 'type' as dimension, coalesce(t.type, 'Not sent') as label, 0 as rank
      from token t where t.live
      union all
      select t.token_id, 'origin', coalesce(t.origin, 'Not sent'), 0
      from token t where t.live
      union all
      select t.token_id, 'scope', s.label, 0
      from token t join token_scope s using (token_id) where t.live
      union all
      select t.token_id, 'age', b.label, b.low
      from token t cross join lateral (
        select label, low from (values
          ('< 30 days', 0), ('30–89 days', 30), ('90–364 days', 90), ('365 days or more', 365)
        ) b(label, low) where t.age_days >= b.low order by b.low desc limit 1
      ) b
      where t.live
      union all
      select t.token_id, 'last_use', b.label, b.low
      from token t cross join lateral (
        select label, low from (values
          ('< 1 day', 0), ('1–29 days', 1), ('30–89 days', 30), ('90–364 days', 90), ('365 days or more', 365)
        ) b(label, low) where t.idle_days >= b.low order by b.low desc limit 1
      ) b
      where t.live and t.active_at is not null
      union all
      select t.token_id, 'last_use', 'Never used', 100000
      from token t where t.live and t.active_at is null
      union all
      select t.token_id, 'expiry', b.label, b.low
      from token t cross join lateral (
        select label, low from (values
          ('< 7 days', 0), ('7–29 days', 7), ('30–89 days', 30), ('90 days or more', 90)
        ) b(label, low) where t.expiry_days >= b.low order by b.low desc limit 1
      ) b
      where t.live and t.expires_at is not null
      union all
      select t.token_id, 'expiry', 'Expired, not revoked', -1
      from token t where t.revoked_at is null and not t.live
      union all
      select t.token_id, 'expiry', 'Never expires', 100000
      from token t where t.live and t.expires_at is null
    )
  EOQ
}

query "vercel_token_count" {
  title       = "Tokens counted by the overview"
  description = "One card of the overview: total, live, never_expiring, leaked, unused or whole_account. All but total count live tokens only."
  sql         = <<-EOQ
    ${local.vercel_token_facts_sql},
    card (name, label, risky) as (
      values
        ('total', 'Tokens', false),
        ('live', 'Live', false),
        ('never_expiring', 'Never expiring', true),
        ('leaked', 'Flagged as leaked', true),
        ('unused', 'Unused for ' || (select unused_days from evaluation) || ' days or more', true),
        ('whole_account', 'Whole account', true)
    ),
    counted as (
      select
        c.label,
        c.risky,
        count(t.token_id) as value
      from
        card c
        left join token t on case c.name
          when 'total' then true
          when 'live' then t.live
          when 'never_expiring' then t.live and t.expires_at is null
          when 'leaked' then t.live and t.leaked_at is not null
          when 'unused' then t.live and t.idle_days >= t.unused_days
          when 'whole_account' then t.live and t.scope_types @> '["user"]'
        end
      where
        c.name = $3
      group by
        c.label, c.risky
    )
    select
      value,
      label,
      case when not risky then 'info' when value > 0 then 'alert' else 'ok' end as type
    from
      counted;
  EOQ

  param "evaluated_at" {
    default = var.evaluated_at
  }
  param "unused_days" {
    default = var.unused_days
  }
  param "card" {
    description = "total, live, never_expiring, leaked, unused or whole_account"
  }
}

query "vercel_token_groups" {
  title       = "Live tokens by a dimension"
  description = "The tokens in each group of a dimension (type, origin, scope, age, last_use or expiry), in the dimension's order, for a chart."
  sql         = <<-EOQ
    ${local.vercel_token_facts_sql}
    select
      label as "Group",
      count(*) as "Tokens"
    from
      grouping
    where
      dimension = $3
    group by
      label, rank
    order by
      rank, count(*) desc, label;
  EOQ

  param "evaluated_at" {
    default = var.evaluated_at
  }
  param "unused_days" {
    default = var.unused_days
  }
  param "dimension" {
    description = "type, origin, scope, age, last_use or expiry"
  }
}

query "vercel_token_group_count" {
  title       = "Tokens in one group"
  description = "The tokens in one group of a dimension, for a card."
  sql         = <<-EOQ
    ${local.vercel_token_facts_sql}
    select
      count(g.token_id) as value,
      $4::text as label,
      'info' as type
    from
      grouping g
    where
      g.dimension = $3
      and g.label = $4::text;
  EOQ

  param "evaluated_at" {
    default = var.evaluated_at
  }
  param "unused_days" {
    default = var.unused_days
  }
  param "dimension" {
    description = "type, origin, scope, age, last_use or expiry"
  }
  param "group" {
    description = "the group's label, as vercel_token_groups names it"
  }
}
