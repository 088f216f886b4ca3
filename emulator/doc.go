// Package emulator is an in-process stand-in for the part of the Vercel REST
// API that deals with the user's auth tokens (list, get, current, create,
// delete). Every test of the project talks to it instead of api.vercel.com.
//
// The emulator starts from a Fixture (hand-written, loaded from a JSON file or
// generated), keeps tokens as the raw JSON Vercel would send, pages them the
// way Vercel does and can be told to misbehave (latency, error statuses, rate
// limiting with odd hints, broken bodies, looping, endless or repeating
// pages, huge cursors, foreign 404s, error bodies that echo the credential)
// while recording every request:
//
//	f := emulator.GenerateFixture(250, 1)
//	url, srv, stop, err := emulator.Start(f, emulator.WithCursor(emulator.CursorString))
//	defer stop()
//	srv.SetFaults(emulator.Faults{Statuses: []int{429}, RetryAfter: "0"})
//	// … point the client at url with api_token f.Secret() …
//	_ = srv.Count(emulator.EndpointList)
//
// fixtures/sample.json is GenerateFixture(300, 1); regenerate it with
// go generate after changing the generator.
package emulator

//go:generate go run ../cmd/vercel-emulator -tokens 300 -seed 1 -write-fixture fixtures/sample.json
