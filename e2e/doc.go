// Package e2e drives the built plugin binary the way Steampipe does: it starts
// the process with go-plugin and the SDK's handshake, talks to it over the
// SDK's gRPC client, and points it at the project's Vercel emulator on
// 127.0.0.1. Everything here lives in _test.go files.
package e2e
