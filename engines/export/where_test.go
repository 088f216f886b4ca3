package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseWhereAccepts(t *testing.T) {
	cases := map[string][2]string{
		"token_id = 'abc'":        {"token_id", "abc"},
		"token_id='abc'":          {"token_id", "abc"},
		`  token_id  =  "abc"  `:  {"token_id", "abc"},
		"token_id = abc":          {"token_id", "abc"},
		"token_id = 'it''s'":      {"token_id", "it's"},
		`token_id = "say ""hi"""`: {"token_id", `say "hi"`},
		"token_id = ''":           {"token_id", ""},
		"token_id = 'a = b'":      {"token_id", "a = b"},
		"_x9 = '1'":               {"_x9", "1"},
	}
	for where, want := range cases {
		column, value, err := parseWhere(where)
		if assert.NoError(t, err, where) {
			assert.Equal(t, want, [2]string{column, value}, where)
		}
	}
}

func TestParseWhereRejects(t *testing.T) {
	for _, where := range []string{
		"",
		"token_id",
		"token_id = ",
		"token_id != 'a'",
		"token_id <> 'a'",
		"token_id >= 'a'",
		"token_id == 'a'",
		"token_id = 'a' and name = 'b'",
		"token_id = 'a",
		"token_id = a b",
		"token_id in ('a')",
		"token_id like 'a%'",
		"'a' = token_id",
		"lower(token_id) = 'a'",
		"token_id = 'a' 'b'",
	} {
		_, _, err := parseWhere(where)
		if assert.Error(t, err, where) {
			assert.Contains(t, err.Error(), "only key-column equality", where)
		}
	}
}

func TestParseWheresAndsFilters(t *testing.T) {
	equals, err := parseWheres([]string{"token_id = 'a'", "sp_connection_name = 'vercel'", "token_id = \"a\""})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"token_id": "a", "sp_connection_name": "vercel"}, equals)

	_, err = parseWheres([]string{"token_id = 'a'", "token_id = 'b'"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot equal both")

	equals, err = parseWheres(nil)
	assert.NoError(t, err)
	assert.Nil(t, equals)
}
