# Generated from the controls and variables of internal/controls by
# powerpipe/generate: do not edit. Change the control files, then run
# go generate ./powerpipe/...

locals {
  # The controls' evaluation CTE. A query starting with it declares the
  # params $1 evaluated_at, $2 unused_days, in that order, before its own.
  vercel_token_evaluation_sql = <<-EOQ
    with evaluation as (
      select
        coalesce(nullif($1, '')::timestamptz, now()) as evaluation_time,
        case
          when $2::numeric between 0 and 2147483647 and $2::numeric = trunc($2::numeric) then $2::numeric::int
          else cast('--var unused_days=' || coalesce($2::numeric::text, 'null') || ': want a whole number of days, 0 or more' as int)
        end as unused_days
    )
  EOQ
}
