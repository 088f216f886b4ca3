dashboard "vercel_token_overview" {
  title       = "Vercel Token Overview"
  description = "The tokens of the Vercel users of every connection: how many are live, never expire, were flagged as leaked, go unused or reach the whole account, and which live tokens to act on."

  tags = {
    service = "Vercel/UserToken"
    type    = "Dashboard"
  }

  container {
    card {
      query = query.vercel_token_count
      args  = { card = "total" }
      width = 2
    }
    card {
      query = query.vercel_token_count
      args  = { card = "live" }
      width = 2
    }
    card {
      query = query.vercel_token_count
      args  = { card = "never_expiring" }
      width = 2
    }
    card {
      query = query.vercel_token_count
      args  = { card = "leaked" }
      width = 2
    }
    card {
      query = query.vercel_token_count
      args  = { card = "unused" }
      width = 2
    }
    card {
      query = query.vercel_token_count
      args  = { card = "whole_account" }
      width = 2
    }
  }

  container {
    title = "Live tokens"

    chart {
      title = "By type"
      type  = "donut"
      query = query.vercel_token_groups
      args  = { dimension = "type" }
      width = 3
    }
    chart {
      title = "By origin"
      type  = "donut"
      query = query.vercel_token_groups
      args  = { dimension = "origin" }
      width = 3
    }
    chart {
      title = "By scope"
      type  = "donut"
      query = query.vercel_token_groups
      args  = { dimension = "scope" }
      width = 3
    }
    chart {
      title = "By age"
      type  = "column"
      query = query.vercel_token_groups
      args  = { dimension = "age" }
      width = 3
    }
  }

  table {
    title = "Live tokens to act on"
    query = query.vercel_token_to_act_on
  }
}

query "vercel_token_to_act_on" {
  title       = "Live tokens to act on"
  description = "Every live token that was flagged as leaked, never expires, reaches the whole account or went unused for var.unused_days days or more, most urgent first."
  sql         = <<-EOQ
    ${local.vercel_token_facts_sql},
    finding as (
      select
        t.*,
        s.label as scope,
        array_remove(array[
          case when t.leaked_at is not null then 'flagged as leaked' end,
          case when t.expires_at is null then 'never expires' end,
          case when t.scope_types @> '["user"]' then 'whole account' end,
          case when t.idle_days >= t.unused_days then 'unused for ' || t.idle_days || ' days' end
        ], null) as findings
      from
        token t
        join token_scope s using (token_id)
      where
        t.live
    )
    select
      connection as "Connection",
      name as "Name",
      token_id as "Token ID",
      array_to_string(findings, ', ') as "Findings",
      type as "Type",
      scope as "Scope",
      created_at as "Created",
      active_at as "Last used",
      expires_at as "Expires"
    from
      finding
    where
      cardinality(findings) > 0
    order by
      leaked_at is null, cardinality(findings) desc, idle_days desc, connection, name, token_id;
  EOQ

  param "evaluated_at" {
    default = var.evaluated_at
  }
  param "unused_days" {
    default = var.unused_days
  }
}
