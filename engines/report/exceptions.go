package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
)

// exception is an accepted finding: an alarm of one control on one token
// that someone accepted until a date.
type exception struct {
	TokenID string `json:"token_id"`
	Control string `json:"control"`
	// Connection limits the exception to one connection ("" for any).
	Connection string `json:"connection,omitempty"`
	Reason     string `json:"reason"`
	AcceptedBy string `json:"accepted_by"`
	// Until is a date (YYYY-MM-DD, UTC): the exception holds through that
	// day, and the finding alarms again from the next.
	Until string `json:"until"`
}

// appliedException is the exception attached to a result.
type appliedException struct {
	exception
	// Expired is true once Until has passed: the finding alarms again.
	Expired bool `json:"expired"`
}

type exceptionsFile struct {
	Exceptions []exception `json:"exceptions"`
}

// loadExceptions reads and checks an exceptions file: one JSON object and
// nothing after it.
func loadExceptions(ctx context.Context, path string, controls []control) ([]exception, error) {
	data, err := readInputFile(ctx, path, maxExceptionsFile)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var file exceptionsFile
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: text after the exceptions object at byte %d: the file must hold one {\"exceptions\": [...]} object", path, dec.InputOffset())
	}
	seen := map[exception]bool{}
	for i, e := range file.Exceptions {
		if err := e.check(controls); err != nil {
			return nil, fmt.Errorf("%s: exception #%d: %w", path, i+1, err)
		}
		k := exception{TokenID: e.TokenID, Control: e.Control, Connection: e.Connection}
		if seen[k] {
			return nil, fmt.Errorf("%s: exception #%d: token %s and control %s are accepted twice", path, i+1, e.TokenID, e.Control)
		}
		seen[k] = true
	}
	return file.Exceptions, nil
}

func (e exception) check(controls []control) error {
	switch {
	case e.TokenID == "":
		return errors.New("missing token_id")
	case e.Reason == "":
		return errors.New("missing reason: say why the finding is accepted")
	case e.AcceptedBy == "":
		return errors.New("missing accepted_by: say who accepted it")
	}
	if !slices.ContainsFunc(controls, func(c control) bool { return c.ID == e.Control }) {
		return fmt.Errorf("control %q is not one of the benchmark's", e.Control)
	}
	if _, err := time.Parse(time.DateOnly, e.Until); err != nil {
		return fmt.Errorf("until %q: want a date such as 2026-12-31", e.Until)
	}
	return nil
}

// expiredAt tells whether the exception no longer holds at now.
func (e exception) expiredAt(now time.Time) bool {
	until, _ := time.Parse(time.DateOnly, e.Until) // checked on load
	return !now.Before(until.AddDate(0, 0, 1))
}

func (e exception) covers(r result) bool {
	return e.TokenID == r.TokenID && e.Control == r.Control && (e.Connection == "" || e.Connection == r.Connection)
}

// attachException attaches to an alarm the exception that covers it, if
// any.
func attachException(r *result, exceptions []exception, now time.Time) {
	if r.Status != statusAlarm {
		return
	}
	for _, e := range exceptions {
		if e.covers(*r) {
			r.Exception = &appliedException{exception: e, Expired: e.expiredAt(now)}
		}
	}
}

// staleExceptions are the exceptions that name no token of the audited
// connections, as known tells.
func staleExceptions(exceptions []exception, known func(tokenID, connection string) (bool, error)) (stale []exception, err error) {
	for _, e := range exceptions {
		found, err := known(e.TokenID, e.Connection)
		if err != nil {
			return nil, err
		}
		if !found {
			stale = append(stale, e)
		}
	}
	return stale, nil
}
