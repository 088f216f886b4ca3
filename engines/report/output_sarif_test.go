package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Two findings never share a fingerprint, whatever "/" their connection or
// token id holds; ordinary ones keep the fingerprint of earlier reports.
func TestFingerprintsCannotCollide(t *testing.T) {
	a := result{Connection: "a", Control: "leaked", TokenID: "b/leaked/c"}
	b := result{Connection: "a/leaked/b", Control: "leaked", TokenID: "c"}
	assert.NotEqual(t, findingFingerprint(a), findingFingerprint(b))
	assert.Equal(t, "prod/no_expiry/tok_1AbC", findingFingerprint(result{Connection: "prod", Control: "no_expiry", TokenID: "tok_1AbC"}))
	assert.NotEqual(t, findingFingerprint(result{TokenID: "%2F"}), findingFingerprint(result{TokenID: "/"}))
}

// A token id "." or ".." is no dot segment in a result's location.
func TestPathSegmentsAreNeverDotSegments(t *testing.T) {
	for in, want := range map[string]string{".": "%2E", "..": "%2E%2E", "...": "...", "a/b": "a%2Fb", "%": "%25", "tok_1": "tok_1"} {
		assert.Equal(t, want, pathSegment(in), "pathSegment(%q)", in)
	}
}
