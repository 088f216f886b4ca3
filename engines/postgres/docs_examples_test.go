package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// exampleBlock matches an example's heading, then each fenced SQL block
// under it with its dialect.
var (
	exampleHeading = regexp.MustCompile(`(?m)^#{2,4} (.+)$`)
	sqlBlock       = regexp.MustCompile("(?s)```sql\\+(postgres|sqlite)\n(.*?)```")
)

// example is one documented question in both dialects.
type example struct {
	page, title      string
	postgres, sqlite string
}

func documentedExamples(t *testing.T) []example {
	t.Helper()
	pages, err := filepath.Glob("../../docs/*.md")
	require.NoError(t, err)
	tablePages, err := filepath.Glob("../../docs/tables/*.md")
	require.NoError(t, err)
	var examples []example
	for _, page := range append(pages, tablePages...) {
		text, err := os.ReadFile(page)
		require.NoError(t, err)
		headings := exampleHeading.FindAllStringSubmatchIndex(string(text), -1)
		for i, h := range headings {
			end := len(text)
			if i+1 < len(headings) {
				end = headings[i+1][0]
			}
			section := string(text[h[1]:end])
			ex := example{page: filepath.Base(page), title: string(text[h[2]:h[3]])}
			for _, block := range sqlBlock.FindAllStringSubmatch(section, -1) {
				sql := strings.TrimSuffix(strings.TrimSpace(block[2]), ";")
				if block[1] == "postgres" {
					require.Empty(t, ex.postgres, "%s: %q has two sql+postgres blocks", page, ex.title)
					ex.postgres = sql
				} else {
					ex.sqlite = sql
				}
			}
			if ex.postgres != "" {
				require.NotEmpty(t, ex.sqlite, "%s: %q has a sql+postgres block without its sql+sqlite twin", page, ex.title)
				examples = append(examples, ex)
			}
		}
	}
	return examples
}

// Every example in docs/ runs through every engine that can run it, on the
// sample fixture, and each answers exactly the same rows: the sql+postgres
// block through the extension, its sql+sqlite twin through the SQLite
// engine, and, when it is a plain select of one table's columns, the
// exporter.
func TestDocumentedExamplesAnswerAlikeInEveryEngine(t *testing.T) {
	// The examples that revoke or create tokens run in docs_writes_test.go.
	examples := slices.DeleteFunc(documentedExamples(t), func(ex example) bool { return testapi.IsWriteSQL(ex.postgres) })
	require.GreaterOrEqual(t, len(examples), 8, "the docs promise at least 8 examples")
	a := testapi.Start(t, emulator.GenerateFixtureAt(300, 1, time.Now()))
	db := newDatabase(t, a.HCL())
	lite := newSQLite(t, a.HCL())
	export := newExporter(t, a.HCL())
	exported := 0
	for _, ex := range examples {
		t.Run(ex.page+"/"+ex.title, func(t *testing.T) {
			pgRows := canonicalRows(db.query(ex.postgres))
			liteRows := canonicalRows(lite.query(t, ex.sqlite))
			assert.NotEmpty(t, pgRows, "no rows on the sample fixture:\n%s", ex.postgres)
			assert.Equal(t, liteRows, pgRows, "PostgreSQL and SQLite disagree:\n%s", ex.postgres)
			if args, ok := exportArgs(ex.sqlite); ok {
				if rows, ran := export.query(t, args); ran {
					exported++
					assert.Equal(t, liteRows, canonicalRows(rows), "the exporter and SQLite disagree:\n%s", ex.sqlite)
				}
			}
		})
	}
	assert.Positive(t, exported, "no example is one the exporter can run")
}

// sqlite runs the SQLite engine through the sqlite3 shell.
type sqlite struct {
	dir, hcl string
}

func newSQLite(t *testing.T, hcl string) *sqlite {
	t.Helper()
	dir := t.TempDir()
	if err := testapi.GoBuild(filepath.Join(dir, "steampipe_sqlite_vercel.so"), "../sqlite", "-buildmode=c-shared"); err != nil {
		t.Fatalf("build the SQLite extension: %v", err)
	}
	return &sqlite{dir: dir, hcl: hcl}
}

func (s *sqlite) query(t *testing.T, sql string) []map[string]any {
	t.Helper()
	script := ".output /dev/null\nselect steampipe_configure_vercel(" + sqlString(s.hcl) + ");\n.output\n.mode json\n" + sql + ";\n"
	cmd := exec.Command("sqlite3", "-batch", "-cmd", ".load ./steampipe_sqlite_vercel")
	cmd.Dir = s.dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + t.TempDir()}
	cmd.Stdin = strings.NewReader(script)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Run(), "sqlite3: %s", errOut.String())
	require.Empty(t, errOut.String())
	var rows []map[string]any
	if strings.TrimSpace(out.String()) != "" {
		require.NoError(t, json.Unmarshal(out.Bytes(), &rows))
	}
	return rows
}

// canonicalRows puts rows of either engine in one form, sorted: timestamps
// as instants, booleans as 0 and 1, JSON text as JSON, numbers as float64.
func canonicalRows(rows []map[string]any) []string {
	out := make([]string, len(rows))
	for i, row := range rows {
		canonical := make(map[string]any, len(row))
		for k, v := range row {
			canonical[k] = canonicalValue(v)
		}
		data, _ := json.Marshal(canonical) // maps of JSON values always encode
		out[i] = string(data)
	}
	slices.Sort(out)
	return out
}

func canonicalValue(v any) any {
	switch v := v.(type) {
	case bool:
		if v {
			return 1.0
		}
		return 0.0
	case string:
		if ts, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return ts.UTC().Format("2006-01-02T15:04:05.000Z")
		}
		if strings.HasPrefix(v, "[") || strings.HasPrefix(v, "{") {
			var decoded any
			if json.Unmarshal([]byte(v), &decoded) == nil {
				return decoded
			}
		}
		return v
	default:
		return v
	}
}
