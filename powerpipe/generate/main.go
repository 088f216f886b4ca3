// Command generate writes the Powerpipe mod's benchmark.pp, variables.pp and
// dashboards/evaluation.pp from the benchmark's controls and variables
// (internal/controls), so the report and the mod run one definition of each
// control.
//
// Run from this directory by go generate ./powerpipe/...
package main

//go:generate go run .

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/controls"
)

func main() {
	out := flag.String("out", "..", "the mod's directory")
	flag.Parse()
	files, err := generate()
	if err == nil {
		err = writeFiles(*out, files)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate the Powerpipe mod:", err)
		os.Exit(1)
	}
}

// generate makes the mod's generated files, by name.
func generate() (map[string]string, error) {
	builtin, err := controls.Load("")
	if err != nil {
		return nil, err
	}
	mod := make([]modControl, len(builtin))
	for i, c := range builtin {
		if mod[i], err = toPostgres(c); err != nil {
			return nil, err
		}
	}
	benchmark, err := renderBenchmark(mod)
	if err != nil {
		return nil, err
	}
	evaluation, err := renderDashboardEvaluation()
	if err != nil {
		return nil, err
	}
	return map[string]string{
		"benchmark.pp":             benchmark,
		"variables.pp":             renderVariables(),
		"dashboards/evaluation.pp": evaluation,
	}, nil
}

func writeFiles(dir string, files map[string]string) error {
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	return nil
}
