package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/cli"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/controls"
)

// options is a parsed command line.
type options struct {
	config      string
	connections string
	output      string
	all         bool
	// results lists one row per control and token instead of the action
	// list in table, csv, markdown and html; all implies it.
	results bool
	// minSeverity leaves less severe findings out of table, markdown and
	// html; "" lists every severity.
	minSeverity severity
	failOn      severity
	failOnNew   bool
	exceptions  string
	baseline    string
	controls    string
	vars        map[string]int
	// at is the time the controls judge the tokens at, when atGiven;
	// otherwise they judge them now.
	at      time.Time
	atGiven bool
}

// parseArgs reads the command line. It returns flag.ErrHelp for --help and
// a cli.UsageError for anything wrong.
func parseArgs(args []string) (options, error) {
	var opts options
	var failOn, minSeverity, at string
	var settings cli.ListFlag
	fs := flag.NewFlagSet(commandName, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // run prints errors and usage itself
	fs.StringVar(&opts.config, "config", "", "")
	fs.StringVar(&opts.connections, "connections", "", "")
	fs.StringVar(&opts.output, "output", formats[0], "")
	fs.BoolVar(&opts.all, "all", false, "")
	fs.BoolVar(&opts.results, "results", false, "")
	fs.StringVar(&minSeverity, "min-severity", "", "")
	fs.StringVar(&failOn, "fail-on", "", "")
	fs.BoolVar(&opts.failOnNew, "fail-on-new", false, "")
	fs.StringVar(&opts.exceptions, "exceptions", "", "")
	fs.StringVar(&opts.baseline, "baseline", "", "")
	fs.StringVar(&opts.controls, "controls", "", "")
	fs.Var(&settings, "var", "")
	fs.StringVar(&at, "at", "", "")
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return options{}, err
	}
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err == nil {
		err = opts.complete(failOn, minSeverity, at, settings)
	}
	if err != nil {
		return options{}, cli.UsageError{Err: err}
	}
	return opts, nil
}

// complete checks and stores what the flag package cannot.
func (o *options) complete(failOn, minSeverity, at string, settings cli.ListFlag) error {
	if !slices.Contains(formats, o.output) {
		return fmt.Errorf("--output %q: want one of %s", o.output, strings.Join(formats, ", "))
	}
	if o.results && !slices.Contains(viewFormats, o.output) {
		return fmt.Errorf("--results is for %s; --output %s has no action list to replace", strings.Join(viewFormats, ", "), o.output)
	}
	// --all lists every result of a human format, so shows results.
	o.results = o.results || (o.all && slices.Contains(humanFormats, o.output))
	if minSeverity != "" {
		sev, err := controls.ParseSeverity(minSeverity)
		if err != nil {
			return fmt.Errorf("--min-severity: %w", err)
		}
		if !slices.Contains(humanFormats, o.output) {
			return fmt.Errorf("--min-severity is for %s; --output %s lists every result", strings.Join(humanFormats, ", "), o.output)
		}
		o.minSeverity = sev
	}
	if o.config != "" && o.connections != "" {
		return errors.New("--config and --connections: give one of them")
	}
	if failOn != "" {
		sev, err := controls.ParseSeverity(failOn)
		if err != nil {
			return fmt.Errorf("--fail-on: %w", err)
		}
		o.failOn = sev
	}
	if o.failOnNew && o.baseline == "" {
		return errors.New("--fail-on-new needs --baseline")
	}
	if at != "" {
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			return fmt.Errorf("--at %q: want an RFC 3339 time such as 2026-07-01T12:00:00Z", at)
		}
		o.at, o.atGiven = t.UTC(), true
	}
	vars, err := controls.Settings(settings)
	if err != nil {
		return err
	}
	o.vars = vars
	return nil
}

// failing tells whether an open alarm makes the run exit 1.
func (o options) failing(r result) bool {
	if !r.open() {
		return false
	}
	if o.failOnNew && r.Baseline != baselineNew {
		return false
	}
	switch {
	case o.failOn != "":
		return r.Severity.AtLeast(o.failOn)
	case o.failOnNew:
		return true
	}
	return false
}
