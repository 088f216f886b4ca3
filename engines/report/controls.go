package main

import "github.com/tokenaudit/steampipe-plugin-vercel/internal/controls"

// The benchmark's terms, as internal/controls defines them.
type (
	control  = controls.Control
	severity = controls.Severity
)

const (
	statusAlarm = controls.StatusAlarm
	statusInfo  = controls.StatusInfo
	statusOK    = controls.StatusOK
	statusSkip  = controls.StatusSkip
)

var (
	severities = controls.Severities
	statuses   = controls.Statuses
)
