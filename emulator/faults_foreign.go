package emulator

import (
	"fmt"
	"html"
	"net/http"
)

// ForeignNotFound is a 404 that does not come from Vercel's token API, as a
// proxy or a mistyped base_url path gives.
type ForeignNotFound int

const (
	// Foreign404Off answers normally.
	Foreign404Off ForeignNotFound = iota
	// Foreign404HTML answers an HTML page, as a web server or proxy does.
	Foreign404HTML
	// Foreign404JSON answers Vercel-shaped JSON whose error.code is not
	// not_found, as another Vercel service does.
	Foreign404JSON
)

func foreignNotFound(kind ForeignNotFound, path string) *reply {
	if kind == Foreign404JSON {
		return errorReply(http.StatusNotFound, "DEPLOYMENT_NOT_FOUND", "The deployment could not be found on Vercel.")
	}
	page := fmt.Sprintf("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<p>%s</p>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", html.EscapeString(path))
	return &reply{status: http.StatusNotFound, raw: []byte(page), contentType: "text/html"}
}
