package vercel

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

// explain turns an API error into one that says what went wrong and what to
// do about it, its kind marked in its message (errkind.Marked): the SDK may
// hand it to the host as text. The original stays wrapped, so errors.As
// still finds it.
func explain(err error) error {
	return errkind.Marked(describe(err))
}

// clientError is explain for a client that could not be made: the token is
// missing, or the config is invalid.
func clientError(err error) error {
	kind := errkind.BadConfig
	if errors.Is(err, ErrTokenNotSet) {
		kind = errkind.Unauthorized
	}
	return errkind.Marked(errkind.New(kind, err))
}

func describe(err error) error {
	var (
		apiErr  *vercelapi.Error
		paging  *vercelapi.PagingError
		timeout *vercelapi.TimeoutError
	)
	switch {
	case errors.As(err, &paging):
		return fmt.Errorf("the API's list would not end as Vercel's does, so the query stopped rather than return rows that may be wrong or incomplete: check base_url (if set), which must point at Vercel's API, then try again later (%w)", err)
	case errors.As(err, &timeout):
		return fmt.Errorf("the Vercel API did not answer in time (%w); if it keeps timing out, check base_url (if set) and any proxy or firewall between here and the API", err)
	case !errors.As(err, &apiErr):
		return err
	}
	switch apiErr.StatusCode {
	case http.StatusNotFound:
		not := ""
		if !vercelapi.IsNotFound(err) {
			not = ", and not with Vercel's not_found error"
		}
		return fmt.Errorf("%s answered 404 Not Found%s: it is not the Vercel API endpoint the plugin expects; check base_url in the connection config (leave it unset for https://api.vercel.com) (%w)", apiErr.URL, not, err)
	case http.StatusUnauthorized:
		return fmt.Errorf("Vercel rejected the API token: it is invalid, expired or revoked; create a token at https://vercel.com/account/tokens and set it as %s (%w)", whereToSetToken, err)
	case http.StatusForbidden:
		if apiErr.Team != "" {
			return fmt.Errorf("the API token has no access to team %q: check team in the connection config (or %s) and that the token's scope includes that team (%w)", apiErr.Team, EnvTeam, err)
		}
		return fmt.Errorf("the API token is not authorized for this request: check the token's scope (%w)", err)
	case http.StatusTooManyRequests:
		return fmt.Errorf("Vercel's rate limit was still exceeded after retrying: run the query later, or slow the plugin down with its vercel_api limiter (%w)", err)
	}
	if apiErr.StatusCode >= 500 {
		return fmt.Errorf("the Vercel API is failing (HTTP %d) and retries did not help: try again later (%w)", apiErr.StatusCode, err)
	}
	return err
}
