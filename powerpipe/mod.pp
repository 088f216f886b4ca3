mod "vercel_token_compliance" {
  title       = "Vercel token compliance"
  description = "The token audit of steampipe-plugin-vercel as a Powerpipe benchmark: leaked, never-expiring, whole-account, unused, unrotated, long-lived and duplicate tokens, per token of every vercel connection."
  categories  = ["vercel", "security", "compliance"]
}
