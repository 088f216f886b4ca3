package main

// result is one control's verdict on one token.
type result struct {
	Control     string   `json:"control"`
	Severity    severity `json:"severity"`
	Status      string   `json:"status"`
	Connection  string   `json:"connection"`
	TokenID     string   `json:"token_id"`
	Name        string   `json:"name"`
	Prefix      *string  `json:"prefix"`
	Suffix      *string  `json:"suffix"`
	Reason      string   `json:"reason"`
	Remediation string   `json:"remediation"`
	// Exception is the accepted exception covering an alarm, or one that
	// covered it and has expired (Exception.Expired).
	Exception *appliedException `json:"exception,omitempty"`
	// Baseline is "new" or "still_open" for an alarm when --baseline is
	// given.
	Baseline string `json:"baseline,omitempty"`

	// risk orders results of one severity and status: higher first.
	risk int64
}

// key identifies a finding across runs.
func (r result) key() findingKey {
	return findingKey{Connection: r.Connection, Control: r.Control, TokenID: r.TokenID}
}

type findingKey struct {
	Connection, Control, TokenID string
}

// accepted tells whether an alarm is covered by an exception in force.
func (r result) accepted() bool {
	return r.Status == statusAlarm && r.Exception != nil && !r.Exception.Expired
}

// open tells whether r is an alarm nobody accepted: a finding to act on.
func (r result) open() bool { return r.Status == statusAlarm && !r.accepted() }
