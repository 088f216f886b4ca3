// Command vercel-emulator serves the Vercel auth-token API emulator on a
// loopback address, or writes a generated fixture file.
//
//	vercel-emulator -tokens 300 -seed 1                  # serve generated tokens
//	vercel-emulator -fixture emulator/fixtures/sample.json -addr 127.0.0.1:0
//	vercel-emulator -tokens 300 -seed 1 -write-fixture emulator/fixtures/sample.json
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return
	case errors.Is(err, errUsage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "vercel-emulator:", err)
		os.Exit(1)
	}
}
