// Package vercelapi is a small client for Vercel's REST API: the auth-token
// endpoints the plugin needs. Every call goes through one request path
// (Client.do) that adds authentication and team context, retries what is
// worth retrying and turns error answers into *Error.
package vercelapi

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/hashicorp/go-hclog"
)

// DefaultBaseURL is Vercel's public API endpoint.
const DefaultBaseURL = "https://api.vercel.com"

// Config holds what a Client needs. Only Token is required.
type Config struct {
	// Token is the bearer token. It is sent in the Authorization header and
	// nowhere else: never logged, never part of an error, even when a server
	// echoes it back (the client masks it in every error and log line).
	Token string
	// Team is an optional team context: a value starting "team_" is sent as
	// teamId, any other as slug.
	Team string
	// BaseURL defaults to DefaultBaseURL. Plain http is accepted only for
	// loopback hosts, so the token never crosses a network in clear.
	BaseURL string
	// HTTPClient defaults to a client with a 60 s timeout per request that
	// follows no redirects.
	HTTPClient *http.Client
	// Retry defaults to DefaultRetryPolicy.
	Retry *RetryPolicy
	// Logger receives one TRACE line per request (method, path, query,
	// status, duration); defaults to a null logger.
	Logger hclog.Logger
	// UserAgent defaults to "steampipe-plugin-vercel".
	UserAgent string
}

// Client talks to the Vercel API. It is safe for concurrent use.
type Client struct {
	baseURL    *url.URL
	secret     secret
	teamParam  string
	teamValue  string
	httpClient *http.Client
	retry      RetryPolicy
	logger     hclog.Logger
	userAgent  string
}

// ErrMissingToken is returned by NewClient when Config.Token is empty.
var ErrMissingToken = errors.New("vercelapi: no API token given")

// NewClient checks cfg and returns a Client.
func NewClient(cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, ErrMissingToken
	}
	if err := CheckTokenLength(cfg.Token); err != nil {
		return nil, err
	}
	if strings.ContainsFunc(cfg.Token, unicode.IsControl) {
		return nil, ErrTokenHasControlCharacter
	}
	rawBase := cfg.BaseURL
	if rawBase == "" {
		rawBase = DefaultBaseURL
	}
	base, err := ParseBaseURL(rawBase)
	if err != nil {
		return nil, err
	}
	c := &Client{
		baseURL:    base,
		secret:     newSecret(cfg.Token),
		httpClient: cfg.HTTPClient,
		retry:      DefaultRetryPolicy(),
		logger:     cfg.Logger,
		userAgent:  cfg.UserAgent,
	}
	c.teamParam, c.teamValue = TeamQueryParam(cfg.Team)
	if c.httpClient == nil {
		c.httpClient = &http.Client{Timeout: 60 * time.Second, CheckRedirect: refuseRedirects}
	}
	if cfg.Retry != nil {
		c.retry = *cfg.Retry
	}
	if c.logger == nil {
		c.logger = hclog.NewNullLogger()
	}
	if c.userAgent == "" {
		c.userAgent = "steampipe-plugin-vercel"
	}
	return c, nil
}

// refuseRedirects hands a 3xx back as the answer. Vercel's API does not
// redirect, and Go would carry the Authorization header to a redirect on the
// same host even over plain http, past the check ParseBaseURL makes.
func refuseRedirects(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}

// TeamQueryParam tells which query parameter carries a team context:
// "teamId" for ids (team_…), "slug" for anything else, none for "".
func TeamQueryParam(team string) (param, value string) {
	team = strings.TrimSpace(team)
	switch {
	case team == "":
		return "", ""
	case strings.HasPrefix(team, "team_"):
		return "teamId", team
	default:
		return "slug", team
	}
}

// ParseBaseURL accepts an https URL, or an http URL whose host is loopback
// (127.0.0.0/8, localhost, ::1). Any other plaintext URL is refused because
// the bearer token would travel in clear. Its errors show the URL with any
// credentials in it masked.
func ParseBaseURL(raw string) (*url.URL, error) {
	shown := maskUserinfo(raw)
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil {
		if shown != raw {
			// The parser's reason may quote a piece of the credentials.
			return nil, fmt.Errorf("base_url %q is not a valid URL, and must not carry credentials anyway", shown)
		}
		return nil, fmt.Errorf("base_url %q is not a valid URL: %w", raw, err)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("base_url %q must not carry credentials, a query or a fragment", shown)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("base_url %q has no host: use a form like https://api.vercel.com", shown)
	}
	switch u.Scheme {
	case "https":
		return u, nil
	case "http":
		if isLoopbackHost(u.Hostname()) {
			return u, nil
		}
		return nil, fmt.Errorf("base_url %q uses plain http to a non-loopback host: the API token would cross the network in clear; use https:// (http:// is allowed only for 127.0.0.0/8, localhost and [::1])", shown)
	default:
		return nil, fmt.Errorf("base_url %q must start with https://", shown)
	}
}

// maskUserinfo shows raw with everything between its scheme and its last
// "@" as errkind.Redacted: wherever a parser would find user information, whatever
// else is wrong with the URL, none of it is shown.
func maskUserinfo(raw string) string {
	at := strings.LastIndex(raw, "@")
	if at < 0 {
		return raw
	}
	start := 0
	if i := strings.Index(raw[:at], "://"); i >= 0 {
		start = i + len("://")
	}
	return raw[:start] + redacted + raw[at:]
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
