package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// sqliteExample matches an example's heading and its fenced sql+sqlite block.
var sqliteExample = regexp.MustCompile("(?s)\n### ([^\n]+)\n.*?```sql\\+sqlite\n(.*?)```")

// Every SQLite example in the table docs must run and answer something on
// the sample fixture: each documented audit question has an answer there.
// The fixture is the sample's generator anchored to today, so that "unused
// for 90 days" or "expires soon" keep their meaning as time passes.
func TestDocumentedSQLiteExamples(t *testing.T) {
	pages, err := filepath.Glob("../../docs/tables/*.md")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no table docs found: %v", err)
	}
	a := startAPIWith(t, emulator.GenerateFixtureAt(300, 1, time.Now()))
	examples := 0
	for _, page := range pages {
		text, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, match := range sqliteExample.FindAllStringSubmatch(string(text), -1) {
			title, sql := match[1], strings.TrimSuffix(strings.TrimSpace(match[2]), ";")
			if testapi.IsWriteSQL(sql) {
				continue // docs_writes_test.go runs it
			}
			examples++
			t.Run(filepath.Base(page)+"/"+title, func(t *testing.T) {
				rows := newShell(t).query(a.configured(), sql)
				if len(rows) == 0 {
					t.Errorf("no rows on the sample fixture:\n%s", sql)
				}
			})
		}
	}
	if examples < 8 {
		t.Fatalf("found %d sql+sqlite examples, the docs promise at least 8", examples)
	}
}
