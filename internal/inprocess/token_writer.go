package inprocess

import (
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// TokenWriter is the connection's writer of tokens, for the engines that
// offer INSERT and DELETE on vercel_user_token; it follows the latest
// Configure, like queries. Its errors carry no secret.
func (e *Engine) TokenWriter() (*vercel.TokenWriter, error) {
	if err := e.ensureConfigured(); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.writer == nil {
		w, err := vercel.NewTokenWriter(e.writerConfig)
		if err != nil {
			return nil, e.secrets.redact(err)
		}
		e.writer = w
	}
	return e.writer, nil
}
