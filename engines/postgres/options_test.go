package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// CREATE SERVER, ALTER SERVER and CREATE USER MAPPING check their options
// at once, with the plugin's own config checks: a mistake fails the
// statement, not the first query, and the server keeps working with the
// options it had.
func TestOptionsAreCheckedWhenTheyAreSet(t *testing.T) {
	a := startAPI(t, 3, 1)
	db := newDatabase(t, a.HCL())
	const password = "s3cretpass"
	for _, tc := range []struct {
		name, config, message string
	}{
		{"unknown field", `tema = "acme"`, `An argument named "tema" is not expected here`},
		{"invalid HCL", `team = "acme`, "line 1, column"},
		{"unquoted value", `team = acme`, "the value of team must be a literal; quote strings"},
		{"a number for a string", `team = 12`, "team must be a quoted string"},
		{"plain http to another host", `base_url = "http://api.example.com"`, "https"},
		{"credentials in base_url", `base_url = "https://user:` + password + `@api.example.com"`, "https://[REDACTED]@api.example.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, statement := range []string{
				"create server other foreign data wrapper steampipe_postgres_vercel options (config %s);",
				"alter server vercel options (set config %s);",
			} {
				stdout, stderr := db.run(fmt.Sprintf(statement, sqlString(tc.config)) + "\nselect count(*) from vercel_user_token;")
				assert.Contains(t, stderr, "ERROR:  22023: invalid connection config", statement)
				assert.Contains(t, stderr, tc.message, statement)
				assert.Contains(t, stderr, "HINT:  config is the body of a Steampipe connection block", statement)
				assert.NotContains(t, stderr, password, "the password in base_url is in the error")
				assert.Equal(t, "3\n", stdout, "the server lost its working config")
			}
			assert.Equal(t, "0\n", db.mustExec("select count(*) from pg_foreign_server where srvname = 'other';"))
		})
	}
	longToken := strings.Repeat("t0ken", 500)
	for _, tc := range []struct{ name, token, message string }{
		{"empty api_token", "", "api_token is empty"},
		{"blank api_token", "  ", "api_token is empty"},
		{"absurd api_token", longToken, "2500 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr := db.run(fmt.Sprintf("create user mapping for current_user server vercel options (api_token %s);", sqlString(tc.token)))
			assert.Contains(t, stderr, "ERROR:  22023: ")
			assert.Contains(t, stderr, tc.message)
			assert.NotContains(t, stderr, "t0kent0ken", "the token is in the error")
			assert.Equal(t, "0\n", db.mustExec("select count(*) from pg_user_mappings where srvname = 'vercel';"))
		})
	}
	// Valid options are taken, a config without a token among them.
	db.mustExec(fmt.Sprintf(`create server other foreign data wrapper steampipe_postgres_vercel options (config 'team = "acme"');
create user mapping for current_user server vercel options (api_token %s);`, sqlString(a.Secret)))
}

// A misspelled remote schema gets a hint naming the schema there is.
func TestImportOfAnUnknownSchemaNamesTheSchema(t *testing.T) {
	a := startAPI(t, 3, 1)
	db := newDatabase(t, a.HCL())
	_, stderr := db.run("import foreign schema vercle from server vercel into public;")
	assert.Contains(t, stderr, `ERROR:  HV00Q: the plugin has no schema "vercle"`)
	assert.Contains(t, stderr, `HINT:  The server has one schema, vercel: IMPORT FOREIGN SCHEMA vercel FROM SERVER "vercel" INTO …;`)
	assert.NotContains(t, stderr, "Try again later")
}
