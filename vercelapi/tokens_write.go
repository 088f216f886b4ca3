package vercelapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

const createTokenPath = "/v3/user/tokens"

// revokeTokenPathPrefix is followed by a token id, or "current" for the
// token the client authenticates with.
const revokeTokenPathPrefix = "/v3/user/tokens/"

// CurrentTokenID names, in RevokeToken, the token the client authenticates
// with.
const CurrentTokenID = "current"

// InvalidArgumentError refuses a call before any request: Field is the
// argument at fault.
type InvalidArgumentError struct {
	Call, Field, Reason string
}

func (e *InvalidArgumentError) Error() string {
	return fmt.Sprintf("%s: %s %s", e.Call, e.Field, e.Reason)
}

// CreatedToken is a token CreateToken made: its metadata, and its secret,
// which Vercel never shows again.
type CreatedToken struct {
	Token  *AuthToken
	Bearer BearerToken
}

type createBody struct {
	Name      string       `json:"name"`
	ExpiresAt *EpochMillis `json:"expiresAt,omitempty"`
	ProjectID string       `json:"projectId,omitempty"`
}

// CreateToken creates a token for the user (POST /v3/user/tokens) named
// name. A zero expiresAt is a token that never expires; any other must be
// in the future. team is the team context to create it in, a team id
// (team_…) or a slug as for every request; "" is the client's own.
// projectID, when not "", scopes the token to that project.
//
// The call is retried like every other: on a 429 as the API asks, on a 5xx
// after a backoff (a 5xx that came after Vercel made the token leaves one
// more token, whose secret nobody saw: the list shows it), never after a
// connection failed once the request may have arrived.
func (c *Client) CreateToken(ctx context.Context, name string, expiresAt time.Time, team, projectID string) (*CreatedToken, error) {
	body, err := c.createBody(name, expiresAt, projectID)
	if err != nil {
		return nil, err
	}
	var query url.Values
	if param, value := TeamQueryParam(team); param != "" {
		query = url.Values{param: {value}}
	}
	var a createdAnswer
	if err := c.do(ctx, http.MethodPost, createTokenPath, query, body, &a); err != nil {
		return nil, err
	}
	return &CreatedToken{Token: a.token, Bearer: BearerToken{secret: a.bearer}}, nil
}

func (c *Client) createBody(name string, expiresAt time.Time, projectID string) (createBody, error) {
	invalid := func(field, reason string) error {
		return &InvalidArgumentError{Call: "CreateToken", Field: field, Reason: reason}
	}
	body := createBody{Name: name, ProjectID: projectID}
	if strings.TrimSpace(name) == "" {
		return body, invalid("name", "is empty: a token needs a name")
	}
	if expiresAt.IsZero() {
		return body, nil
	}
	now := c.retry.clock().Now()
	if !expiresAt.After(now) {
		return body, invalid("expiresAt", fmt.Sprintf("%s is not in the future (now %s): a token cannot be created expired", expiresAt.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339)))
	}
	millis := EpochMillis(expiresAt.UnixMilli())
	if millis > EpochMillis(maxEpochMillis) {
		return body, invalid("expiresAt", "is after year 9999")
	}
	body.ExpiresAt = &millis
	return body, nil
}

// createdAnswer is POST /v3/user/tokens's answer. It decodes the secret
// first, so that any error about the rest can mask it.
type createdAnswer struct {
	token  *AuthToken
	bearer string
}

func (a *createdAnswer) decodeAnswer(b []byte) error {
	var raw struct {
		Token       json.RawMessage `json:"token"`
		BearerToken string          `json:"bearerToken"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	a.bearer = raw.BearerToken
	err := a.decodeToken(raw.Token)
	if err != nil && a.bearer != "" {
		// Vercel made the token, but the answer cannot be used: say so,
		// and never quote the secret in saying it.
		masked, _ := newSecret(a.bearer).redactContext(context.Background(), err.Error())
		return fmt.Errorf("%s (the token may exist all the same: look for it in the list and revoke it)", masked)
	}
	return err
}

func (a *createdAnswer) decodeToken(raw json.RawMessage) error {
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return errors.New(`the answer has no "token" object`)
	case a.bearer == "":
		return errors.New(`the answer has no "bearerToken"`)
	}
	var t AuthToken
	if err := t.UnmarshalJSON(raw); err != nil {
		return err
	}
	if t.ID == "" {
		return errors.New(`the token in the answer has no "id"`)
	}
	a.token = &t
	return nil
}

// Revocation is what RevokeToken did.
type Revocation struct {
	// TokenID is the id of the token revoked: the one asked for, or the
	// client's own for CurrentTokenID.
	TokenID string
	// AlreadyGone is true when Vercel answered that it knows no such token
	// (its 404 not_found): revoked before, expired and removed, or never
	// there. Either way the token no longer works.
	AlreadyGone bool
}

type revokedAnswer struct {
	TokenID string `json:"tokenId"`
}

func (a *revokedAnswer) validate() error {
	if a.TokenID == "" {
		return errors.New(`the answer has no "tokenId"`)
	}
	return nil
}

// RevokeToken revokes the token id (DELETE /v3/user/tokens/{id}), or the
// client's own token for CurrentTokenID; after that the token no longer
// works. A token Vercel does not know is not an error: the Revocation says
// AlreadyGone. Any other failure, a 404 that is not Vercel's own included,
// is an error, and the token may still work.
func (c *Client) RevokeToken(ctx context.Context, id string) (Revocation, error) {
	if id == "" {
		return Revocation{}, &InvalidArgumentError{Call: "RevokeToken", Field: "id", Reason: "is empty"}
	}
	var a revokedAnswer
	err := c.do(ctx, http.MethodDelete, revokeTokenPathPrefix+pathSegment(id), nil, nil, &a)
	switch {
	case IsNotFound(err):
		return Revocation{TokenID: id, AlreadyGone: true}, nil
	case err != nil:
		return Revocation{}, err
	}
	return Revocation{TokenID: a.TokenID}, nil
}
