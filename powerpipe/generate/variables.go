package main

import (
	"bufio"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// variable is one of the report's thresholds, as its --help lists it.
type variable struct {
	Name        string
	Default     int
	Description string
}

var helpVariable = regexp.MustCompile(`^\s+([a-z_][a-z0-9_]*)\s+(\d+)\s+(\S.*)$`)

// parseHelpVariables reads the "Variables:" section of the report's --help:
// one "name default description" line each, up to a blank line. The report's
// own list is the one definition of the names and defaults.
func parseHelpVariables(help string) ([]variable, error) {
	var vars []variable
	in := false
	scanner := bufio.NewScanner(strings.NewReader(help))
	for scanner.Scan() {
		line := scanner.Text()
		if !in {
			in = strings.TrimSpace(line) == "Variables:"
			continue
		}
		if strings.TrimSpace(line) == "" {
			break
		}
		m := helpVariable.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("the report's --help: unreadable variable line %q", line)
		}
		n, err := strconv.Atoi(m[2])
		if err != nil {
			return nil, fmt.Errorf("the report's --help: variable %s: %w", m[1], err)
		}
		vars = append(vars, variable{Name: m[1], Default: n, Description: m[3]})
	}
	if len(vars) == 0 {
		return nil, fmt.Errorf("the report's --help lists no variables (no \"Variables:\" section)")
	}
	return vars, nil
}
