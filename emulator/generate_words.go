package emulator

// vocabulary holds the word lists fixture generation draws from. It is built
// per generation run rather than kept in package variables.
type vocabulary struct {
	manualNames []string
	hostNames   []string
	appNames    []string
	teamSlugs   []string
	repos       []string
	// tokenOrigins include a few values the reference does not list: new
	// origins appear over time and clients must pass them through.
	tokenOrigins  []weighted[string]
	scopeOrigins  []string
	sudoOrigins   []string
	unknownOrigin []string

	scopeShapes    []weighted[scopeShape]
	expiryShapes   []weighted[expiryShape]
	activityShapes []weighted[activityShape]
}

func newVocabulary() vocabulary {
	return vocabulary{
		manualNames: []string{
			"ci-deploy-github", "laptop cli", "terraform-cloud", "preview-bot",
			"staging deploy", "prod-release", "local dev", "monitoring-script",
			"nightly-backup", "renovate", "datadog-sync", "e2e-tests",
			"migration script", "ops — emergency access", "grafana-exporter",
			"docs-site deploy", "cli (ci runner)", "storybook-publisher",
			"analytics-export", "incident-bot", "github-actions-prod",
			"gitlab-ci", "bitbucket-pipelines", "domain-sync \"legacy\"",
		},
		hostNames: []string{
			"MacBook-Pro.local", "dev-laptop", "buildkite-agent-7", "ubuntu-ci",
			"ThinkPad-X1", "codespaces-3f2a", "Mac-Studio.local", "wsl-desktop",
		},
		appNames: []string{
			"Vercel for Slack", "Linear", "Sentry", "Checkly", "Contentful",
			"v0", "Datadog", "Neon", "Supabase", "Sanity", "GitHub integration",
		},
		teamSlugs: []string{"acme", "acme-staging", "northwind-labs"},
		repos:     []string{"web", "api", "infra", "dotfiles", "marketing-site", "monorepo"},
		tokenOrigins: []weighted[string]{
			{"manual", 25}, {"github", 20}, {"email", 10}, {"saml", 8},
			{"gitlab", 6}, {"bitbucket", 4}, {"passkey", 5}, {"google", 4},
			{"app", 4}, {"otp", 3}, {"sms", 2}, {"invite", 2}, {"apple", 2},
			{"", 2}, // origin is optional
			{"vercel-agent", 1}, {"sso-token-exchange", 1},
		},
		scopeOrigins: []string{
			"saml", "github", "gitlab", "bitbucket", "email", "manual", "passkey",
			"otp", "sms", "invite", "google", "apple", "app",
		},
		sudoOrigins:   []string{"totp", "webauthn", "recovery-code"},
		unknownOrigin: []string{"vercel-agent", "sso-token-exchange", "mcp"},
		scopeShapes: []weighted[scopeShape]{
			{scopesAbsent, 8}, {scopesNull, 3}, {scopesEmpty, 4}, {scopesUser, 35},
			{scopesUserSudo, 8}, {scopesTeams, 20}, {scopesUserAndTeams, 17}, {scopesUnknownType, 5},
		},
		expiryShapes: []weighted[expiryShape]{
			{expiryAbsent, 40}, {expiryNull, 10}, {expiryPast, 20}, {expiryFuture, 30},
		},
		activityShapes: []weighted[activityShape]{
			{activeThisWeek, 25}, {activeThisQuarter, 30}, {dormant, 45},
		},
	}
}
