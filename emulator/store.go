package emulator

import (
	"encoding/json"
	"slices"
	"sort"
)

type storedToken struct {
	tokenMeta
	raw json.RawMessage
}

// tokenStore is the emulator's mutable state. It is not safe for concurrent
// use; the Server serialises access.
type tokenStore struct {
	newestFirst []*storedToken // sorted by createdAt, descending
	byID        map[string]*storedToken
	secrets     map[string]string // bearer secret → token id
	teams       []Team            // the user's teams, newest first
	leftTeams   []Team            // teams the user has left
	user        json.RawMessage
}

func newTokenStore(f *Fixture) (*tokenStore, error) {
	metas, err := f.check()
	if err != nil {
		return nil, err
	}
	s := &tokenStore{
		newestFirst: make([]*storedToken, len(metas)),
		byID:        make(map[string]*storedToken, len(metas)),
		secrets:     make(map[string]string, len(f.BearerTokens)),
	}
	s.teams, s.leftTeams = splitTeams(f)
	s.user = f.User
	for i, m := range metas {
		t := &storedToken{tokenMeta: m, raw: f.Tokens[i]}
		s.newestFirst[i] = t
		s.byID[m.id] = t
	}
	slices.SortFunc(s.newestFirst, func(a, b *storedToken) int { return compareNewestFirst(a.createdAt, b.createdAt) })
	for secret, id := range f.BearerTokens {
		s.secrets[secret] = id
	}
	return s, nil
}

func compareNewestFirst(a, b int64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	default:
		return 0
	}
}

// olderThan returns the index of the newest token created before t.
func (s *tokenStore) olderThan(t int64) int {
	return sort.Search(len(s.newestFirst), func(i int) bool { return s.newestFirst[i].createdAt < t })
}

// indexOf returns the position of the token created at t, or -1.
func (s *tokenStore) indexOf(t int64) int {
	i := sort.Search(len(s.newestFirst), func(i int) bool { return s.newestFirst[i].createdAt <= t })
	if i < len(s.newestFirst) && s.newestFirst[i].createdAt == t {
		return i
	}
	return -1
}

type tokenPage struct {
	tokens   []*storedToken
	hasNewer bool // tokens exist before this page
	hasOlder bool // tokens exist after this page
}

// page returns up to limit tokens starting at index from.
func (s *tokenStore) page(from, limit int) tokenPage {
	from = min(from, len(s.newestFirst))
	to := min(from+limit, len(s.newestFirst))
	return tokenPage{
		tokens:   slices.Clone(s.newestFirst[from:to]),
		hasNewer: from > 0,
		hasOlder: to < len(s.newestFirst),
	}
}

func (s *tokenStore) get(id string) (*storedToken, bool) {
	t, ok := s.byID[id]
	return t, ok
}

// holder returns the token a bearer secret authenticates as, if the token
// still exists.
func (s *tokenStore) holder(secret string) (*storedToken, bool) {
	id, ok := s.secrets[secret]
	if !ok {
		return nil, false
	}
	return s.get(id)
}

// freeCreatedAt returns the first createdAt from t onwards that no token
// uses.
func (s *tokenStore) freeCreatedAt(t int64) int64 {
	for s.indexOf(t) >= 0 {
		t++
	}
	return t
}

// add stores a token whose id and createdAt are unused, with the secret that
// authenticates as it.
func (s *tokenStore) add(t *storedToken, secret string) {
	s.newestFirst = slices.Insert(s.newestFirst, s.olderThan(t.createdAt), t)
	s.byID[t.id] = t
	s.secrets[secret] = t.id
}

// remove deletes a token; its secrets stop working.
func (s *tokenStore) remove(id string) bool {
	t, ok := s.byID[id]
	if !ok {
		return false
	}
	if i := s.indexOf(t.createdAt); i >= 0 {
		s.newestFirst = slices.Delete(s.newestFirst, i, i+1)
	}
	delete(s.byID, id)
	for secret, holder := range s.secrets {
		if holder == id {
			delete(s.secrets, secret)
		}
	}
	return true
}

// team resolves team context; ok is false when a given teamId or slug names
// no team of the user. Empty values count as not given.
func (s *tokenStore) team(teamID, slug string) (team Team, given, ok bool) {
	if teamID == "" && slug == "" {
		return Team{}, false, true
	}
	for _, t := range s.teams {
		if (teamID == "" || t.ID == teamID) && (slug == "" || t.Slug == slug) {
			return t, true, true
		}
	}
	return Team{}, true, false
}
