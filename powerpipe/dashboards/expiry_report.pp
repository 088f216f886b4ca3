dashboard "vercel_token_expiry_report" {
  title       = "Vercel Token Expiry Report"
  description = "The tokens grouped by the days left until they expire: those that never expire, those about to, and those Vercel still lists after they expired."

  tags = {
    service  = "Vercel/UserToken"
    type     = "Report"
    category = "Expiry"
  }

  container {
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "expiry", group = "Never expires" }
      width = 2
    }
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "expiry", group = "Expired, not revoked" }
      width = 2
    }
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "expiry", group = "< 7 days" }
      width = 2
    }
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "expiry", group = "7–29 days" }
      width = 2
    }
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "expiry", group = "30–89 days" }
      width = 2
    }
    card {
      query = query.vercel_token_group_count
      args  = { dimension = "expiry", group = "90 days or more" }
      width = 2
    }
  }

  table {
    title = "Tokens by days to expiry"
    query = query.vercel_token_by_expiry
  }
}

query "vercel_token_by_expiry" {
  title       = "Tokens by days to expiry"
  description = "Every token that is not revoked with its expiry, the whole days left and its group: those that never expire first, then the soonest to expire."
  sql         = <<-EOQ
    ${local.vercel_token_facts_sql}
    select
      t.connection as "Connection",
      t.name as "Name",
      t.token_id as "Token ID",
      t.expires_at as "Expires",
      t.expiry_days as "Days to expiry",
      g.label as "Expiry",
      t.active_at as "Last used",
      t.type as "Type"
    from
      token t
      join grouping g on g.token_id = t.token_id and g.dimension = 'expiry'
    order by
      g.rank = 100000 desc, t.expires_at, t.connection, t.name, t.token_id;
  EOQ

  param "evaluated_at" {
    default = var.evaluated_at
  }
  param "unused_days" {
    default = var.unused_days
  }
}
