package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// authRecorder is a listener on loopback that records the Authorization
// header of every request and refuses it: a role's own server that tries to
// capture a token.
type authRecorder struct {
	URL string
	mu  sync.Mutex
	got []string
}

func startAuthRecorder(t *testing.T) *authRecorder {
	t.Helper()
	r := &authRecorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.got = append(r.got, req.Header.Get("Authorization"))
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":{"code":"forbidden","message":"Not authorized","invalidToken":true}}`))
	}))
	t.Cleanup(srv.Close)
	r.URL = srv.URL
	return r
}

func (r *authRecorder) headers() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.got...)
}

// The postgres_fdw password_required rule, with VERCEL_API_TOKEN in the
// PostgreSQL server's environment and three roles: the superuser postgres,
// alice, an ordinary role who owns a server, and bob, an ordinary user. A
// server a superuser does not own uses only a user mapping's token: the
// environment's token and the token in its config never reach its base_url.
func TestOnlySuperusersServersGetTokensTheyDidNotBring(t *testing.T) {
	envAPI := startAPI(t, 6, 4)
	recorder := startAuthRecorder(t)
	c := otherCluster(t, "credentials", "VERCEL_API_TOKEN="+envAPI.Secret)
	// The superuser's server, shared on purpose: the environment's token.
	db := newDatabaseIn(t, c, fmt.Sprintf("base_url = %q", envAPI.URL))
	db.mustExec(fmt.Sprintf(`create role alice login;
create role bob login;
grant create on database %s to alice, bob;
grant usage on foreign data wrapper steampipe_postgres_vercel to alice, bob;
grant usage on foreign server vercel to bob;
grant usage on schema vercel to bob;
grant select on all tables in schema vercel to bob;`, db.name))
	assert.Equal(t, "6\n", db.mustExec("select count(*) from vercel_user_token;"), "the superuser's server uses the environment's token")
	out, stderr := db.runAs("bob", "select count(*) from vercel.vercel_user_token;")
	assert.Empty(t, stderr)
	assert.Equal(t, "6\n", out, "a superuser shares the environment's token by granting USAGE on the server")

	capture := fmt.Sprintf("base_url = %q", recorder.URL)
	const aliceToken = "alice_own_token_3f9a"
	const errNotSuperusers = `server "evil" is not owned by a superuser, so it uses only the api_token of a user mapping`
	steps := []struct {
		name, role, script string
		message            string // what the ERROR says; "" for none
		state              string // its SQLSTATE when not 28000
	}{
		{name: "no user mapping", role: "alice",
			script:  fmt.Sprintf("create server evil foreign data wrapper steampipe_postgres_vercel options (config %s);\ncreate schema evil;\nimport foreign schema vercel from server evil into evil;", sqlString(capture)),
			message: errNotSuperusers},
		{name: "a token in the config", role: "alice",
			script:  fmt.Sprintf("alter server evil options (set config %s);\nimport foreign schema vercel from server evil into evil;", sqlString(capture+"\napi_token = \"alice_config_token\"")),
			message: errNotSuperusers},
		{name: "the owner's own user mapping", role: "alice",
			script:  fmt.Sprintf("create user mapping for current_user server evil options (api_token %s);\nimport foreign schema vercel from server evil into evil;\nselect count(*) from evil.vercel_user_token;", sqlString(aliceToken)),
			message: "invalid, expired or revoked"},
		{name: "an empty api_token", role: "alice",
			script:  "alter user mapping for current_user server evil options (set api_token '');",
			message: "api_token is empty", state: "22023"},
		{name: "a blank api_token", role: "bob",
			script:  "create user mapping for current_user server vercel options (api_token '  ');",
			message: "api_token is empty", state: "22023"},
		{name: "the mapping dropped", role: "alice",
			script:  "drop user mapping for current_user server evil;\nselect count(*) from evil.vercel_user_token;",
			message: errNotSuperusers},
		{name: "another user without a mapping", role: "alice",
			script: "grant usage on foreign server evil to bob;\ngrant usage on schema evil to bob;\ngrant select on all tables in schema evil to bob;"},
		{name: "another user's query", role: "bob", script: "select count(*) from evil.vercel_user_token;",
			message: errNotSuperusers},
		{name: "a superuser's server given away", role: "postgres",
			script: "alter server vercel owner to alice;"},
		{name: "its new owner points it elsewhere", role: "alice",
			script: fmt.Sprintf("alter server vercel options (set config %s);", sqlString(capture))},
		{name: "a user of the server given away", role: "bob", script: "select count(*) from vercel.vercel_user_token;",
			message: `server "vercel" is not owned by a superuser`},
		{name: "the superuser on the server given away", role: "postgres", script: "select count(*) from vercel.vercel_user_token;",
			message: `server "vercel" is not owned by a superuser`},
	}
	for _, step := range steps {
		_, stderr := db.runAs(step.role, step.script)
		if step.message == "" {
			require.Empty(t, stderr, step.name)
			continue
		}
		assert.Contains(t, stderr, step.message, step.name)
		if step.state != "" {
			assert.Contains(t, stderr, "ERROR:  "+step.state+": ", step.name)
			continue
		}
		assert.Contains(t, stderr, "ERROR:  28000: ", step.name)
		assert.Contains(t, stderr, "HINT:  Give the server a valid Vercel token: CREATE USER MAPPING FOR CURRENT_USER SERVER", step.name)
	}
	assert.Equal(t, []string{"Bearer " + aliceToken}, recorder.headers(),
		"the capturing server saw a token other than the one its owner brought")
	for _, h := range recorder.headers() {
		assert.NotContains(t, h, envAPI.Secret, "the environment's token reached a non-superuser's server")
	}
}

// A user mapping's empty api_token is refused when it is set; one made
// before the wrapper checked options still never falls back to another
// token.
func TestAnEmptyMappingTokenIsAnError(t *testing.T) {
	for _, token := range []string{"", " \t"} {
		for _, superusers := range []bool{true, false} {
			s := serverSettings{name: "vercel", config: `team = "acme"`, mapping: mappingToken{set: true, token: token}, ownerIsSuperuser: superusers}
			config, err := s.connectionConfig()
			require.Error(t, err)
			assert.Empty(t, config)
			assert.Contains(t, err.Error(), `the user mapping for server "vercel" has an empty api_token`)
		}
	}
}
