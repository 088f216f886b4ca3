package render

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// One value of each kind the plugin returns, and what each target makes of
// it; the engines' own tests check they show these.
func TestEveryTargetAgrees(t *testing.T) {
	at := time.Date(2026, 11, 22, 23, 35, 6, 799_000_000, time.FixedZone("CET", 3600))
	cases := []struct {
		name     string
		value    any
		sql      any
		text     string
		textOK   bool
		csv      string
		jsonText string
	}{
		{"NULL", nil, nil, "", false, "", `null`},
		{"JSON null", json.RawMessage(`null`), nil, "", false, "", `null`},
		{"JSON", json.RawMessage(`["user", "team"]`), `["user", "team"]`, `["user", "team"]`, true, `["user","team"]`, `["user","team"]`},
		{"timestamp", at, "2026-11-22T22:35:06.799Z", "2026-11-22T22:35:06.799Z", true, "2026-11-22T22:35:06.799Z", `"2026-11-22T22:35:06.799Z"`},
		{"true", true, int64(1), "true", true, "true", `true`},
		{"false", false, int64(0), "false", true, "false", `false`},
		{"integer", int64(-42), int64(-42), "-42", true, "-42", `-42`},
		{"float", 1e21, 1e21, "1000000000000000000000", true, "1000000000000000000000", `1e+21`},
		{"text", "=HYPERLINK(1)", "=HYPERLINK(1)", "=HYPERLINK(1)", true, "'=HYPERLINK(1)", `"=HYPERLINK(1)"`},
	}
	for _, c := range cases {
		assert.Equal(t, c.sql, SQL(c.value), "%s: SQL", c.name)
		text, ok := Text(c.value)
		assert.Equal(t, c.text, text, "%s: text", c.name)
		assert.Equal(t, c.textOK, ok, "%s: text is not NULL", c.name)
		csv, err := CSV(c.value)
		assert.NoError(t, err)
		assert.Equal(t, c.csv, csv, "%s: CSV", c.name)
		data, err := json.Marshal(JSON(c.value))
		assert.NoError(t, err)
		assert.Equal(t, c.jsonText, string(data), "%s: JSON", c.name)
	}
}

func TestInvalidJSONIsAnErrorInCSV(t *testing.T) {
	_, err := CSV(json.RawMessage(`{nope`))
	assert.Error(t, err)
}
