package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/controls"
)

// TestCommittedModIsGenerated fails when the mod's committed files are not
// what the benchmark's controls and variables make: the mod is never a
// second copy that drifts.
func TestCommittedModIsGenerated(t *testing.T) {
	files, err := generate()
	require.NoError(t, err)
	require.Len(t, files, 3)
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", name))
		require.NoError(t, err)
		assert.True(t, string(got) == want, "powerpipe/%s is not what the report's controls make: run go generate ./powerpipe/...", name)
	}
}

func TestTranslate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"whole_days(created_at, :now) > :max_age_days",
			"floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from created_at)) / 86400)::int > (select max_age_days from evaluation)"},
		{"whole_days(coalesce(active_at, created_at), :now) >= :unused_days",
			"floor((extract(epoch from (select evaluation_time from evaluation)) - extract(epoch from (coalesce(active_at, created_at)))) / 86400)::int >= (select unused_days from evaluation)"},
		{"has_scope_type(scope_types, 'user')", "(scope_types @> jsonb_build_array('user'))"},
		{"'on ' || date(t.revoked_at)", "'on '::text || to_char(t.revoked_at at time zone 'UTC', 'YYYY-MM-DD')"},
		{"'scoped to ' || scope_types", "'scoped to '::text || scope_types"},
		{"scopes = '[]'", "scopes = '[]'"},
		{"x::int, 'a :now date(x)' -- :now date(y)\n", "x::int, 'a :now date(x)' -- :now date(y)\n"},
		{"t.date(x), update_date (x)", "t.date(x), update_date (x)"},
		{":unused_days + :max_age_days + :unused_days", "(select unused_days from evaluation) + (select max_age_days from evaluation) + (select unused_days from evaluation)"},
	} {
		tr := translator{control: "c"}
		got, err := tr.translate(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}

// TestVariablesBindInOrderOfFirstUse: the evaluation CTE binds $2, $3, … to
// the variables in the order the control's param blocks list them.
func TestVariablesBindInOrderOfFirstUse(t *testing.T) {
	c := controls.Control{ID: "c", Query: "select :max_age_days, :unused_days, :max_age_days, :now"}
	mc, err := toPostgres(c)
	require.NoError(t, err)
	assert.Equal(t, []string{"max_age_days", "unused_days"}, mc.Params)
	assert.Contains(t, mc.SQL, "when $2::numeric between 0 and 2147483647 and $2::numeric = trunc($2::numeric) then $2::numeric::int")
	assert.Contains(t, mc.SQL, "end as max_age_days,\n")
	assert.Contains(t, mc.SQL, "'--var unused_days=' || coalesce($3::numeric::text, 'null')")
}

func TestTranslateRefusesWhatItCannotBind(t *testing.T) {
	for in, want := range map[string]string{
		"x > :missing_days":      "control c uses :missing_days, which is not one of the report's variables",
		"whole_days(created_at)": "whole_days takes 2 arguments, got 1",
		"has_scope_type(s, 'a'":  "no closing parenthesis",
		"date(a, b) is not null": "date takes 1 arguments, got 2",
	} {
		tr := translator{control: "c"}
		_, err := tr.translate(in)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), want, in)
	}
}

func TestHCLStringEscapes(t *testing.T) {
	assert.Equal(t, `"a \"b\" \\ $${c} %%{d}\n"`, hclString("a \"b\" \\ ${c} %{d}\n"))
}
