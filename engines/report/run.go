package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/cli"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/controls"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

// Exit statuses.
const (
	exitOK         = cli.ExitOK
	exitFindings   = 1
	exitUsage      = cli.ExitUsage
	exitIncomplete = 3
)

// run is the whole command: it parses args, writes the report to stdout and
// messages to stderr, and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts, code, done := cli.ParseArgs(args, parseArgs, usage, stdout, stderr)
	if done {
		return code
	}
	r, err := audit(ctx, opts, stderr)
	var usageErr cli.UsageError
	switch {
	case errors.As(err, &usageErr):
		fmt.Fprintf(stderr, "Error: %s\n", display.Terminal(err.Error()))
		return exitUsage
	case misconfigured(err):
		fmt.Fprintf(stderr, "Error: a connection's configuration is wrong, no report written: %s\n", display.Terminal(err.Error()))
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "Error: the audit is incomplete, no report written: %s\n", display.Terminal(err.Error()))
		return exitIncomplete
	}
	defer r.Close()
	for _, e := range r.StaleExceptions {
		fmt.Fprintf(stderr, "Warning: the exception for token %s and control %s names no audited token: remove it from %s\n",
			display.Terminal(e.TokenID), display.Terminal(e.Control), display.Terminal(opts.exceptions))
	}
	if err := writeReport(stdout, opts.output, r, view{results: opts.results, all: opts.all}); err != nil {
		fmt.Fprintf(stderr, "Error: %s\n", display.Terminal(err.Error()))
		return exitIncomplete
	}
	if r.failing {
		return exitFindings
	}
	return exitOK
}

// misconfigured tells whether err is a connection's configuration: an
// invalid config, no token, a token Vercel refuses or whose scope does not
// reach what it must read. A person must fix it; running again will not
// help. (The exporter draws the same line.)
func misconfigured(err error) bool {
	switch errkind.Of(err) {
	case errkind.BadConfig, errkind.Unauthorized, errkind.Forbidden:
		return true
	}
	return false
}

// auditInputs are the files and settings the command line names.
type auditInputs struct {
	benchmark  []control
	conns      []connection
	exceptions []exception
	// previous are the baseline's alarms.
	previous []result
	now      time.Time
}

// inputs reads what the command line names. Problems come back as
// cli.UsageError.
func (o options) inputs(ctx context.Context) (in auditInputs, err error) {
	if in.benchmark, err = controls.Load(o.controls); err != nil {
		return in, cli.UsageError{Err: err}
	}
	if in.conns, err = o.connectionList(ctx); err != nil {
		return in, inputError(ctx, err)
	}
	if o.exceptions != "" {
		if in.exceptions, err = loadExceptions(ctx, o.exceptions, in.benchmark); err != nil {
			return in, inputError(ctx, fmt.Errorf("exceptions file: %w", err))
		}
	}
	if o.baseline != "" {
		if in.previous, err = loadBaseline(ctx, o.baseline); err != nil {
			return in, inputError(ctx, fmt.Errorf("baseline: %w", err))
		}
	}
	in.now = o.at
	if !o.atGiven {
		in.now = time.Now().UTC()
	}
	return in, nil
}

// audit reads the tokens, runs the controls and applies exceptions and
// baseline. Configuration problems come back as cli.UsageError.
func audit(ctx context.Context, opts options, stderr io.Writer) (r *report, err error) {
	in, err := opts.inputs(ctx)
	if err != nil {
		return nil, err
	}
	ev, err := openEvaluation(ctx, in.benchmark, in.now, opts.vars)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			ev.Close()
		}
	}()
	progress := startProgress(stderr, in.conns)
	inv := newInventory()
	read, err := readConnections(ctx, in.conns, progress, func(ctx context.Context, batch rowBatch) error {
		inv.add(batch)
		return ev.load(ctx, batch)
	})
	progress.Stop()
	if err != nil {
		return nil, err
	}
	if err := ev.evaluate(ctx); err != nil {
		return nil, err
	}
	marks := &resultMarks{exceptions: in.exceptions, now: in.now}
	if opts.baseline != "" {
		marks.baseline = newBaselineAlarms(in.previous)
	}
	r = newReport(in.now, opts.vars, in.benchmark, read)
	r.read = func(order string) iter.Seq2[result, error] { return marks.marked(ev.results(ctx, order)) }
	r.close = ev.Close
	r.minSeverity = opts.minSeverity
	r.hasBaseline = opts.baseline != ""
	// The counts by status from SQLite, then one pass over the alarms and
	// info, token by token: what exceptions and the baseline count, the
	// exit status, the baseline's alarms still open and the action list.
	byControl, err := ev.statusCounts(ctx)
	if err != nil {
		return nil, err
	}
	stillOpen := map[findingKey]bool{}
	counted := r.counting(byControl, r.read(findingsByToken), func(res result) {
		r.failing = r.failing || opts.failing(res)
		if res.Baseline == baselineStillOpen {
			stillOpen[res.key()] = true
		}
	})
	if r.Actions, err = buildActions(counted, inv, in.now); err != nil {
		return nil, err
	}
	if r.StaleExceptions, err = staleExceptions(in.exceptions, func(tokenID, connection string) (bool, error) {
		return ev.hasToken(ctx, tokenID, connection)
	}); err != nil {
		return nil, err
	}
	if r.hasBaseline {
		r.Resolved = resolvedAlarms(in.previous, stillOpen)
		r.Counts["resolved"] = len(r.Resolved)
	}
	return r, nil
}

// inputError is a file of the command line that could not be read: a
// usage error, unless the run was cancelled while reading it.
func inputError(ctx context.Context, err error) error {
	if context.Cause(ctx) != nil {
		return err
	}
	return cli.UsageError{Err: err}
}

// connectionList is who is audited: the connections of --connections, or
// one connection from --config and the environment.
func (o options) connectionList(ctx context.Context) ([]connection, error) {
	if o.connections != "" {
		conns, err := connectionsFromSPC(ctx, o.connections)
		if err != nil {
			return nil, fmt.Errorf("--connections: %w", err)
		}
		return conns, nil
	}
	return []connection{{Name: defaultConnection, HCL: o.config}}, nil
}
