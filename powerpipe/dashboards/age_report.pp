dashboard "vercel_token_age_report" {
  title       = "Vercel Token Age Report"
  description = "The live tokens grouped by their last use: which have not been used for months, or never."

  tags = {
    service  = "Vercel/UserToken"
    type     = "Report"
    category = "Age"
  }

  container {
    card {
      query = query.vercel_token_count
      args  = { card = "live" }
      width = 2
    }
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "last_use", group = "< 1 day" }
      width = 2
    }
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "last_use", group = "1–29 days" }
      width = 2
    }
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "last_use", group = "30–89 days" }
      width = 2
    }
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "last_use", group = "90–364 days" }
      width = 2
    }
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "last_use", group = "365 days or more" }
      width = 2
    }
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "last_use", group = "Never used" }
      width = 2
    }
  }

  table {
    title = "Live tokens by last use"
    query = query.vercel_token_by_last_use
  }
}

query "vercel_token_by_last_use" {
  title       = "Live tokens by last use"
  description = "Every live token with the days since its last use and its group, longest unused first."
  sql         = <<-EOQ
    ${local.vercel_token_facts_sql}
    select
      t.connection as "Connection",
      t.name as "Name",
      t.token_id as "Token ID",
      t.active_at as "Last used",
      case when t.active_at is not null then t.idle_days end as "Days since use",
      g.label as "Last use",
      t.created_at as "Created",
      t.expires_at as "Expires",
      t.type as "Type"
    from
      token t
      join grouping g on g.token_id = t.token_id and g.dimension = 'last_use'
    order by
      g.rank desc, t.idle_days desc, t.connection, t.name, t.token_id;
  EOQ

  param "evaluated_at" {
    default = var.evaluated_at
  }
  param "unused_days" {
    default = var.unused_days
  }
}
