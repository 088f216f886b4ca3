package main

import (
	"context"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunErrorsSayWhatFailed(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	unwritable := filepath.Join(t.TempDir(), "no-such-dir", "f.json")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"fixture in a missing directory", []string{"-tokens", "2", "-write-fixture", unwritable}, "writing fixture " + unwritable + ": "},
		{"address in use", []string{"-tokens", "2", "-addr", busy.Addr().String()}, "listening on " + busy.Addr().String() + ": "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := run(context.Background(), tc.args, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
