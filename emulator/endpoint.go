package emulator

import (
	"net/url"
	"strings"
)

// Endpoint is the kind of request, as counted by the emulator.
type Endpoint string

const (
	EndpointList    Endpoint = "list"    // GET /v6/user/tokens, GET /v5/user/tokens
	EndpointGet     Endpoint = "get"     // GET /v5/user/tokens/{id}
	EndpointCurrent Endpoint = "current" // GET /v5/user/tokens/current
	EndpointCreate  Endpoint = "create"  // POST /v3/user/tokens
	EndpointDelete  Endpoint = "delete"  // DELETE /v3/user/tokens/{id}
	EndpointTeams   Endpoint = "teams"   // GET /v2/teams
	EndpointTeam    Endpoint = "team"    // GET /v2/teams/{idOrSlug}
	EndpointUser    Endpoint = "user"    // GET /v2/user
	EndpointOther   Endpoint = "other"   // anything else, including wrong methods
)

type route struct {
	endpoint Endpoint
	tokenID  string // for get and delete
	teamRef  string // for team: an id or a slug
	method   string // the one method the path answers to; "" for unknown paths
}

func matchPath(path string) route {
	switch path {
	case "/v6/user/tokens", "/v5/user/tokens":
		return route{endpoint: EndpointList, method: "GET"}
	case "/v3/user/tokens":
		return route{endpoint: EndpointCreate, method: "POST"}
	case "/v5/user/tokens/current":
		return route{endpoint: EndpointCurrent, method: "GET"}
	case "/v2/teams":
		return route{endpoint: EndpointTeams, method: "GET"}
	case "/v2/user":
		return route{endpoint: EndpointUser, method: "GET"}
	}
	if ref, ok := tokenIDIn(path, "/v2/teams/"); ok {
		return route{endpoint: EndpointTeam, teamRef: ref, method: "GET"}
	}
	if id, ok := tokenIDIn(path, "/v5/user/tokens/"); ok {
		return route{endpoint: EndpointGet, tokenID: id, method: "GET"}
	}
	if id, ok := tokenIDIn(path, "/v3/user/tokens/"); ok {
		return route{endpoint: EndpointDelete, tokenID: id, method: "DELETE"}
	}
	return route{endpoint: EndpointOther}
}

// tokenIDIn reads the id that is the one segment after prefix in an escaped
// path: "a%2Fb" is the id "a/b", "%2E%2E" the id "..".
func tokenIDIn(path, prefix string) (string, bool) {
	segment, ok := strings.CutPrefix(path, prefix)
	if !ok || segment == "" || strings.Contains(segment, "/") {
		return "", false
	}
	id, err := url.PathUnescape(segment)
	return id, err == nil
}

// resolveRoute classifies a request by its escaped path; problem is set when
// the path is unknown or does not answer to the method.
func resolveRoute(method, path string) (r route, problem *reply) {
	r = matchPath(path)
	switch {
	case r.method == "":
		return r, errorReply(404, "not_found", "The requested path was not found: "+path)
	case r.method != method:
		rep := errorReply(405, "method_not_allowed", "Method "+method+" is not allowed on "+path)
		rep.header = map[string]string{"Allow": r.method}
		return route{endpoint: EndpointOther}, rep
	}
	return r, nil
}
