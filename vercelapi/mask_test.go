package vercelapi

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMaskerMasksEveryOccurrence(t *testing.T) {
	for _, tc := range []struct {
		name        string
		forms       []string
		text, want  string
		description string
	}{
		{"none", []string{"tok"}, "nothing here", "nothing here", ""},
		{"whole text", []string{"tok"}, "tok", "#", ""},
		{"twice", []string{"tok"}, "a tok b tok", "a # b #", ""},
		{"adjacent", []string{"tok"}, "toktok", "#", "two occurrences side by side are one masked stretch"},
		{"overlapping", []string{"abab"}, "xababab-", "x#-", "an occurrence overlapping another is masked too"},
		{"periodic token", []string{"aaaa"}, "aaaaaaa", "#", ""},
		{"near misses", []string{"aab"}, "aaaab aab", "aa# #", ""},
		{"two forms, one inside the other", []string{"a b", "a+b"}, "a b|a+b|a%20b", "#|#|a%20b", ""},
		{"forms overlapping each other", []string{"abc", "cde"}, "abcde", "#", ""},
		{"empty and repeated forms ignored", []string{"", "x", "x"}, "axa", "a#a", ""},
		{"multibyte", []string{"é€"}, "aé€b", "a#b", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMasker(tc.forms)
			got, err := m.mask(t.Context(), tc.text, "#")
			require.NoError(t, err)
			assert.Equal(t, tc.want, got, tc.description)
			assert.Equal(t, tc.want != tc.text, m.shows(tc.text))
		})
	}
}

// hostileToken and hostileBody are the repetitive input that made
// strings.Replacer's set-up quadratic: a token of one letter repeated, a
// body that nearly matches it everywhere.
func hostileToken() string {
	return strings.Repeat("a", MaxTokenBytes-1) + "b"
}

func hostileBody(n int) string {
	return strings.Repeat("a", n) + hostileToken() + strings.Repeat("a", MaxTokenBytes/2)
}

func TestMaskingAHostileBodyIsCorrect(t *testing.T) {
	token := hostileToken()
	c, err := NewClient(Config{Token: token, BaseURL: "http://127.0.0.1:1"})
	require.NoError(t, err)
	got := c.secret.redact(hostileBody(4 << 20))
	assert.Equal(t, strings.Repeat("a", 4<<20)+redacted+strings.Repeat("a", MaxTokenBytes/2), got)
}

func TestMaskingIsSetUpOnceWithTheClient(t *testing.T) {
	c, err := NewClient(Config{Token: hostileToken(), BaseURL: "http://127.0.0.1:1"})
	require.NoError(t, err)
	clean := strings.Repeat("a", 1<<20)
	// A masker built per call (a strings.Replacer, a failure table)
	// allocates; scanning with the client's own allocates nothing.
	allocs := testing.AllocsPerRun(5, func() { _ = c.secret.redact(clean) })
	assert.Zero(t, allocs, "masking a text without the token allocated: something is built per call")
	body := hostileBody(1 << 20)
	allocs = testing.AllocsPerRun(5, func() { _ = c.secret.redact(body) })
	assert.LessOrEqual(t, allocs, 3.0, "masking one occurrence needs its span and the result, nothing per byte")
}

func TestMaskingHonoursTheContext(t *testing.T) {
	m := newMasker([]string{hostileToken()})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	got, err := m.mask(ctx, hostileBody(1<<20), redacted)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, got, "an interrupted mask returns nothing, never the unmasked text")
}

func TestAnErrorAnswerCancelledWhileReadIsReportedAsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"error":{"code":"x","message":%q}}`, hostileBody(8<<20))
		w.(http.Flusher).Flush()
		cancel() // before the answer ends: the client sees ctx done when it looks at the body
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(Config{Token: hostileToken(), BaseURL: srv.URL, Retry: fastRetry()})
	require.NoError(t, err)
	_, err = c.GetToken(ctx, "tok")
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, strings.Contains(err.Error(), hostileToken()), "token leaked")
}

func TestAnErrorKeepsTheStartOfALongMessageMasked(t *testing.T) {
	token := hostileToken()
	message := strings.Repeat("x", maxMessageBytes-10) + token + strings.Repeat("y", 1<<20)
	srv := newRecordingServer(t, cannedAnswer{status: 400, body: fmt.Sprintf(`{"error":{"code":%q,"message":%q}}`, "c"+token, message)})
	c, err := NewClient(Config{Token: token, BaseURL: srv.URL, Retry: fastRetry()})
	require.NoError(t, err)
	_, err = c.GetToken(t.Context(), "tok")
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "c"+redacted, apiErr.Code)
	assert.True(t, strings.HasPrefix(apiErr.Message, strings.Repeat("x", maxMessageBytes-10)+"[REDAC"), "the message is masked, then cut")
	assert.Contains(t, apiErr.Message, fmt.Sprintf("(%d bytes)", len(message)-len(token)+len(redacted)))
	assert.False(t, strings.Contains(err.Error(), token[:40]), "a piece of the token leaked")
	assert.Less(t, len(err.Error()), 2*maxMessageBytes, "a 1 MB message does not make a 1 MB error")
}

func TestNewClientRefusesAnAbsurdlyLongToken(t *testing.T) {
	for _, size := range []int{MaxTokenBytes + 1, 400 << 10, 4 << 20} {
		token := strings.Repeat("s", size)
		_, err := NewClient(Config{Token: token})
		var tooLong *TokenTooLongError
		require.ErrorAs(t, err, &tooLong, "%d bytes", size)
		assert.Equal(t, size, tooLong.Bytes)
		assert.Contains(t, err.Error(), fmt.Sprintf("%d bytes long, more than the 1024 bytes", size))
		assert.False(t, strings.Contains(err.Error(), strings.Repeat("s", 16)), "the message must not print the token")
	}
	_, err := NewClient(Config{Token: strings.Repeat("s", MaxTokenBytes)})
	assert.NoError(t, err, "a token of exactly the limit is taken")
}

func BenchmarkMaskHostileBody(b *testing.B) {
	for _, size := range []int{1 << 20, 16 << 20} {
		b.Run(fmt.Sprintf("%dMiB", size>>20), func(b *testing.B) {
			c, err := NewClient(Config{Token: hostileToken(), BaseURL: "http://127.0.0.1:1"})
			require.NoError(b, err)
			body := hostileBody(size)
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				_ = c.secret.redact(body)
			}
		})
	}
}
