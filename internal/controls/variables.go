package controls

import (
	"fmt"
	"strconv"
	"strings"
)

// Variable is a threshold the controls read as a :name parameter.
type Variable struct {
	Name        string
	Default     int
	Description string
}

// Variables are every threshold a control uses, with its default.
var Variables = []Variable{
	{"unused_days", 90, "unused: alarm when the token was last used this many whole days ago or more"},
	{"max_age_days", 90, "age: alarm when the token was created more than this many whole days ago"},
	{"max_lifetime_days", 365, "long_lived: alarm when the token expires more than this many whole days after its creation"},
}

// DaysRule is what a variable's value must be; both the report and the mod
// refuse anything else with it.
const DaysRule = "a whole number of days, 0 or more"

// Settings reads name=value settings (--var) over the defaults.
func Settings(settings []string) (map[string]int, error) {
	values := make(map[string]int, len(Variables))
	for _, v := range Variables {
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
			return nil, fmt.Errorf("--var %q: want %s", setting, DaysRule)
		}
		values[name] = n
	}
	return values, nil
}

// IsVariable tells whether name is one of Variables.
func IsVariable(name string) bool {
	for _, v := range Variables {
		if v.Name == name {
			return true
		}
	}
	return false
}

func variableNames() string {
	names := make([]string, len(Variables))
	for i, v := range Variables {
		names[i] = v.Name
	}
	return strings.Join(names, ", ")
}
