package main

import (
	"testing"
	"time"
)

func TestFormatTimestamp(t *testing.T) {
	at := time.Date(2024, 5, 1, 14, 0, 0, 123_456_789, time.FixedZone("CEST", 2*3600))
	if got, want := formatTimestamp(at), "2024-05-01T12:00:00.123Z"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	// Fixed width keeps text order equal to time order.
	if formatTimestamp(at.Truncate(time.Second)) >= formatTimestamp(at) {
		t.Error("a whole second sorts after a later time")
	}
}
