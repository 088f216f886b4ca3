package vercelapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
)

const userPath = "/v2/user"

// User is the user a token belongs to, as GET /v2/user answers: Vercel's
// AuthUser, or its AuthUserLimited form (Limited set) when the token lacks
// the privileges to read the whole account. Raw is the object exactly as
// Vercel sent it.
type User struct {
	ID            string       `json:"id"`
	Username      string       `json:"username"`
	Email         string       `json:"email"`
	Name          *string      `json:"name"`
	DefaultTeamID *string      `json:"defaultTeamId"`
	CreatedAt     *EpochMillis `json:"-"`
	// IsEnterpriseManaged is true for an account an enterprise manages
	// (EMU); nil when Vercel does not say.
	IsEnterpriseManaged *bool           `json:"isEnterpriseManaged"`
	Limited             bool            `json:"limited"`
	Raw                 json.RawMessage `json:"-"`
}

// UnmarshalJSON reads createdAt through millisField and keeps the raw
// object.
func (u *User) UnmarshalJSON(b []byte) error {
	type fields User // its own UnmarshalJSON left behind
	var raw struct {
		fields
		CreatedAt json.RawMessage `json:"createdAt"`
	}
	err := json.Unmarshal(b, &raw)
	*u = User(raw.fields)
	u.Raw = append(json.RawMessage(nil), b...)
	if err == nil {
		err = decodeMillisFields([]millisTarget{{"createdAt", raw.CreatedAt, &u.CreatedAt}})
	}
	return nameItem("user", b, err)
}

type userAnswer struct {
	User *User `json:"user"`
}

func (a *userAnswer) validate() error {
	switch {
	case a.User == nil:
		return errors.New(`the answer has no "user" object`)
	case a.User.ID == "":
		return errors.New(`the user in the answer has no "id"`)
	}
	return nil
}

// GetUser fetches the user the client's token belongs to (GET /v2/user). A
// limited answer is a *User with Limited set, not an error.
func (c *Client) GetUser(ctx context.Context) (*User, error) {
	var a userAnswer
	if err := c.do(ctx, http.MethodGet, userPath, nil, nil, &a); err != nil {
		return nil, err
	}
	return a.User, nil
}
