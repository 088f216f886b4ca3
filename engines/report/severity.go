package main

import (
	"fmt"
	"slices"
	"strings"
)

// severity is a control's severity, from critical down to info.
type severity string

// severities, most severe first.
var severities = []severity{"critical", "high", "medium", "low", "info"}

func parseSeverity(s string) (severity, error) {
	if !slices.Contains(severities, severity(s)) {
		return "", fmt.Errorf("severity %q: want one of %s", s, joinSeverities())
	}
	return severity(s), nil
}

// rank is 0 for critical and grows as severity falls.
func (s severity) rank() int { return slices.Index(severities, s) }

// atLeast tells whether s is as severe as min or more.
func (s severity) atLeast(min severity) bool { return s.rank() <= min.rank() }

func joinSeverities() string {
	names := make([]string, len(severities))
	for i, s := range severities {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// Statuses a control gives a token, as Powerpipe names them, in report order.
const (
	statusAlarm = "alarm"
	statusInfo  = "info"
	statusOK    = "ok"
	statusSkip  = "skip"
)

var statuses = []string{statusAlarm, statusInfo, statusOK, statusSkip}
