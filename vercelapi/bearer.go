package vercelapi

import (
	"fmt"
	"log/slog"
)

// BearerToken is the secret of a token just created: Vercel shows it once,
// in the answer that creates the token. Nothing that formats, logs or
// encodes a BearerToken (fmt's verbs, %#v, slog, encoding/json) shows it;
// only Reveal does.
type BearerToken struct {
	secret string
}

// Reveal returns the secret itself, for the one place that hands it to its
// owner.
func (b BearerToken) Reveal() string { return b.secret }

// IsZero tells a BearerToken that holds no secret.
func (b BearerToken) IsZero() bool { return b.secret == "" }

func (b BearerToken) String() string   { return redacted }
func (b BearerToken) GoString() string { return "vercelapi.BearerToken{" + redacted + "}" }

// Format prints [REDACTED] for every verb, so that a BearerToken inside a
// struct printed with %v or %+v shows no more than on its own.
func (b BearerToken) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, b.GoString())
		return
	}
	fmt.Fprint(f, redacted)
}

// LogValue keeps the secret out of slog's lines.
func (b BearerToken) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON writes "[REDACTED]": a row or a log line encoded as JSON
// never carries the secret by accident.
func (b BearerToken) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }
