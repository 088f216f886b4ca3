package testapi

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHostileTokenComesFirstWithItsField(t *testing.T) {
	for _, h := range HostileTokens {
		t.Run(h.Name, func(t *testing.T) {
			api := Start(t, HostileTokenFixture(t, 3, h))
			req, err := http.NewRequest(http.MethodGet, api.URL+"/v6/user/tokens", nil)
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+api.Secret)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			var page struct{ Tokens []map[string]json.RawMessage }
			require.NoError(t, json.Unmarshal(body, &page))
			require.Len(t, page.Tokens, 4)
			first := page.Tokens[0]
			assert.JSONEq(t, `"`+HostileTokenID+`"`, string(first["id"]))
			top, _, _ := strings.Cut(h.Field, ".")
			if top == "sudo" {
				top = "scopes"
			}
			assert.JSONEq(t, h.JSON[top], string(first[top]))
		})
	}
}
