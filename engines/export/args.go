package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/cli"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// options is a parsed command line.
type options struct {
	table   string
	config  string
	columns []string
	equals  map[string]string
	limit   rowlimit.Limit
	output  string
}

// query is the scan the options ask for.
func (o options) query() sdkquery.Query {
	return sdkquery.Query{Table: o.table, Columns: o.columns, Equals: o.equals, Limit: o.limit}
}

// parseArgs reads the command line. It returns flag.ErrHelp for --help and
// a cli.UsageError for anything wrong.
func parseArgs(args []string) (options, error) {
	var opts options
	var selects, wheres cli.ListFlag
	fs := flag.NewFlagSet(commandName, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // run prints errors and usage itself
	fs.StringVar(&opts.config, "config", "", "")
	fs.Var(&selects, "select", "")
	fs.Var(&wheres, "where", "")
	fs.Func("limit", "", func(value string) error {
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil || n < 0 {
			return errors.New("want a number of rows, 0 or more (leave --limit out to export every row)")
		}
		opts.limit = rowlimit.Rows(n)
		return nil
	})
	fs.StringVar(&opts.output, "output", "csv", "")

	positional, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return options{}, err
	}
	if err != nil {
		return options{}, cli.UsageError{Err: err}
	}
	if err := opts.complete(positional, selects, wheres); err != nil {
		return options{}, cli.UsageError{Err: err}
	}
	return opts, nil
}

// parseInterspersed parses flags that may come before or after positional
// arguments (the standard flag package stops at the first positional one),
// and returns the positional arguments. Everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// complete checks and stores what the flag package cannot.
func (o *options) complete(positional []string, selects, wheres cli.ListFlag) error {
	switch len(positional) {
	case 0:
		return errors.New("missing TABLE_NAME")
	case 1:
		o.table = positional[0]
	default:
		return fmt.Errorf("one TABLE_NAME expected, got %d: %s", len(positional), strings.Join(positional, " "))
	}
	if !slices.Contains(outputFormats(), o.output) {
		return fmt.Errorf("--output %q: want one of %s", o.output, strings.Join(outputFormats(), ", "))
	}
	columns, err := selectedColumns(selects)
	if err != nil {
		return err
	}
	o.columns = columns
	equals, err := parseWheres(wheres)
	if err != nil {
		return err
	}
	o.equals = equals
	return nil
}

// selectedColumns splits --select values on commas.
func selectedColumns(selects cli.ListFlag) ([]string, error) {
	var columns []string
	for _, value := range selects {
		for _, column := range strings.Split(value, ",") {
			column = strings.TrimSpace(column)
			if column == "" {
				return nil, fmt.Errorf("--select %q: empty column name", value)
			}
			if slices.Contains(columns, column) {
				return nil, fmt.Errorf("--select: column %q given twice", column)
			}
			columns = append(columns, column)
		}
	}
	return columns, nil
}
