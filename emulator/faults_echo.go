package emulator

import (
	"net/http"
	"slices"
	"strings"
)

// echoHeaders writes the request's headers into an error answer's
// error.code (the Authorization header as sent) and error.message (every
// header, then the bare credential), as a careless server does.
func echoHeaders(rep *reply, header http.Header) *reply {
	body, ok := rep.body.(errorBody)
	if rep.status < 400 || !ok {
		return rep
	}
	names := make([]string, 0, len(header))
	for name := range header {
		names = append(names, name)
	}
	slices.Sort(names)
	lines := make([]string, 0, len(names)+1)
	for _, name := range names {
		lines = append(lines, name+": "+strings.Join(header.Values(name), ", "))
	}
	authorization := header.Get("Authorization")
	if _, credential, found := strings.Cut(authorization, " "); found {
		lines = append(lines, "credential: "+credential)
	}
	echoed := *rep
	body.Error.Code = authorization
	body.Error.Message = body.Error.Message + " (request headers: " + strings.Join(lines, "; ") + ")"
	echoed.body = body
	return &echoed
}
