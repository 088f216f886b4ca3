package emulator

// tokenPlan decides the shape of one generated token before any value is
// drawn for it.
type tokenPlan struct {
	name      string
	tokenType string
	origin    string
	scopes    scopeShape
	teams     int // team scopes; 0 draws 1 to 3
	expiry    expiryShape
	activity  activityShape
	leaked    bool
	revoked   bool
	project   bool
	hideEnds  bool // no prefix/suffix
}

type scopeShape int

const (
	scopesAbsent scopeShape = iota
	scopesNull
	scopesEmpty
	scopesUser
	scopesUserSudo
	scopesTeams
	scopesUserAndTeams
	scopesUnknownType
)

type expiryShape int

const (
	expiryAbsent expiryShape = iota
	expiryNull
	expiryPast
	expiryFuture
)

type activityShape int

const (
	activeThisWeek activityShape = iota
	activeThisQuarter
	dormant // unused for more than 90 days
)

// showcasePlans are the first tokens of every generated fixture, so that any
// fixture of this size or more holds every shape. The first one is the
// "current" token the fixture's bearer secret authenticates as.
func showcasePlans() []tokenPlan {
	return []tokenPlan{
		{name: "laptop cli", tokenType: typeAuthentication, origin: "manual", scopes: scopesUser, expiry: expiryAbsent, activity: activeThisWeek},
		{name: "ci-deploy-github", tokenType: typeAuthentication, origin: "github", scopes: scopesTeams, teams: 1, expiry: expiryFuture, activity: activeThisWeek, project: true},
		{name: "old-staging-deploy", tokenType: typeAuthentication, origin: "manual", scopes: scopesUser, expiry: expiryPast, activity: dormant},
		{name: "leaked-in-repo", tokenType: typeAuthentication, origin: "manual", scopes: scopesUser, expiry: expiryAbsent, activity: activeThisQuarter, leaked: true},
		{name: "revoked after leak", tokenType: typeAuthentication, origin: "gitlab", scopes: scopesTeams, teams: 2, expiry: expiryAbsent, activity: dormant, leaked: true, revoked: true},
		{name: "contractor (revoked)", tokenType: typeAuthentication, origin: "email", scopes: scopesUserAndTeams, teams: 1, expiry: expiryNull, activity: dormant, revoked: true},
		{name: "sudo admin session", tokenType: typeAuthentication, origin: "passkey", scopes: scopesUserSudo, expiry: expiryFuture, activity: activeThisWeek},
		{name: "Vercel for Slack", tokenType: typeOAuth2, origin: "app", scopes: scopesTeams, teams: 3, expiry: expiryAbsent, activity: activeThisWeek},
		{name: "monorepo deploy", tokenType: typeAuthentication, origin: "bitbucket", scopes: scopesUserAndTeams, teams: 2, expiry: expiryFuture, activity: activeThisQuarter},
		{name: "preview-bot", tokenType: typeAuthentication, origin: "vercel-agent", scopes: scopesUnknownType, expiry: expiryAbsent, activity: activeThisWeek, project: true},
		{name: "legacy token", tokenType: typeAuthentication, origin: "", scopes: scopesAbsent, expiry: expiryAbsent, activity: dormant, hideEnds: true},
		{name: "Vercel CLI on MacBook-Pro.local", tokenType: typeAuthentication, origin: "saml", scopes: scopesNull, expiry: expiryNull, activity: activeThisQuarter},
		{name: "empty-scope token", tokenType: typeAuthentication, origin: "email", scopes: scopesEmpty, expiry: expiryPast, activity: dormant},
		{name: "Linear", tokenType: typeOAuth2, origin: "github", scopes: scopesUser, expiry: expiryFuture, activity: activeThisQuarter},
	}
}

// randomPlan draws the shape of a token beyond the showcase.
func (g *generator) randomPlan() tokenPlan {
	d := g.dice
	p := tokenPlan{
		tokenType: typeAuthentication,
		origin:    pickWeighted(d, g.words.tokenOrigins),
		scopes:    pickWeighted(d, g.words.scopeShapes),
		expiry:    pickWeighted(d, g.words.expiryShapes),
		activity:  pickWeighted(d, g.words.activityShapes),
		leaked:    d.chance(0.05),
		revoked:   d.chance(0.04),
		project:   d.chance(0.12),
		hideEnds:  d.chance(0.10),
	}
	if p.origin == "app" || d.chance(0.08) {
		p.tokenType = typeOAuth2
	}
	p.name = g.randomName(p)
	return p
}

func (g *generator) randomName(p tokenPlan) string {
	d := g.dice
	var name string
	switch {
	case p.tokenType == typeOAuth2:
		name = pick(d, g.words.appNames)
	case p.origin == "manual" || p.origin == "" || d.chance(0.3):
		name = pick(d, g.words.manualNames)
	default:
		name = "Vercel CLI on " + pick(d, g.words.hostNames)
	}
	if d.chance(0.15) {
		name += "-" + d.alnum(3)
	}
	return name
}
