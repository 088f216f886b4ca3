package main

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleColumns() []string {
	return []string{"id", "at", "scopes", "ok", "n", "none", "url"}
}

// sampleRows has a value of every kind the plugin sends, and text that
// needs quoting or escaping.
func sampleRows() [][]any {
	at := time.Date(2025, 3, 4, 5, 6, 7, 890e6, time.UTC)
	return [][]any{
		{"a,1", at, json.RawMessage(`[ {"type": "user"} ]`), true, int64(3), nil, "https://x.test/?a=1&b=<2>"},
		{"b", nil, nil, false, int64(-1), nil, "line\nbreak"},
	}
}

// writeRows writes rows in format, checking that each row reaches the
// output before the next one is written.
func writeRows(t *testing.T, format string, rows [][]any) string {
	t.Helper()
	var out bytes.Buffer
	w, err := newRowWriter(format, &out, sampleColumns())
	require.NoError(t, err)
	for _, row := range rows {
		before := out.Len()
		require.NoError(t, w.WriteRow(row))
		assert.Greater(t, out.Len(), before, "row flushed at once")
	}
	require.NoError(t, w.Close())
	return out.String()
}

func TestCSVOutput(t *testing.T) {
	assert.Equal(t,
		"id,at,scopes,ok,n,none,url\n"+
			`"a,1",2025-03-04T05:06:07.890Z,"[{""type"":""user""}]",true,3,,https://x.test/?a=1&b=<2>`+"\n"+
			"b,,,false,-1,,\"line\nbreak\"\n",
		writeRows(t, "csv", sampleRows()))
	assert.Equal(t, "id,at,scopes,ok,n,none,url\n", writeRows(t, "csv", nil))
}

func TestJSONLinesOutput(t *testing.T) {
	assert.Equal(t,
		`{"id":"a,1","at":"2025-03-04T05:06:07.890Z","scopes":[{"type":"user"}],"ok":true,"n":3,"none":null,"url":"https://x.test/?a=1&b=<2>"}`+"\n"+
			`{"id":"b","at":null,"scopes":null,"ok":false,"n":-1,"none":null,"url":"line\nbreak"}`+"\n",
		writeRows(t, "jsonl", sampleRows()))
	assert.Empty(t, writeRows(t, "jsonl", nil))
}

func TestJSONArrayOutput(t *testing.T) {
	out := writeRows(t, "json", sampleRows())
	var parsed []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &parsed))
	require.Len(t, parsed, 2)
	assert.Equal(t, "2025-03-04T05:06:07.890Z", parsed[0]["at"])
	assert.Equal(t, []any{map[string]any{"type": "user"}}, parsed[0]["scopes"])
	assert.Equal(t, true, parsed[0]["ok"])
	assert.Nil(t, parsed[1]["at"])
	assert.Contains(t, parsed[1], "none")
	assert.Equal(t, byte('['), out[0])

	assert.Equal(t, "[]\n", writeRows(t, "json", nil))
}

func TestCSVNeutralisesFormulasInTextOnly(t *testing.T) {
	var out bytes.Buffer
	w, err := newRowWriter("csv", &out, []string{"name", "n"})
	require.NoError(t, err)
	for _, row := range [][]any{
		{`=HYPERLINK("http://evil.test","x")`, int64(-1)},
		{"+1+1", int64(2)},
		{"-2+3", nil},
		{"@SUM(A1)", nil},
		{"\tcmd", nil},
		{"\rcmd", nil},
		{"deploy-bot", nil},
	} {
		require.NoError(t, w.WriteRow(row))
	}
	require.NoError(t, w.Close())
	assert.Equal(t, "name,n\n"+
		`"'=HYPERLINK(""http://evil.test"",""x"")",-1`+"\n"+
		"'+1+1,2\n"+
		"'-2+3,\n"+
		"'@SUM(A1),\n"+
		"'\tcmd,\n"+
		"\"'\rcmd\",\n"+
		"deploy-bot,\n", out.String(), "text cells get a leading apostrophe, numbers stay numbers")

	assert.Equal(t, `{"name":"=HYPERLINK()"}`+"\n", func() string {
		var out bytes.Buffer
		w, err := newRowWriter("jsonl", &out, []string{"name"})
		require.NoError(t, err)
		require.NoError(t, w.WriteRow([]any{"=HYPERLINK()"}))
		return out.String()
	}(), "JSON is data, not a spreadsheet: left as it is")
}

func TestTimestampsHaveThreeFractionalDigits(t *testing.T) {
	at := time.Date(2026, 11, 23, 10, 4, 5, 750e6, time.FixedZone("CET", 3600))
	for format, want := range map[string]string{
		"csv":   "at\n2026-11-23T09:04:05.750Z\n2026-11-23T09:04:05.000Z\n",
		"jsonl": `{"at":"2026-11-23T09:04:05.750Z"}` + "\n" + `{"at":"2026-11-23T09:04:05.000Z"}` + "\n",
	} {
		var out bytes.Buffer
		w, err := newRowWriter(format, &out, []string{"at"})
		require.NoError(t, err)
		require.NoError(t, w.WriteRow([]any{at}))
		require.NoError(t, w.WriteRow([]any{at.Truncate(time.Second)}))
		require.NoError(t, w.Close())
		assert.Equal(t, want, out.String(), format)
	}
}

func TestInvalidJSONColumnIsAnError(t *testing.T) {
	for _, format := range []string{"csv", "json", "jsonl"} {
		w, err := newRowWriter(format, &bytes.Buffer{}, []string{"j"})
		require.NoError(t, err)
		assert.Error(t, w.WriteRow([]any{json.RawMessage(`{nope`)}), format)
	}
}

// A JSON column that holds JSON null is NULL: empty in CSV as in SQL, null
// in JSON.
func TestJSONNullIsNull(t *testing.T) {
	for format, want := range map[string]string{
		"csv":   "j,n\n,\n",
		"jsonl": `{"j":null,"n":null}` + "\n",
	} {
		var out bytes.Buffer
		w, err := newRowWriter(format, &out, []string{"j", "n"})
		require.NoError(t, err)
		require.NoError(t, w.WriteRow([]any{json.RawMessage(`null`), nil}))
		require.NoError(t, w.Close())
		assert.Equal(t, want, out.String(), format)
	}
}

func TestUnknownFormat(t *testing.T) {
	_, err := newRowWriter("xml", &bytes.Buffer{}, nil)
	assert.Error(t, err)
}
