// Command steampipe_report_vercel audits Vercel tokens against the token
// benchmark (docs/compliance.md) and writes an action-ready report, running
// the plugin in-process: no Steampipe installation or database needed. Run
// it with --help for usage.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
)

func main() {
	inprocess.QuietLogsUnlessChosen()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
