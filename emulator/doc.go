// Package emulator is an in-process stand-in for the part of the Vercel REST
// API the plugin uses: the user's auth tokens (list, get, current, create,
// delete), the user's teams (list, get by id or slug) and the user. Every
// test of the project talks to it instead of api.vercel.com.
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
// Create (POST /v3/user/tokens) wants a non-empty name and, when given, an
// expiresAt in the future; it takes a projectId and the team context of the
// request, which the caller's token must reach (403 otherwise), and answers
// the token with its bearerToken. Revoke (DELETE /v3/user/tokens/{id}, or
// current) deletes the token as Vercel does: it disappears from the list and
// a get, and its secret stops working; revokedAt is never set (Vercel's
// AuthToken schema has no such field; a fixture's own revokedAt is passed
// through). An unknown id is 404 not_found.
//
// fixtures/sample.json is GenerateFixture(300, 1); regenerate it with
// go generate after changing the generator.
package emulator

//go:generate go run ../cmd/vercel-emulator -tokens 300 -seed 1 -write-fixture fixtures/sample.json
