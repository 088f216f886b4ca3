package inprocess

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

const secret = "SECRET_token_value_42"

func TestConfigureErrorsNeverShowTheToken(t *testing.T) {
	testapi.IsolateEnv(t)
	e := newEngine(t, "")
	cases := map[string]string{
		"unquoted":        "api_token = " + secret,
		"unterminated":    "api_token = \"" + secret,
		"interpolated":    "api_token = \"${" + secret + "}\"",
		"two values":      "api_token = \"" + secret + "\" \"x\"",
		"function call":   "api_token = " + secret + "()",
		"unknown field":   "api_tokn = \"" + secret + "\"",
		"wrong type":      "api_token = [\"" + secret + "\"]",
		"not a base URL":  "api_token = \"" + secret + "\"\nbase_url = 42 + \"" + secret + "\"",
		"JSON lookalike":  "{\"api_token\": " + secret + "}",
		"stray word":      "api_token = \"ok\"\n" + secret,
		"bad second line": "team = \"acme\"\napi_token = " + secret,
	}
	for name, hcl := range cases {
		err := e.Configure(hcl)
		if assert.Error(t, err, name) {
			assert.False(t, strings.Contains(err.Error(), secret), "the token leaked into the error: %s", name)
			assert.Contains(t, err.Error(), "invalid connection config", name)
		}
	}
}

func TestConfigureExplainsWhatIsWrong(t *testing.T) {
	testapi.IsolateEnv(t)
	e := newEngine(t, "")

	err := e.Configure("team = \"acme\"\napi_token = " + secret)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "line 2")
	assert.Contains(t, err.Error(), "api_token must be a literal")

	err = e.Configure("api_tokn = \"x\"")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"api_tokn"`)
	assert.Contains(t, err.Error(), `"api_token"`)
}

func TestFailedConfigureFailsLaterQueries(t *testing.T) {
	testapi.IsolateEnv(t)
	e := newEngine(t, "")
	require.Error(t, e.Configure("api_tokn = \"x\""))

	_, err := e.Query(t.Context(), tokenQuery("token_id"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "api_tokn")

	require.NoError(t, e.Configure(`team = "acme"`))
	_, err = e.Tables()
	assert.NoError(t, err)
}
