// Package cli is what the project's in-process commands (the exporter and
// the report) share: how they start and stop, and how they read and report
// their command lines.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
)

// Main runs a command's run function with the process's arguments and
// standard streams, cancelled by Ctrl-C or SIGTERM, and exits with the
// status run returns.
func Main(run func(ctx context.Context, args []string, stdout, stderr io.Writer) int) {
	inprocess.QuietLogsUnlessChosen()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses both commands give: 0 when all went well, 2 for a wrong
// command line.
const (
	ExitOK    = 0
	ExitUsage = 2
)

// ParseArgs reads args with parse. For --help it prints usage on stdout and
// returns ExitOK; for a wrong command line, the error (control characters
// shown as escapes) and usage on stderr, and returns ExitUsage. done says
// whether the command ends there.
func ParseArgs[O any](args []string, parse func([]string) (O, error), usage func() string, stdout, stderr io.Writer) (opts O, code int, done bool) {
	opts, err := parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage())
		return opts, ExitOK, true
	}
	if err != nil {
		fmt.Fprintf(stderr, "Error: %s\n\n%s", display.Terminal(err.Error()), usage())
		return opts, ExitUsage, true
	}
	return opts, ExitOK, false
}

// UsageError is a wrong command line: the commands exit with status 2.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

// ListFlag collects every value of a flag given more than once.
type ListFlag []string

func (l *ListFlag) String() string { return strings.Join(*l, " ") }

func (l *ListFlag) Set(value string) error {
	*l = append(*l, value)
	return nil
}
