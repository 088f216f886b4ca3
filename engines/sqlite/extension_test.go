package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

func TestLoadRegistersEponymousTable(t *testing.T) {
	t.Parallel()
	sh := newShell(t)
	stdout, stderr := sh.run("pragma module_list;\n")
	if stderr != "" {
		t.Fatalf("stderr: %s", stderr)
	}
	if !slices.Contains(strings.Fields(stdout), "vercel_user_token") {
		t.Fatalf("pragma module_list lacks vercel_user_token:\n%s", stdout)
	}
	rows := sh.query("", "select name, type from pragma_table_xinfo('vercel_user_token')")
	declared := map[string]any{}
	for _, row := range rows {
		declared[row["name"].(string)] = row["type"]
	}
	for column, want := range map[string]any{
		"token_id":   "TEXT",
		"expires_at": "TEXT",
		"scopes":     "TEXT",
		"is_current": "INTEGER",
		"sp_ctx":     nil, // the SDK's own columns are left out
	} {
		if declared[column] != want {
			t.Errorf("column %s: declared %v, want %v", column, declared[column], want)
		}
	}
}

func TestFullScanMatchesFixture(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	rows := newShell(t).query(a.configured(), "select token_id, name, expires_at, scopes from vercel_user_token")
	checkIDs(t, rows, a.tokens)
	for _, row := range rows {
		want := a.token(row["token_id"].(string))
		if row["name"] != want.Name {
			t.Errorf("token %s: name %v, want %q", want.ID, row["name"], want.Name)
		}
		checkExpiresAt(t, want, row["expires_at"])
		if scopes, ok := row["scopes"].(string); ok {
			var list []json.RawMessage
			if err := json.Unmarshal([]byte(scopes), &list); err != nil {
				t.Errorf("token %s: scopes is not a JSON array: %v: %s", want.ID, err, scopes)
			}
		} else if row["scopes"] != nil {
			t.Errorf("token %s: scopes is %T, want text or NULL", want.ID, row["scopes"])
		}
	}
}

func checkExpiresAt(t *testing.T, want fixtureToken, got any) {
	t.Helper()
	if want.ExpiresAt == nil {
		if got != nil {
			t.Errorf("token %s: expires_at %v, want NULL", want.ID, got)
		}
		return
	}
	text, _ := got.(string)
	parsed, err := time.Parse(time.RFC3339, text)
	if err != nil {
		t.Errorf("token %s: expires_at %v is not RFC 3339: %v", want.ID, got, err)
		return
	}
	if parsed.UnixMilli() != *want.ExpiresAt {
		t.Errorf("token %s: expires_at %s, want %s", want.ID, text, time.UnixMilli(*want.ExpiresAt).UTC())
	}
}

func TestCountReadsEveryRow(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	rows := newShell(t).query(a.configured(), "select count(*) as n from vercel_user_token")
	if got := rows[0]["n"]; got != float64(len(a.tokens)) {
		t.Fatalf("count(*) = %v, want %d", got, len(a.tokens))
	}
}

func TestTokenIDTakesGetPath(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	sh := newShell(t)
	want := a.tokens[3]
	rows := sh.query(a.configured(), "select token_id, name from vercel_user_token where token_id = "+sqlString(want.ID))
	if len(rows) != 1 || rows[0]["name"] != want.Name {
		t.Fatalf("got %v, want one row named %q", rows, want.Name)
	}
	checkRequests(t, a, 1, 0)

	a.Server.ResetStats()
	if rows := sh.query(a.configured(), "select name from vercel_user_token where token_id = 'no-such-token'"); len(rows) != 0 {
		t.Fatalf("unknown id: got %v, want no rows", rows)
	}
	checkRequests(t, a, 1, 0)
}

func checkRequests(t *testing.T, a *api, gets, lists int) {
	t.Helper()
	if got := a.Server.Count(emulator.EndpointGet); got != gets {
		t.Errorf("%d get requests, want %d", got, gets)
	}
	if got := a.Server.Count(emulator.EndpointList); got != lists {
		t.Errorf("%d list requests, want %d", got, lists)
	}
}

func TestLimitShrinksListPage(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	rows := newShell(t).query(a.configured(), "select token_id from vercel_user_token limit 5")
	checkIDs(t, rows, a.tokens[:5]) // the API lists the newest first
	checkListPages(t, a, "5")
}

func TestOffsetFetchesLimitPlusOffset(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	rows := newShell(t).query(a.configured(), "select token_id from vercel_user_token limit 3 offset 4")
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want 3", len(rows))
	}
	// Which 3 of the 7 fetched is up to the order the plugin streams them in.
	newest := tokenIDs(a.tokens[:7])
	for _, row := range rows {
		if !newest[row["token_id"].(string)] {
			t.Errorf("token %v is not among the 7 newest", row["token_id"])
		}
	}
	checkListPages(t, a, "7")
}

// checkIDs checks that the rows are the tokens, in any order: the plugin
// streams rows as their hydration completes.
func checkIDs(t *testing.T, rows []map[string]any, tokens []fixtureToken) {
	t.Helper()
	want := tokenIDs(tokens)
	got := map[string]bool{}
	for _, row := range rows {
		id, _ := row["token_id"].(string)
		if !want[id] || got[id] {
			t.Errorf("unexpected or repeated token_id %v", row["token_id"])
		}
		got[id] = true
	}
	if len(got) != len(want) {
		t.Errorf("got %d distinct tokens, want %d", len(got), len(want))
	}
}

func tokenIDs(tokens []fixtureToken) map[string]bool {
	ids := map[string]bool{}
	for _, token := range tokens {
		ids[token.ID] = true
	}
	return ids
}

// checkListPages checks that exactly one list request was made, asking for
// a page of the given size.
func checkListPages(t *testing.T, a *api, limit string) {
	t.Helper()
	lists := a.Server.RequestsTo(emulator.EndpointList)
	if len(lists) != 1 {
		t.Fatalf("%d list requests, want 1: %v", len(lists), lists)
	}
	if got := lists[0].Query().Get("limit"); got != limit {
		t.Errorf("list request asked for limit=%s, want %s", got, limit)
	}
}

func TestOrderByWithLimitSortsEveryRow(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	rows := newShell(t).query(a.configured(), "select name from vercel_user_token order by name limit 3")
	var names []string
	for _, token := range a.tokens {
		names = append(names, token.Name)
	}
	slices.Sort(names)
	for i, row := range rows {
		if row["name"] != names[i] {
			t.Errorf("row %d: %v, want %q", i, row["name"], names[i])
		}
	}
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want 3", len(rows))
	}
}

func TestLimitWaitsForTermsSQLiteChecks(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	want := a.tokens[len(a.tokens)-1] // on the last page
	rows := newShell(t).query(a.configured(), "select token_id from vercel_user_token where name = "+sqlString(want.Name)+" limit 1")
	if len(rows) != 1 {
		t.Fatalf("got %v, want a token named %q", rows, want.Name)
	}
}

func TestJoinWithSQLiteTable(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	first, second := a.tokens[1], a.tokens[10]
	setup := a.configured() + fmt.Sprintf(`
create temp table watched(id text primary key, reason text);
insert into watched values (%s, 'a'), (%s, 'b'), ('no-such-token', 'c');`, sqlString(first.ID), sqlString(second.ID))
	rows := newShell(t).query(setup, "select w.reason, t.name from watched w join vercel_user_token t on t.token_id = w.id order by w.reason")
	want := []string{first.Name, second.Name}
	if len(rows) != len(want) {
		t.Fatalf("got %v, want the names %q", rows, want)
	}
	for i, row := range rows {
		if row["name"] != want[i] {
			t.Errorf("row %d: %v, want %q", i, row["name"], want[i])
		}
	}
}

func TestWrongTokenIsSQLiteError(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	secret := "vercel_wrong_secret_7f3a9c"
	stdout, stderr := newShell(t).run(quietly(configureCall(a.HCLWithToken(secret))) +
		"select name from vercel_user_token;\nselect 'still running';\n")
	if !strings.Contains(stderr, "invalid, expired or revoked") {
		t.Errorf("stderr does not explain the rejected token:\n%s", stderr)
	}
	if lines := strings.Count(strings.TrimSpace(stderr), "\n") + 1; lines != 1 {
		t.Errorf("stderr has %d lines, want the error alone (no plugin logs):\n%s", lines, stderr)
	}
	if !strings.Contains(stdout, "still running") {
		t.Errorf("the shell stopped after the error; stdout:\n%s", stdout)
	}
	if strings.Contains(stdout+stderr, secret) {
		t.Errorf("the token leaked into the output (stdout %d bytes, stderr %d bytes; not printed here)", len(stdout), len(stderr))
	}
}

func TestConfigureErrorIsSQLiteError(t *testing.T) {
	t.Parallel()
	stdout, stderr := newShell(t).run("select steampipe_configure_vercel('api_tokn = \"x\"');\nselect 'still running';\n")
	if !strings.Contains(stderr, "steampipe_configure_vercel") || !strings.Contains(stderr, "api_tokn") {
		t.Errorf("stderr does not report the bad config:\n%s", stderr)
	}
	if !strings.Contains(stdout, "still running") {
		t.Errorf("the shell stopped after the error; stdout:\n%s", stdout)
	}
}

func TestEnvironmentAppliesWithoutConfiguration(t *testing.T) {
	t.Parallel()
	t.Run("token from VERCEL_API_TOKEN", func(t *testing.T) {
		a := startAPI(t)
		sh := newShell(t, "VERCEL_API_TOKEN="+a.Secret)
		rows := sh.query(configureCall(fmt.Sprintf("base_url = %q", a.URL)), "select count(*) as n from vercel_user_token")
		if got := rows[0]["n"]; got != float64(len(a.tokens)) {
			t.Fatalf("count(*) = %v, want %d", got, len(a.tokens))
		}
	})
	t.Run("no token anywhere", func(t *testing.T) {
		_, stderr := newShell(t).run("select name from vercel_user_token;\n")
		if !strings.Contains(stderr, "VERCEL_API_TOKEN") {
			t.Fatalf("stderr does not point at VERCEL_API_TOKEN:\n%s", stderr)
		}
	})
}

func TestTimestampsWorkWithDateFunctions(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	sh := newShell(t)
	rows := sh.query(a.configured(), "select token_id, datetime(expires_at) as expires from vercel_user_token where expires_at is not null")
	if len(rows) == 0 {
		t.Fatal("no token with expires_at")
	}
	for _, row := range rows {
		token := a.token(row["token_id"].(string))
		want := time.UnixMilli(*token.ExpiresAt).UTC().Format(time.DateTime)
		if row["expires"] != want {
			t.Errorf("token %s: datetime(expires_at) = %v, want %s", token.ID, row["expires"], want)
		}
	}
}

func TestJSONWorksWithJSONFunctions(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	sh := newShell(t)
	scopes := 0
	for _, token := range a.tokens {
		scopes += len(scopeTypes(token))
	}
	rows := sh.query(a.configured(), "select count(*) as n from vercel_user_token, json_each(vercel_user_token.scopes)")
	if got := rows[0]["n"]; got != float64(scopes) {
		t.Errorf("json_each(scopes) gives %v rows, want %d", got, scopes)
	}
	// Any token with scopes may come first: rows arrive as they are built.
	rows = sh.query(a.configured(), "select token_id, scopes ->> '$[0].type' as type from vercel_user_token where json_array_length(scopes) > 0 limit 1")
	if len(rows) != 1 {
		t.Fatalf("scopes ->> '$[0].type': got %v, want one row", rows)
	}
	types := scopeTypes(a.token(rows[0]["token_id"].(string)))
	if len(types) == 0 || rows[0]["type"] != types[0] {
		t.Errorf("scopes ->> '$[0].type' of token %v: got %v, want the first of %q", rows[0]["token_id"], rows[0]["type"], types)
	}
}

// scopeTypes lists the types of a fixture token's scopes, in order.
func scopeTypes(token fixtureToken) []string {
	var list []struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(token.Scopes, &list) // null or absent scopes: none
	types := make([]string, len(list))
	for i, scope := range list {
		types[i] = scope.Type
	}
	return types
}

func TestBooleansAreIntegers(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	rows := newShell(t).query(a.configured(), "select token_id, is_current, typeof(is_current) as type from vercel_user_token")
	for _, row := range rows {
		want := 0.0
		if row["token_id"] == a.CurrentID {
			want = 1
		}
		if row["is_current"] != want || row["type"] != "integer" {
			t.Errorf("token %v: is_current %v (%v), want integer %v", row["token_id"], row["is_current"], row["type"], want)
		}
	}
}
