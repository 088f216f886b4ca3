package emulator

import (
	"net/http"
	"strings"
)

// reply is an answer before it is written: handlers build replies, the
// server adds headers and faults and writes them.
type reply struct {
	status int
	body   any
	header map[string]string
	// rate replaces the request's rate-limit state in the headers (429s).
	rate *rateState
	// raw, when set, is sent instead of body encoded as JSON, with
	// contentType.
	raw         []byte
	contentType string
}

func okReply(body any) *reply {
	return &reply{status: http.StatusOK, body: body}
}

type errorBody struct {
	Error apiError `json:"error"`
}

type apiError struct {
	Code    string     `json:"code"`
	Message string     `json:"message"`
	Limit   *limitInfo `json:"limit,omitempty"`
}

type limitInfo struct {
	Remaining int   `json:"remaining"`
	Reset     int64 `json:"reset"`   // epoch seconds
	ResetMs   int64 `json:"resetMs"` // epoch milliseconds
	Total     int   `json:"total"`
}

func errorReply(status int, code, message string) *reply {
	return &reply{status: status, body: errorBody{Error: apiError{Code: code, Message: message}}}
}

func badRequest(message string) *reply {
	return errorReply(http.StatusBadRequest, "bad_request", "Invalid request: "+message)
}

// errorCode is the error.code Vercel uses for a status; statuses the
// reference does not name get the snake-cased status text.
func errorCode(status int) string {
	switch {
	case status == http.StatusUnauthorized:
		return "not_authenticated"
	case status == http.StatusTooManyRequests:
		return "rate_limited"
	case status >= 500:
		return "internal_server_error"
	case http.StatusText(status) == "":
		return "error"
	default:
		return strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "_")
	}
}
