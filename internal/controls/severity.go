package controls

import (
	"fmt"
	"slices"
	"strings"
)

// Severity is a control's severity, from critical down to info.
type Severity string

// Severities, most severe first.
var Severities = []Severity{"critical", "high", "medium", "low", "info"}

// ParseSeverity reads one of Severities.
func ParseSeverity(s string) (Severity, error) {
	if !slices.Contains(Severities, Severity(s)) {
		return "", fmt.Errorf("severity %q: want one of %s", s, JoinSeverities())
	}
	return Severity(s), nil
}

// Rank is 0 for critical and grows as severity falls.
func (s Severity) Rank() int { return slices.Index(Severities, s) }

// AtLeast tells whether s is as severe as min or more.
func (s Severity) AtLeast(min Severity) bool { return s.Rank() <= min.Rank() }

// JoinSeverities lists the severities, most severe first.
func JoinSeverities() string {
	names := make([]string, len(Severities))
	for i, s := range Severities {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// Statuses a control gives a token, as Powerpipe names them, in report
// order.
const (
	StatusAlarm = "alarm"
	StatusInfo  = "info"
	StatusOK    = "ok"
	StatusSkip  = "skip"
)

// Statuses in report order.
var Statuses = []string{StatusAlarm, StatusInfo, StatusOK, StatusSkip}
