package main

import (
	"errors"
	"fmt"

	"github.com/tokenaudit/steampipe-plugin-vercel/errkind"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sqlscan"
)

// failure is an error as PostgreSQL raises it.
type failure struct {
	sqlstate string
	message  string
	hint     string
}

// SQLSTATEs of the failures the plugin reports; anything else from the
// plugin is an FDW error (HV000), never an internal error (XX000).
const (
	stateInvalidAuthorization  = "28000"
	stateInsufficientPrivilege = "42501"
	stateInvalidParameterValue = "22023"
	stateFDWError              = "HV000"
	stateInternalError         = "XX000"
)

// errInternal marks a failure of this module itself, such as a panic.
var errInternal = errors.New("internal error in steampipe_postgres_vercel")

// failureOf maps err, a failure of a scan of server or of a call to the
// plugin, to a SQLSTATE by its kind (errkind), and says in the hint what to
// do in PostgreSQL terms.
func failureOf(err error, serverName string) failure {
	msg := err.Error()
	server := sqlscan.QuoteIdentifier(serverName)
	if f, ok := writeFailureOf(err); ok {
		return f
	}
	if errors.Is(err, errInternal) {
		return failure{stateInternalError, msg, "This is a bug in steampipe_postgres_vercel; the session can go on."}
	}
	switch errkind.Of(err) {
	case errkind.Unauthorized:
		return failure{stateInvalidAuthorization, msg, fmt.Sprintf(
			"Give the server a valid Vercel token: CREATE USER MAPPING FOR CURRENT_USER SERVER %s OPTIONS (api_token '…'), or ALTER USER MAPPING … OPTIONS (SET api_token '…') to replace one. A user mapping's token comes first; only a server a superuser owns falls back to api_token in its config, then to VERCEL_API_TOKEN in the PostgreSQL server's environment.", server)}
	case errkind.Forbidden:
		return failure{stateInsufficientPrivilege, msg, fmt.Sprintf(
			"Check the token's scope in Vercel, and team in the server's config: ALTER SERVER %s OPTIONS (SET config '…').", server)}
	case errkind.BadConfig:
		return failure{stateInvalidParameterValue, msg, fmt.Sprintf(
			"Fix the server's config, the body of a Steampipe connection block such as team = \"acme\": ALTER SERVER %s OPTIONS (SET config '…').", server)}
	default:
		return failure{stateFDWError, msg, fmt.Sprintf(
			"The query returned no rows because of this failure. Try again later; if it persists, check base_url in the config of server %s.", server)}
	}
}
