package main

import "io"

func writeDashboard(w io.Writer, r *report) error { return writeHTML(w, r, false) }
