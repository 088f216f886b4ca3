package main

import (
	"fmt"
	"strconv"
	"strings"
)

// variable is a threshold the controls read as a :name parameter.
type variable struct {
	Name        string
	Default     int
	Description string
}

// variables are every threshold a control uses, with its default.
var variables = []variable{
	{"unused_days", 90, "unused: alarm when the token was last used this many whole days ago or more"},
	{"max_age_days", 90, "age: alarm when the token was created more than this many whole days ago"},
	{"max_lifetime_days", 365, "long_lived: alarm when the token expires more than this many whole days after its creation"},
}

// parseVars reads --var name=value settings over the defaults.
func parseVars(settings []string) (map[string]int, error) {
	values := make(map[string]int, len(variables))
	for _, v := range variables {
		values[v.Name] = v.Default
	}
	for _, setting := range settings {
		name, raw, found := strings.Cut(setting, "=")
		name = strings.TrimSpace(name)
		if !found {
			return nil, fmt.Errorf("--var %q: want name=value", setting)
		}
		if _, known := values[name]; !known {
			return nil, fmt.Errorf("--var %q: unknown variable %q; known: %s", setting, name, variableNames())
		}
		n, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("--var %q: want a whole number of days, 0 or more", setting)
		}
		values[name] = n
	}
	return values, nil
}

func variableNames() string {
	names := make([]string, len(variables))
	for i, v := range variables {
		names[i] = v.Name
	}
	return strings.Join(names, ", ")
}
