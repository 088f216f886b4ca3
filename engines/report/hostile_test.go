package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// hostileText is what a token's name, a connection's name or a hand-edited
// file may hold that must neither drive a terminal nor trigger GitHub:
// escape sequences (screen clear, window title), BEL, NUL, a C1 CSI, bidi
// overrides, a mention, links, a strike-through, math, an emoji, HTML and
// an HTML entity of a bidi override.
const hostileText = "\x1b]0;owned\a\x1b[2J\x00nul\u009b31m\u202eevil\u2066 @everyone https://evil.example www.evil.example ~~gone~~ $x^2$ :warning: <b>bold</b> &#x202e; | *em* [l](x)"

// hostileID is a token id made of the same characters.
const hostileID = "tok_hostile\x1b[2J\u202e"

// longName is a token name no format people read may show whole.
var longName = strings.Repeat("W", 200_000)

// startHostileAPI serves tok_ok and two tokens copied from the leaked one:
// one whose id, name and leak location are hostile, one with a
// 200,000-character name.
func startHostileAPI(t *testing.T) *testapi.API {
	t.Helper()
	f := edgeFixture(t, "tok_ok", "tok_leaked_used_after")
	var leaked map[string]any
	for _, raw := range f.Tokens {
		var token map[string]any
		require.NoError(t, json.Unmarshal(raw, &token))
		if token["id"] == "tok_leaked_used_after" {
			leaked = token
		}
	}
	require.NotNil(t, leaked)
	for i, token := range [][2]string{{hostileID, hostileText}, {"tok_long_name", longName}} {
		leaked["id"], leaked["name"], leaked["leakedUrl"] = token[0], token[1], "https://evil.example/"+hostileText
		leaked["createdAt"] = leaked["createdAt"].(float64) - float64(i+1) // unique, as Vercel's are
		raw, err := json.Marshal(leaked)
		require.NoError(t, err)
		f.Tokens = append(f.Tokens, raw)
	}
	return testapi.Start(t, f)
}

// hostileRun audits the hostile API through a connection with a hostile
// name, against a baseline whose resolved alarm and an exceptions file
// whose stale exception are hostile too.
func hostileRun(t *testing.T, api *testapi.API, format string) outcome {
	t.Helper()
	if format == "table" || format == "markdown" || format == "html" {
		return hostileRunWith(t, api, format, "--all")
	}
	return hostileRunWith(t, api, format)
}

// hostileRunWith is hostileRun with more arguments.
func hostileRunWith(t *testing.T, api *testapi.API, format string, more ...string) outcome {
	t.Helper()
	hcl, err := json.Marshal(hostileText) // a JSON string is an HCL string
	require.NoError(t, err)
	spc := writeFile(t, "vercel.spc", fmt.Sprintf("connection %s {\n  plugin = \"vercel\"\n  api_token = %q\n  base_url = %q\n}\n", hcl, api.Secret, api.URL))
	text, err := json.Marshal(hostileText)
	require.NoError(t, err)
	id, err := json.Marshal(hostileID)
	require.NoError(t, err)
	baseline := writeFile(t, "baseline.json", fmt.Sprintf(`{"schema": %q, "results": [
  {"control": %s, "severity": "high", "status": "alarm", "connection": %s, "token_id": %s, "name": %s, "prefix": %s, "suffix": null, "reason": %s, "remediation": "r"}
]}`, reportSchema, text, text, id, text, text, text))
	exceptions := writeFile(t, "exceptions.json", fmt.Sprintf(`{"exceptions": [
  {"token_id": %s, "control": "leaked", "reason": %s, "accepted_by": %s, "until": "2027-01-01"}
]}`, text, text, text))
	args := []string{"--connections", spc, "--at", edgeAt, "--output", format, "--baseline", baseline, "--exceptions", exceptions}
	res := runInProcess(t, append(args, more...)...)
	require.Equal(t, exitOK, res.code, "%s: %s", format, res.stderr)
	return res
}

// has reports whether out holds want without printing out, which is large.
func has(t *testing.T, out, want string, msg string, args ...any) {
	t.Helper()
	if !strings.Contains(out, want) {
		t.Errorf("no %q in the output: %s", want, fmt.Sprintf(msg, args...))
	}
}

// hasNo reports whether out lacks unwanted without printing out.
func hasNo(t *testing.T, out, unwanted string, msg string, args ...any) {
	t.Helper()
	if strings.Contains(out, unwanted) {
		t.Errorf("%.80q in the output: %s", unwanted, fmt.Sprintf(msg, args...))
	}
}

// rawControl finds a character that would drive a terminal or reorder text:
// a C0 control but the line feed, DEL, a C1 control or a bidi control.
func rawControl(s string) (rune, bool) {
	for _, r := range s {
		if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)) {
			return r, true
		}
	}
	return 0, false
}

func TestHostileTextIsShownEscapedAndBoundedInEveryFormatPeopleRead(t *testing.T) {
	testapi.IsolateEnv(t)
	api := startHostileAPI(t)
	for _, run := range [][]string{
		{"table", "--all"}, {"markdown", "--all"}, {"html", "--all"}, {"csv", "--results"}, {"sarif"},
		{"table"}, {"markdown"}, {"html"}, {"csv"}, {"revoke-sql"}, // the action list
	} {
		format := strings.Join(run, " ")
		res := hostileRunWith(t, api, run[0], run[1:]...)
		r, found := rawControl(res.stdout)
		assert.False(t, found, "%s: raw %U in the report", format, r)
		r, found = rawControl(res.stderr)
		assert.False(t, found, "%s: raw %U in the warnings", format, r)
		has(t, res.stdout, "hostile", "%s", format)
		if run[0] == "csv" {
			has(t, res.stdout, longName, "csv is data: the name whole")
			continue
		}
		assert.Less(t, len(res.stdout), 100_000, "%s: the 200,000-character name is clipped", format)
		has(t, res.stdout, strings.Repeat("W", maxShownName)+"…", "%s: clipped with a visible mark", format)
		hasNo(t, res.stdout, strings.Repeat("W", maxShownSentence+1), "%s: a reason quoting the name is clipped too", format)
	}
}

func TestTheTableEscapesTheConnectionsLineAndTheResolvedList(t *testing.T) {
	testapi.IsolateEnv(t)
	out := hostileRun(t, startHostileAPI(t), "table").stdout
	for _, heading := range []string{"Connections: ", "Resolved since the baseline:", "Exceptions that name no audited token"} {
		has(t, out, heading, "the table's heading")
	}
	has(t, out, `Connections: \x1b]0;owned\x07\x1b[2J\x00nul\x9b31m\u202eevil\u2066 @everyone`, "the connection, escaped")
	_, resolved, _ := strings.Cut(out, "Resolved since the baseline:")
	has(t, resolved, `  \x1b]0;owned\x07`, "the resolved control, escaped")
	has(t, resolved, `tok_hostile\x1b[2J\u202e`, "the resolved token id, escaped")
}

// GitHub renders a Markdown report: nothing in it may mention, link,
// strike, typeset, show an emoji, or open a tag or an entity.
func TestMarkdownNeutralisesGitHubsFeatures(t *testing.T) {
	testapi.IsolateEnv(t)
	out := hostileRun(t, startHostileAPI(t), "markdown").stdout
	_, body, found := strings.Cut(out, "| Severity |")
	require.True(t, found)
	body, _, _ = strings.Cut(body, "## What to do") // our own remediation links stay links
	lists := out[strings.Index(out, "## Resolved since the baseline"):]
	for _, text := range []string{body, lists} {
		assertNoGitHubTrigger(t, text)
	}
	has(t, out, `\\x1b\]0;owned\\x07`, "controls shown escaped, as in the table")
	row := regexp.MustCompile(`(?m)^\|.*tok\\_hostile.*\|$`).FindString(out)
	require.NotEmpty(t, row)
	assert.Equal(t, 9, strings.Count(row, "|")-strings.Count(row, `\|`), "the name's | opens no cell: %s", row)
}

// markdownTriggers are what GitHub would turn into something else than
// the text: none may be left in text from the API or a file.
var markdownTriggers = map[string]*regexp.Regexp{
	"mention":        regexp.MustCompile(`@\w`),
	"link":           regexp.MustCompile(`(?i)https?://|www\.`),
	"strike-through": regexp.MustCompile(`(^|[^\\])~`),
	"math":           regexp.MustCompile(`(^|[^\\])\$`),
	"emoji":          regexp.MustCompile(`:\w+:`),
	"tag":            regexp.MustCompile(`<`),
	"entity":         regexp.MustCompile(`&#`),
	"link syntax":    regexp.MustCompile(`(^|[^\\])\[`),
}

func assertNoGitHubTrigger(t *testing.T, text string) {
	t.Helper()
	for name, trigger := range markdownTriggers {
		assert.False(t, trigger.MatchString(text), "%s: %q", name, trigger.FindString(text))
	}
}

func TestActionListMarkdownNeutralisesGitHubsFeatures(t *testing.T) {
	testapi.IsolateEnv(t)
	out := hostileRunWith(t, startHostileAPI(t), "markdown").stdout
	_, body, found := strings.Cut(out, "| Action |")
	require.True(t, found)
	body, lists, _ := strings.Cut(body, "## What each action means") // our own links stay links
	_, lists, _ = strings.Cut(lists, "## Resolved since the baseline")
	require.NotEmpty(t, lists)
	for _, text := range []string{body, lists} {
		assertNoGitHubTrigger(t, text)
	}
	has(t, out, "## New since the baseline", "the new tokens' section")
	row := regexp.MustCompile(`(?m)^\|.*tok\\_host.*\|$`).FindString(out)
	require.NotEmpty(t, row)
	assert.Equal(t, len(actionHeader)+1, strings.Count(row, "|")-strings.Count(row, `\|`), "the name's | opens no cell: %s", row)
}

// The page fits the screen whatever a name holds: Chromium lays the hostile
// report out at desktop and phone widths without horizontal overflow.
func TestHTMLWrapsLongWords(t *testing.T) {
	testapi.IsolateEnv(t)
	out := hostileRun(t, startHostileAPI(t), "html").stdout
	has(t, out, "overflow-wrap: anywhere", "the style")
	hasNo(t, out, "<b>bold", "markup is escaped")

	for _, width := range []string{"1280,800", "390,844"} {
		requireNoOverflow(t, measuredDOM(t, out, width, overflowScript), width)
	}
}
