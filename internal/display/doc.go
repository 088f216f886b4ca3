// Package display renders column values for people and for the programs
// they open reports in: one timestamp format for every engine, and text made
// safe for a spreadsheet or a terminal.
package display
