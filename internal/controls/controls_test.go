package controls

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/mattn/go-sqlite3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuiltinControlsInReportOrder(t *testing.T) {
	builtin, err := Load("")
	require.NoError(t, err)
	var ids []string
	for _, c := range builtin {
		ids = append(ids, c.ID)
		for _, d := range []Dialect{SQLite, PostgreSQL} {
			_, err := Rewrite(c.Query, d, func(name string) (string, error) { return name, nil })
			assert.NoError(t, err, "control %s, dialect %d", c.ID, d)
		}
	}
	assert.Equal(t, []string{
		"leaked", "no_expiry", "whole_account", "age", "integration_whole_account", "long_lived", "unused",
		"duplicate_name", "expired_not_revoked", "team_invalidated", "sudo_active",
	}, ids, "by severity, then id")
}

func TestParse(t *testing.T) {
	c, err := Parse("x", "-- title: T\n-- severity: info\n-- anchor: A: B\n-- remediation: R\nselect 1;\n")
	require.NoError(t, err)
	assert.Equal(t, Control{ID: "x", Title: "T", Severity: "info", Anchor: "A: B", Remediation: "R", Query: "select 1"}, c)

	_, err = Parse("x", "-- title: T\n-- severity: info\n-- anchor: A\nselect 1;\n")
	assert.ErrorContains(t, err, `missing header line "-- remediation: …"`)
	_, err = Parse("x", "-- title: T\n-- severity: urgent\n-- anchor: A\n-- remediation: R\nselect 1;\n")
	assert.ErrorContains(t, err, `severity "urgent": want one of critical, high, medium, low, info`)
	_, err = Parse("x", "-- title: T\n-- severity: low\n-- anchor: A\n-- remediation: R\n;\n")
	assert.ErrorContains(t, err, "no query after the header")
}

func TestLoadRefusesACallItCannotRewrite(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.sql"),
		[]byte("-- title: T\n-- severity: low\n-- anchor: A\n-- remediation: R\nselect whole_days(created_at) from vercel_user_token\n"), 0o600))
	_, err := Load(dir)
	assert.ErrorContains(t, err, "control file bad.sql: whole_days takes 2 arguments, got 1")

	_, err = Load(t.TempDir())
	assert.ErrorContains(t, err, "no control files (*.sql)")
}

func TestSettings(t *testing.T) {
	values, err := Settings([]string{"unused_days=45", " max_age_days = 0 "})
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"unused_days": 45, "max_age_days": 0, "max_lifetime_days": 365}, values)
	for setting, want := range map[string]string{
		"unused_days=-1":   `--var "unused_days=-1": want a whole number of days, 0 or more`,
		"unused_days=89.5": `want a whole number of days, 0 or more`,
		"unused_days":      `want name=value`,
		"unused=3":         `unknown variable "unused"; known: unused_days, max_age_days, max_lifetime_days`,
	} {
		_, err := Settings([]string{setting})
		assert.ErrorContains(t, err, want, setting)
	}
}

// TestRewriteLeavesLiteralsCommentsAndOtherCallsAlone: only calls of the
// helpers change, in either dialect; in PostgreSQL a literal beside || is
// typed text.
func TestRewriteLeavesLiteralsCommentsAndOtherCallsAlone(t *testing.T) {
	for _, query := range []string{
		"select 'whole_days(a, b)'",
		"select 'it''s whole_days(a, b)'",
		`select "whole_days(a, b)"`,
		"-- whole_days(a, b)\nselect 1",
		"/* whole_days(a, b) */ select 1",
		"select my_whole_days(a, b), t.date(x), x::int",
	} {
		got, err := Rewrite(query, SQLite, nil)
		require.NoError(t, err)
		assert.Equal(t, query, got)
	}
	got, err := Rewrite("select 'x', WHOLE_DAYS ( coalesce(a, ')', b) , :now) -- it's", SQLite, nil)
	require.NoError(t, err)
	assert.Equal(t, "select 'x', ((cast(round((julianday((:now)) - julianday((coalesce(a, ')', b)))) * 86400000) as integer) + 864000000000000) / 86400000 - 10000000) -- it's", got)

	got, err = Rewrite("'on ' || date(t.revoked_at) || 'x', 'y'", PostgreSQL, nil)
	require.NoError(t, err)
	assert.Equal(t, "'on '::text || to_char(t.revoked_at at time zone 'UTC', 'YYYY-MM-DD') || 'x'::text, 'y'", got)

	for query, want := range map[string]string{
		"select whole_days(a)":   "whole_days takes 2 arguments, got 1",
		"select whole_days(a, b": "no closing parenthesis",
	} {
		_, err := Rewrite(query, SQLite, nil)
		assert.ErrorContains(t, err, want, query)
	}
}

// TestWholeDaysInSQLite checks SQLite's definition on the edges where a
// rounding slip would show: exactly a whole number of days, a millisecond
// either side, backwards, across a time zone offset, and NULL.
func TestWholeDaysInSQLite(t *testing.T) {
	db := openSQLite(t)
	query, err := Rewrite("select whole_days(:a, :b)", SQLite, nil)
	require.NoError(t, err)
	const now = "2026-07-01T12:00:00.000Z"
	for _, c := range []struct {
		from, to any
		want     sql.NullInt64
	}{
		{"2026-04-02T12:00:00.000Z", now, days(90)},
		{"2026-04-02T12:00:00.001Z", now, days(89)},
		{"2026-04-02T11:59:59.999Z", now, days(90)},
		{now, "2026-04-02T12:00:00.000Z", days(-90)},
		{now, "2026-04-02T12:00:00.001Z", days(-90)},
		{now, "2026-04-02T11:59:59.999Z", days(-91)},
		{now, "2026-07-01T11:59:59.999Z", days(-1)},
		{now, now, days(0)},
		{"2020-02-29T00:00:00.000Z", now, days(2314)},
		{"2026-06-30T14:00:00.000+02:00", now, days(1)},
		{"2026-06-30T14:00:00.001+02:00", now, days(0)},
		{"1900-01-01T00:00:00.000Z", now, days(46202)},
		{nil, now, sql.NullInt64{}},
		{now, nil, sql.NullInt64{}},
	} {
		var got sql.NullInt64
		require.NoError(t, db.QueryRow(query, sql.Named("a", c.from), sql.Named("b", c.to)).Scan(&got))
		assert.Equal(t, c.want, got, "whole_days(%v, %v)", c.from, c.to)
	}
}

func days(n int64) sql.NullInt64 { return sql.NullInt64{Int64: n, Valid: true} }

// TestHasScopeTypeInSQLite checks SQLite's definition against what
// PostgreSQL's @> gives.
func TestHasScopeTypeInSQLite(t *testing.T) {
	db := openSQLite(t)
	query, err := Rewrite("select has_scope_type(:types, 'user')", SQLite, nil)
	require.NoError(t, err)
	yes, no := sql.NullBool{Bool: true, Valid: true}, sql.NullBool{Valid: true}
	for types, want := range map[any]sql.NullBool{
		nil: {}, "[]": no, `["user"]`: yes, `["team"]`: no, `["team","user"]`: yes, `["users"]`: no,
		`["user", 1]`: yes, `[1]`: no, `"user"`: no, `{"a":"user"}`: no,
	} {
		var got sql.NullBool
		require.NoError(t, db.QueryRow(query, sql.Named("types", types)).Scan(&got))
		assert.Equal(t, want, got, "has_scope_type(%v, 'user')", types)
	}
	var got sql.NullBool
	assert.ErrorContains(t, db.QueryRow(query, sql.Named("types", "not json")).Scan(&got), "malformed JSON")
}

func openSQLite(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", ":memory:")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}
