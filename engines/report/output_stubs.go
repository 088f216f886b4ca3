package main

import (
	"errors"
	"io"
)

func writeMarkdown(io.Writer, *report, bool) error { return errors.New("markdown: not yet") }
func writeHTML(io.Writer, *report, bool) error     { return errors.New("html: not yet") }
func writeSARIF(io.Writer, *report) error          { return errors.New("sarif: not yet") }
