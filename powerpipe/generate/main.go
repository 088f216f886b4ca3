// Command generate writes the Powerpipe mod's benchmark.pp, variables.pp and
// dashboards/evaluation.pp from the report's control files and the variables its --help lists, so
// the report and the mod run one definition of each control.
//
// Run from this directory by go generate ./powerpipe/...
package main

//go:generate go run .

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	root := flag.String("root", "../..", "the repository's root")
	out := flag.String("out", "..", "the mod's directory")
	flag.Parse()
	files, err := generate(context.Background(), *root)
	if err == nil {
		err = writeFiles(*out, files)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate the Powerpipe mod:", err)
		os.Exit(1)
	}
}

// generate makes the mod's generated files, by name, from the repository
// at root.
func generate(ctx context.Context, root string) (map[string]string, error) {
	help, err := reportHelp(ctx, root)
	if err != nil {
		return nil, err
	}
	vars, err := parseHelpVariables(help)
	if err != nil {
		return nil, err
	}
	controls, err := readControls(filepath.Join(root, "engines", "report", "controls"))
	if err != nil {
		return nil, err
	}
	mod := make([]modControl, len(controls))
	for i, c := range controls {
		if mod[i], err = toPostgres(c, vars); err != nil {
			return nil, err
		}
	}
	benchmark, err := renderBenchmark(mod, vars)
	if err != nil {
		return nil, err
	}
	evaluation, err := renderDashboardEvaluation(vars)
	if err != nil {
		return nil, err
	}
	return map[string]string{
		"benchmark.pp":             benchmark,
		"variables.pp":             renderVariables(vars),
		"dashboards/evaluation.pp": evaluation,
	}, nil
}

// reportHelp is the report command's --help, which lists its variables
// with their defaults.
func reportHelp(ctx context.Context, root string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "run", "./engines/report", "--help")
	cmd.Dir = root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go run ./engines/report --help: %w\n%s", err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

func writeFiles(dir string, files map[string]string) error {
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	return nil
}
