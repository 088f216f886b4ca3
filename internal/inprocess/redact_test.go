package inprocess

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
)

func TestRedactor(t *testing.T) {
	r := newRedactor("  long_secret_value ", "short", "")
	err := fmt.Errorf("call failed: %w", errors.New("token long_secret_value rejected"))
	assert.Equal(t, "call failed: token [REDACTED] rejected", r.redact(err).Error())
	kinded := r.redact(errkind.New(errkind.Unauthorized, errors.New("token long_secret_value rejected")))
	assert.Equal(t, "token [REDACTED] rejected", kinded.Error())
	assert.Equal(t, errkind.Unauthorized, errkind.Of(kinded), "the kind outlives redaction")
	assert.Equal(t, "short is too short to hide", r.redact(errors.New("short is too short to hide")).Error())

	clean := errors.New("nothing to hide")
	assert.Same(t, clean, r.redact(clean))
	assert.Nil(t, r.redact(nil))
}

func TestPluginErrorStripsGRPCWrapping(t *testing.T) {
	assert.Equal(t, "boom", pluginError(status.Error(codes.Internal, "boom")).Error())
	assert.Equal(t, "boom", pluginError(errors.New("rpc error: code = Unknown desc = boom")).Error())
	marked := pluginError(errors.New("rpc error: code = Unknown desc = vercel: [error:rate_limited] slow down"))
	assert.Equal(t, "vercel: slow down", marked.Error())
	assert.Equal(t, errkind.RateLimited, errkind.Of(marked))
	plain := errors.New("plain")
	assert.Same(t, plain, pluginError(plain))
	assert.Nil(t, pluginError(nil))
}
