package emulator

import (
	"slices"
	"sort"
)

// splitTeams returns the fixture's member teams, newest first, and the
// teams the user has left.
func splitTeams(f *Fixture) (members, left []Team) {
	members, left = slices.Clone(f.Teams), slices.Clone(f.LeftTeams)
	slices.SortStableFunc(members, func(a, b Team) int { return compareNewestFirst(a.createdAt, b.createdAt) })
	return members, left
}

// teamsOlderThan returns the index of the newest member team created before t.
func (s *tokenStore) teamsOlderThan(t int64) int {
	return sort.Search(len(s.teams), func(i int) bool { return s.teams[i].createdAt < t })
}

// findTeam looks a team up by id or slug; left tells a team the user has
// left.
func (s *tokenStore) findTeam(idOrSlug string) (team Team, left, ok bool) {
	match := func(t Team) bool { return t.ID == idOrSlug || t.Slug == idOrSlug }
	if i := slices.IndexFunc(s.teams, match); i >= 0 {
		return s.teams[i], false, true
	}
	if i := slices.IndexFunc(s.leftTeams, match); i >= 0 {
		return s.leftTeams[i], true, true
	}
	return Team{}, false, false
}
