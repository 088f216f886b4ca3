// Command termsafe copies standard input to standard output line by line,
// showing control characters (ANSI escape sequences among them) and bidi
// overrides as visible escapes (display.Terminal), so that `make query`
// prints a token's name as data, never as commands to the terminal. Line
// breaks pass through: they are the table's own.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

func main() {
	if err := filter(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "termsafe:", err)
		os.Exit(1)
	}
}

func filter(in io.Reader, out io.Writer) error {
	r := bufio.NewReader(in)
	w := bufio.NewWriter(out)
	for {
		line, err := r.ReadString('\n')
		body, ended := strings.CutSuffix(line, "\n")
		if _, werr := w.WriteString(display.Terminal(body)); werr != nil {
			return werr
		}
		if ended {
			if werr := w.WriteByte('\n'); werr != nil {
				return werr
			}
			// Flush per line: output reaches the user as sqlite3 writes it.
			if werr := w.Flush(); werr != nil {
				return werr
			}
		}
		if errors.Is(err, io.EOF) {
			return w.Flush()
		}
		if err != nil {
			return err
		}
	}
}
