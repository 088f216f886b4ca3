package main

import (
	"bytes"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResultEncoderWritesWhatEncodingJSONWrites(t *testing.T) {
	text := func(s string) *string { return &s }
	strange := []string{
		"", "plain", `a "quoted" name`, `back\slash`, "tab\there", "new\nline", "nul\x00byte", "\x1f",
		"<b>&amp;</b>", "café ☕", "invalid \xff\xfe utf-8", "line\u2028sep\u2029para", "replacement \ufffd", "emoji 😀", "\x7f",
	}
	base := result{
		Control: "unused", Severity: "medium", Status: statusAlarm, Connection: "vercel", TokenID: "tok_1",
		Name: "ci", Prefix: text("vcp_"), Suffix: text("abcd"), Reason: "not used since 2026-07-02 (145 days)",
		Remediation: "Revoke it under Account Settings → Tokens.",
	}
	var cases []result
	cases = append(cases, base)
	for _, s := range strange {
		for field := range 7 {
			r := base
			switch field {
			case 0:
				r.Control = s
			case 1:
				r.Connection = s
			case 2:
				r.TokenID = s
			case 3:
				r.Name = s
			case 4:
				r.Prefix, r.Suffix = text(s), nil
			case 5:
				r.Reason = s
			case 6:
				r.Remediation = s
			}
			cases = append(cases, r)
		}
	}
	withException := base
	withException.Exception = &appliedException{exception: exception{TokenID: "tok_1", Control: "unused", Reason: "known <ok>", AcceptedBy: "ana", Until: "2027-01-01"}, Expired: true}
	withException.Baseline = baselineStillOpen
	noEnds := base
	noEnds.Prefix, noEnds.Suffix, noEnds.Baseline = nil, nil, baselineNew
	cases = append(cases, withException, noEnds)

	enc := newResultEncoder()
	for _, r := range cases {
		want, err := marshal(&r)
		require.NoError(t, err)
		var got bytes.Buffer
		got.WriteString("before,")
		require.NoError(t, enc.encode(&got, &r))
		assert.Equal(t, "before,"+string(want), got.String())
	}
	// encodeEach keeps each result's line, all lines in one buffer.
	kept := slices.Clone(cases)
	require.NoError(t, enc.encodeEach(kept))
	for i, r := range kept {
		want, _ := marshal(&cases[i])
		assert.Equal(t, string(want), string(r.encoded))
		var got bytes.Buffer
		require.NoError(t, enc.encode(&got, &r))
		assert.Equal(t, string(want), got.String(), "encode writes the kept line")
	}
	// Each control's shared fields come from a cache: a second pass over
	// the same results must still give each its own.
	for _, r := range cases {
		want, _ := marshal(&r)
		var got bytes.Buffer
		require.NoError(t, enc.encode(&got, &r))
		assert.Equal(t, string(want), got.String())
	}
}
