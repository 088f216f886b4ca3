package vercelapi

import (
	"context"
	"errors"
	"net/http"
)

const (
	listTokensPath   = "/v6/user/tokens"
	tokenPathPrefix  = "/v5/user/tokens/"
	currentTokenPath = tokenPathPrefix + "current"
)

type tokenAnswer struct {
	Token *AuthToken `json:"token"`
}

func (a *tokenAnswer) validate() error {
	if a.Token == nil {
		return errors.New(`the answer has no "token" object`)
	}
	if a.Token.ID == "" {
		return errors.New(`the token in the answer has no "id"`)
	}
	return nil
}

// GetToken fetches one token's metadata (GET /v5/user/tokens/{id}). A token
// that does not exist is Vercel's 404 not_found *Error: see IsNotFound. Any
// other 404 is an *Error too, but says nothing about the token.
func (c *Client) GetToken(ctx context.Context, id string) (*AuthToken, error) {
	if id == "" {
		return nil, errors.New("GetToken: empty token id")
	}
	var a tokenAnswer
	if err := c.do(ctx, http.MethodGet, tokenPathPrefix+pathSegment(id), nil, nil, &a); err != nil {
		return nil, err
	}
	return a.Token, nil
}

// CurrentToken fetches the metadata of the token the client authenticates
// with (GET /v5/user/tokens/current).
func (c *Client) CurrentToken(ctx context.Context) (*AuthToken, error) {
	var a tokenAnswer
	if err := c.do(ctx, http.MethodGet, currentTokenPath, nil, nil, &a); err != nil {
		return nil, err
	}
	return a.Token, nil
}
