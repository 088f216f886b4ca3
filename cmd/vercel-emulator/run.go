package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// run serves until ctx ends, or writes a fixture and returns.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseConfig(args, stderr)
	if err != nil {
		return err
	}
	fixture, err := loadFixture(c)
	if err != nil {
		return err
	}
	if c.writeFixture != "" {
		return writeFixture(fixture, c.writeFixture, stderr)
	}
	return serve(ctx, c, fixture, stdout, stderr)
}

func loadFixture(c config) (*emulator.Fixture, error) {
	if c.fixturePath != "" {
		return emulator.LoadFixture(c.fixturePath)
	}
	if c.relativeNow {
		return emulator.GenerateFixtureAt(c.tokens, c.seed, time.Now()), nil
	}
	return emulator.GenerateFixture(c.tokens, c.seed), nil
}

func writeFixture(f *emulator.Fixture, path string, stderr io.Writer) error {
	data, err := f.MarshalPretty()
	if err != nil {
		return fmt.Errorf("writing fixture %s: %w", path, err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("writing fixture %s: %w", path, err)
	}
	fmt.Fprintf(stderr, "wrote %d tokens to %s\n", len(f.Tokens), path)
	return nil
}

func serve(ctx context.Context, c config, f *emulator.Fixture, stdout, stderr io.Writer) error {
	srv, err := emulator.New(f, emulator.WithCursor(c.cursor))
	if err != nil {
		return fmt.Errorf("starting the emulator: %w", err)
	}
	faults := c.faults
	faults.Latency = c.latency
	srv.SetFaults(faults)
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", c.addr, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: emulator.MaxHeaderBytes}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	// These are fixture secrets for a local emulator, not real credentials.
	fmt.Fprintf(stderr, "use api_token from the fixture's bearer_tokens: %s\n", strings.Join(secrets(f), " "))
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())

	select {
	case err := <-served:
		return fmt.Errorf("serving on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		_ = hs.Close()
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutting down the server on %s: %w", ln.Addr(), err)
	}
	return nil
}

func secrets(f *emulator.Fixture) []string {
	list := make([]string, 0, len(f.BearerTokens))
	for secret := range f.BearerTokens {
		list = append(list, secret)
	}
	slices.Sort(list)
	return list
}
