package main

import (
	"database/sql"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInlinedWholeDaysEqualsTheGoFunction runs whole_days both ways in
// SQLite, on the edges where a rounding slip would show: exactly a whole
// number of days, a millisecond either side, backwards, across a time
// zone offset, and NULL.
func TestInlinedWholeDaysEqualsTheGoFunction(t *testing.T) {
	db, err := sql.Open(driverName, ":memory:")
	require.NoError(t, err)
	defer db.Close()
	inlined := inlineFunctions("select whole_days(:a, :b)")
	require.NotContains(t, inlined, "whole_days", "the call was not inlined")

	const now = "2026-07-01T12:00:00.000Z"
	pairs := [][2]any{
		{"2026-04-02T12:00:00.000Z", now},      // exactly 90 days
		{"2026-04-02T12:00:00.001Z", now},      // 1 ms short of 90 days
		{"2026-04-02T11:59:59.999Z", now},      // 1 ms over 90 days
		{now, "2026-04-02T12:00:00.000Z"},      // -90 days
		{now, "2026-04-02T12:00:00.001Z"},      // 1 ms short of -90 days: -90
		{now, "2026-04-02T11:59:59.999Z"},      // 1 ms past -90 days: -91
		{now, "2026-07-01T11:59:59.999Z"},      // -1 ms: -1
		{now, now},                             // 0
		{"2020-02-29T00:00:00.000Z", now},      // years, a leap day
		{"2026-06-30T14:00:00.000+02:00", now}, // an offset: 1 day exactly
		{"2026-06-30T14:00:00.001+02:00", now}, // an offset: 0 days
		{"1900-01-01T00:00:00.000Z", now},      // 126 years
		{nil, now},
		{now, nil},
	}
	for _, p := range pairs {
		var want, got sql.NullInt64
		require.NoError(t, db.QueryRow("select whole_days(:a, :b)", sql.Named("a", p[0]), sql.Named("b", p[1])).Scan(&want))
		require.NoError(t, db.QueryRow(inlined, sql.Named("a", p[0]), sql.Named("b", p[1])).Scan(&got))
		assert.Equal(t, want, got, "whole_days(%v, %v)", p[0], p[1])
	}
}

// TestInlinedHasScopeTypeEqualsTheGoFunction compares both ways on the
// table's values, and checks that what the Go function rejects is still
// rejected.
func TestInlinedHasScopeTypeEqualsTheGoFunction(t *testing.T) {
	db, err := sql.Open(driverName, ":memory:")
	require.NoError(t, err)
	defer db.Close()
	inlined := inlineFunctions("select has_scope_type(:types, :type)")
	require.NotContains(t, strings.TrimSuffix(inlined, "else has_scope_type((:types), (:type)) end)"), "has_scope_type", "the call was not inlined")

	for _, types := range []any{nil, "[]", `["user"]`, `["team"]`, `["team","user"]`, `["users"]`} {
		var want, got sql.NullBool
		require.NoError(t, db.QueryRow("select has_scope_type(:types, 'user')", sql.Named("types", types)).Scan(&want))
		require.NoError(t, db.QueryRow(inlined, sql.Named("types", types), sql.Named("type", "user")).Scan(&got))
		assert.Equal(t, want, got, "has_scope_type(%v, 'user')", types)
	}
	for _, types := range []string{`"user"`, `{"a":"user"}`, `[1]`, `["user", 1]`, `not json`} {
		var got sql.NullBool
		err := db.QueryRow(inlined, sql.Named("types", types), sql.Named("type", "user")).Scan(&got)
		assert.Error(t, err, "has_scope_type(%s, 'user') gave %v", types, got)
	}
}

func TestInliningLeavesLiteralsCommentsAndOtherCallsAlone(t *testing.T) {
	for _, sql := range []string{
		"select 'whole_days(a, b)'",
		"select 'it''s whole_days(a, b)'",
		`select "whole_days(a, b)"`,
		"-- whole_days(a, b)\nselect 1",
		"/* whole_days(a, b) */ select 1",
		"select my_whole_days(a, b)",
		"select whole_days(a)",   // not two arguments: the Go function says so
		"select whole_days(a, b", // no closing parenthesis: SQLite says so
	} {
		assert.Equal(t, sql, inlineFunctions(sql))
	}
	assert.Equal(t,
		"select 'x', ((cast(round((julianday((:now)) - julianday((coalesce(a, ')', b)))) * 86400000) as integer) + 864000000000000) / 86400000 - 10000000) -- it's",
		inlineFunctions("select 'x', WHOLE_DAYS ( coalesce(a, ')', b) , :now) -- it's"))
}

// TestEveryBuiltInCallIsInlined keeps the built-in controls on the fast
// path: a call the rewrite misses would still work, more slowly.
func TestEveryBuiltInCallIsInlined(t *testing.T) {
	controls, err := loadControls("")
	require.NoError(t, err)
	fallback := regexp.MustCompile(`else has_scope_type\(\([^()]*\), \([^()]*\)\) end\)`)
	for _, c := range controls {
		assert.NotContains(t, c.SQL, "whole_days", "control %s", c.ID)
		assert.NotContains(t, fallback.ReplaceAllString(c.SQL, ""), "has_scope_type", "control %s", c.ID)
	}
}
