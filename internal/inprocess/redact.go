package inprocess

import (
	"errors"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
)

// minSecretLength keeps the redactor from mangling messages over values too
// short to be real tokens.
const minSecretLength = 6

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
// it contained any (the chain is dropped then: it holds the secret too; the
// kind, which holds no text, is kept).
func (r redactor) redact(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := msg
	for _, s := range r.secrets {
		clean = strings.ReplaceAll(clean, s, errkind.Redacted)
	}
	if clean == msg {
		return err
	}
	if kind := errkind.Of(err); kind != "" {
		return errkind.New(kind, errors.New(clean))
	}
	return errors.New(clean)
}
