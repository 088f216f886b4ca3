package controls

import "strings"

// Dialect is a dialect of SQL the controls run in.
type Dialect int

const (
	// SQLite is the report's (and the control files' own) dialect.
	SQLite Dialect = iota
	// PostgreSQL is the Powerpipe mod's, over Steampipe or the extension.
	PostgreSQL
)

// Function is a function the controls call beyond standard SQL, defined
// for each dialect as an expression of its arguments, %[1]s, %[2]s, …
// (Rewrite puts each in parentheses unless it is a column, a literal or
// parenthesised whole). Rewrite writes each call as its definition, so
// nothing is registered in either database.
type Function struct {
	Name    string
	Arity   int
	Meaning string
	SQLite  string
	// PostgreSQL reads the plugin's columns as PostgreSQL types them:
	// timestamptz and jsonb.
	PostgreSQL string
}

// Functions are the helpers a control may call.
var Functions = []Function{
	{
		Name: "whole_days", Arity: 2,
		Meaning: "whole days from the first timestamp to the second, rounded down (negative when the second comes first); NULL when either is NULL",
		// The milliseconds between the two timestamps (exact: the table's
		// timestamps have millisecond digits, and a julianday's rounding
		// error is far below half a millisecond), divided into whole days
		// rounded down, which SQLite's integer division does for a
		// non-negative number only, hence the offset of ten million days.
		SQLite:     "((cast(round((julianday(%[2]s) - julianday(%[1]s)) * 86400000) as integer) + 864000000000000) / 86400000 - 10000000)",
		PostgreSQL: "floor((extract(epoch from %[2]s) - extract(epoch from %[1]s)) / 86400)::int",
	},
	{
		Name: "has_scope_type", Arity: 2,
		Meaning: "the JSON array of the first argument (scope_types, team_ids) holds the second; NULL when the array is NULL",
		// Like @> in PostgreSQL: an array holding the text, not a JSON
		// scalar or object; text that is not JSON is an error.
		SQLite:     "(case when %[1]s is null then null else json_type(%[1]s) = 'array' and exists (select 1 from json_each(%[1]s) where type = 'text' and value = %[2]s) end)",
		PostgreSQL: "(%[1]s @> jsonb_build_array(%[2]s))",
	},
	{
		Name: "date", Arity: 1,
		Meaning: "the day of a timestamp in UTC, YYYY-MM-DD",
		SQLite:  "date(%[1]s)",
		// Whatever the session's TimeZone.
		PostgreSQL: "to_char(%[1]s at time zone 'UTC', 'YYYY-MM-DD')",
	},
}

// definition is f in dialect d.
func (f Function) definition(d Dialect) string {
	if d == PostgreSQL {
		return f.PostgreSQL
	}
	return f.SQLite
}

// function finds a helper by name, in any case.
func function(name string) (Function, bool) {
	for _, f := range Functions {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return Function{}, false
}
