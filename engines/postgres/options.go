package main

import (
	"fmt"
	"strings"
	"sync"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
)

// Options are checked when they are set, by the wrapper's validator:
// CREATE or ALTER of a server or a user mapping fails at once, not at the
// first query. The server's name is not known there, so these failures
// carry their own hints.

// configHint says what a server's config is.
const configHint = "config is the body of a Steampipe connection block, one field a line, each a quoted string: " +
	`api_token = "…", team = "my-team", base_url = "https://api.vercel.com".`

// checker is the engine that checks options: the plugin's own checks of a
// connection config, as a query would apply it. It lives as long as the
// backend; PostgreSQL's validator has no room for Go state.
var checker struct {
	mu     sync.Mutex
	engine *inprocess.Engine
}

// raised is an error that says itself how PostgreSQL raises it.
type raised struct{ failure }

func (r *raised) Error() string { return r.message }

// checkOption checks the value of one option the validator accepted by
// name; its error is a failure to raise.
func checkOption(name, value string) *failure {
	switch name {
	case "config":
		if err := checkConfig(value); err != nil {
			return &failure{stateInvalidParameterValue, err.Error(), configHint}
		}
	case tokenOption:
		if strings.TrimSpace(value) == "" {
			return &failure{stateInvalidParameterValue, "api_token is empty",
				"Give the user's Vercel token, OPTIONS (api_token '…'), or drop the user mapping: only a server a superuser owns falls back to another token."}
		}
		if err := checkConfig(withToken("", value, true)); err != nil {
			return &failure{stateInvalidParameterValue, err.Error(),
				"api_token is the user's Vercel token, as Vercel showed it when it was created."}
		}
	}
	return nil
}

// checkConfig configures the checker with config, as Configure would for
// a query, and returns its error (which never shows the api_token).
func checkConfig(config string) error {
	checker.mu.Lock()
	defer checker.mu.Unlock()
	if checker.engine == nil {
		engine, err := inprocess.New(inprocess.CacheOffByDefault())
		if err != nil {
			return fmt.Errorf("check the options: %w", err)
		}
		checker.engine = engine
	}
	return checker.engine.Configure(config)
}
