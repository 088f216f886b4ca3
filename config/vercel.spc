connection "vercel" {
  plugin = "local/vercel"

  # Every field is a quoted string: api_token = 12345 or api_token = true is
  # refused, so write api_token = "12345".

  # api_token (required): a Vercel API token. The plugin reads the
  # authentication tokens of the user who owns this token. Create one at
  # https://vercel.com/account/tokens.
  # If api_token is not set here, the plugin reads the VERCEL_API_TOKEN
  # environment variable. A value set here wins over the environment.
  # If neither is set, every query fails with an error that names both places.
  # api_token = "..."

  # team (optional): the team context sent with every request. A value that
  # starts with "team_" is sent as a team id (teamId), any other value as a
  # team slug (slug).
  # Tokens belong to the user, so the same tokens are listed with or without
  # a team. The team context only matters for a token whose access depends on
  # it. If the token cannot reach the team, queries fail with a 403 error that
  # names the team.
  # If team is not set here, the plugin reads the VERCEL_TEAM environment
  # variable. A value set here wins over the environment.
  # team = "my-team"

  # base_url (optional): the address of the Vercel API.
  # Default: "https://api.vercel.com". Change it only for a proxy, a
  # Vercel-compatible gateway or tests. It must start with https://; plain
  # http:// is accepted only for loopback hosts (127.0.0.0/8, localhost,
  # [::1]), so the token never crosses a network unencrypted.
  # If base_url is not set here, the plugin reads the VERCEL_BASE_URL
  # environment variable, under the same rule. A value set here wins.
  # base_url = "https://api.vercel.com"
}

# A second connection, for example with a team context. Each connection is a
# schema in Steampipe: query it as vercel_acme.vercel_user_token.
# connection "vercel_acme" {
#   plugin    = "local/vercel"
#   api_token = "..."
#   team      = "team_1a2b3c4d5e6f7g8h9i0j1k2l"
# }

# Client-side rate limiting. The plugin has a built-in limiter named
# "vercel_api" (fill_rate = 10, bucket_size = 50, no scope: one bucket shared
# by every connection of the plugin). Every read request to the Vercel API
# waits for it (revocations and creations in PostgreSQL and SQLite do not).
# A limiter block with the same name overrides it:
#   fill_rate       - requests allowed per second, on average
#   bucket_size     - the largest burst of requests
#   max_concurrency - the most list and get calls running at the same time
#   scope           - e.g. ["connection"] to give each connection its own bucket
#   where           - apply the limiter only to some scope values,
#                     e.g. "connection = 'vercel_acme'" (needs a scope)
# Steampipe reads plugin blocks from any .spc file in ~/.steampipe/config.
# plugin "local/vercel" {
#   limiter "vercel_api" {
#     fill_rate   = 5
#     bucket_size = 10
#   }
# }
