// Command steampipe_export_vercel exports a table of the Vercel Steampipe
// plugin as CSV, JSON or JSON Lines, running the plugin in-process: no
// Steampipe installation or database needed. Run it with --help for usage.
package main

import "github.com/tokenaudit/steampipe-plugin-vercel/internal/cli"

func main() { cli.Main(run) }
