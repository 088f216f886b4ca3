// Command steampipe_report_vercel audits Vercel tokens against the token
// benchmark (docs/compliance.md) and writes an action-ready report, running
// the plugin in-process: no Steampipe installation or database needed. Run
// it with --help for usage.
package main

import "github.com/tokenaudit/steampipe-plugin-vercel/internal/cli"

func main() { cli.Main(run) }
