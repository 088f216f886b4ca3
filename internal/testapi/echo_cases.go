package testapi

import (
	"fmt"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// EchoCase is one run against a server that echoes the request's headers,
// the token included, into its error bodies: an error status, and the log
// level of the plugin under test.
type EchoCase struct {
	LogLevel string
	Status   int
}

// EchoCases are the runs every engine makes: Steampipe's default level
// (WARN) and the most verbose (TRACE), on each kind of error answer (a 429
// and a 500 are retried, so their retry lines are logged too).
func EchoCases() []EchoCase {
	var cases []EchoCase
	for _, level := range []string{"WARN", "TRACE"} {
		for _, status := range []int{400, 401, 403, 404, 429, 500} {
			cases = append(cases, EchoCase{LogLevel: level, Status: status})
		}
	}
	return cases
}

func (c EchoCase) String() string { return fmt.Sprintf("%s, HTTP %d", c.LogLevel, c.Status) }

// Env sets the plugin's log level.
func (c EchoCase) Env() string { return "STEAMPIPE_LOG_LEVEL=" + c.LogLevel }

// Faults make every answer the echoing error; a 429 asks for no wait.
func (c EchoCase) Faults() emulator.Faults {
	return emulator.Faults{AlwaysStatus: c.Status, RetryAfter: "0", EchoHeaders: true}
}
