package main

import (
	"errors"
	"flag"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/cli"
	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

func TestFlagsMayFollowTheTable(t *testing.T) {
	opts, err := parseArgs([]string{
		"--output", "json", "vercel_user_token",
		"--select", "token_id, name", "--select=expires_at",
		"--where", "token_id = 'a'", "--limit", "7", "--config", `team = "acme"`,
	})
	require.NoError(t, err)
	assert.Equal(t, options{
		table:   "vercel_user_token",
		config:  `team = "acme"`,
		columns: []string{"token_id", "name", "expires_at"},
		equals:  map[string]string{"token_id": "a"},
		limit:   rowlimit.Rows(7),
		output:  "json",
	}, opts)
}

func TestDefaults(t *testing.T) {
	opts, err := parseArgs([]string{"vercel_user_token"})
	require.NoError(t, err)
	assert.Equal(t, options{table: "vercel_user_token", output: "csv"}, opts)
	assert.True(t, opts.query().Limit.IsNone())
}

func TestEverythingAfterDoubleDashIsPositional(t *testing.T) {
	_, err := parseArgs([]string{"--", "--limit"})
	require.NoError(t, err, "--limit is the table name here")

	_, err = parseArgs([]string{"t", "--", "--limit"})
	var usage cli.UsageError
	require.ErrorAs(t, err, &usage)
	assert.Contains(t, err.Error(), "got 2")
}

func TestHelpIsNotAnError(t *testing.T) {
	_, err := parseArgs([]string{"vercel_user_token", "--help"})
	assert.True(t, errors.Is(err, flag.ErrHelp))
}

func TestSelectRejectsDuplicates(t *testing.T) {
	_, err := parseArgs([]string{"t", "--select", "name,token_id", "--select", "name"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"name" given twice`)
}

func TestLimitMustBeZeroOrMore(t *testing.T) {
	for _, value := range []string{"-1", "-2", "x", "1.5", ""} {
		for _, args := range [][]string{{"t", "--limit", value}, {"t", "--limit=" + value}} {
			_, err := parseArgs(args)
			var usage cli.UsageError
			require.ErrorAs(t, err, &usage, "%q", args)
			assert.Contains(t, err.Error(), "want a number of rows, 0 or more", "%q", args)
		}
	}
	opts, err := parseArgs([]string{"t", "--limit", "0"})
	require.NoError(t, err)
	assert.Equal(t, rowlimit.Rows(0), opts.limit)
}
