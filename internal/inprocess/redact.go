package inprocess

import (
	"errors"
	"strings"
)

// minSecretLength keeps the redactor from mangling messages over values too
// short to be real tokens.
const minSecretLength = 6

const redacted = "[redacted]"

// redactor removes known secrets from error messages: the API client never
// puts the token in an error, this is the second line of defence.
type redactor struct {
	secrets []string
}

func newRedactor(secrets ...string) redactor {
	var r redactor
	for _, s := range secrets {
		if s = strings.TrimSpace(s); len(s) >= minSecretLength {
			r.secrets = append(r.secrets, s)
		}
	}
	return r
}

// redact returns err, or an error with err's message minus the secrets if
// it contained any (the chain is dropped then: it holds the secret too).
func (r redactor) redact(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := msg
	for _, s := range r.secrets {
		clean = strings.ReplaceAll(clean, s, redacted)
	}
	if clean == msg {
		return err
	}
	return errors.New(clean)
}
