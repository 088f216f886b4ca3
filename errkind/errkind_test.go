package errkind

import (
	"errors"
	"fmt"
	"testing"
)

func TestOfFindsTheKindInTheChain(t *testing.T) {
	base := errors.New("GET /v5/user/tokens: 401 Unauthorized")
	err := fmt.Errorf("query: %w", New(Unauthorized, base))
	if Of(err) != Unauthorized || !errors.Is(err, base) {
		t.Errorf("kind %q of %v", Of(err), err)
	}
	if Of(base) != "" || Of(nil) != "" || New(Timeout, nil) != nil {
		t.Error("no kind without one")
	}
}

// The SDK may flatten the plugin's error to text and prefix it with the
// connection's name: the kind comes back, the mark does not show.
func TestAMarkSurvivesText(t *testing.T) {
	for _, kind := range kinds {
		err := Marked(fmt.Errorf("explained: %w", New(kind, errors.New("cause"))))
		flattened := errors.New("vercel: " + err.Error())
		back := FromText(flattened)
		if Of(back) != kind {
			t.Errorf("%s: came back as %q from %q", kind, Of(back), flattened)
		}
		if back.Error() != "vercel: explained: cause" {
			t.Errorf("%s: message %q", kind, back.Error())
		}
	}
}

func TestMarkedOnce(t *testing.T) {
	err := Marked(Marked(New(Forbidden, errors.New("no"))))
	if err.Error() != "[error:forbidden] no" {
		t.Errorf("got %q", err.Error())
	}
	plain := errors.New("plain")
	if Marked(plain) != plain {
		t.Error("an error without a kind is left alone")
	}
}

func TestFromTextLeavesOtherTextAlone(t *testing.T) {
	for _, msg := range []string{"plain", "[error:nonsense] x", "[error:timeout]x", "[error:"} {
		err := errors.New(msg)
		if back := FromText(err); back != err {
			t.Errorf("%q became %v (%q)", msg, back, Of(back))
		}
	}
	typed := New(NotFound, errors.New("[error:timeout] x"))
	back := FromText(typed)
	if Of(back) != NotFound || back.Error() != "x" || !errors.Is(back, typed) {
		t.Errorf("a typed kind wins over text, the mark goes, the chain stays: %q %q", Of(back), back)
	}
}

// An API's message is text inside an error: a mark in it is not where
// Marked puts one, so it gives no kind, and a real mark still wins.
func TestFromTextIgnoresAMarkInsideTheMessage(t *testing.T) {
	for _, msg := range []string{
		"GET /v6/user/tokens: 400 Bad Request: [error:unauthorized] pretend",
		"vercel: listing: GET /v6/user/tokens: 400 Bad Request: [error:rate_limited] pretend",
		"vercel: x: [error:unauthorized] pretend",
		"a b: [error:rate_limited] pretend",
		": [error:unauthorized] pretend",
	} {
		err := errors.New(msg)
		if back := FromText(err); back != err || Of(back) != "" {
			t.Errorf("%q got kind %q", msg, Of(back))
		}
	}
	real := errors.New("vercel: [error:timeout] GET /x: 400 Bad Request: [error:unauthorized] pretend")
	back := FromText(real)
	if Of(back) != Timeout || back.Error() != "vercel: GET /x: 400 Bad Request: [error:unauthorized] pretend" {
		t.Errorf("the plugin's own mark is read, the API's text kept: %q %q", Of(back), back)
	}
}
