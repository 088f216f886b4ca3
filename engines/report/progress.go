package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// progress shows, on a terminal, how many tokens each connection has given
// so far. A nil *progress counts silently.
type progress struct {
	out    io.Writer
	names  []string
	counts map[string]*atomic.Int64
	stop   chan struct{}
	done   sync.WaitGroup
}

// isTerminal tells whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// startProgress starts showing progress on stderr when it is a terminal;
// otherwise it returns nil.
func startProgress(stderr io.Writer, conns []connection) *progress {
	if !isTerminal(stderr) {
		return nil
	}
	p := &progress{out: stderr, counts: map[string]*atomic.Int64{}, stop: make(chan struct{})}
	for _, c := range conns {
		p.names = append(p.names, c.Name)
		p.counts[c.Name] = new(atomic.Int64)
	}
	p.done.Add(1)
	go p.show()
	return p
}

// counter is the count of one connection's tokens.
func (p *progress) counter(name string) *atomic.Int64 {
	if p == nil {
		return new(atomic.Int64)
	}
	return p.counts[name]
}

func (p *progress) show() {
	defer p.done.Done()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			fmt.Fprint(p.out, "\r\033[K")
			return
		case <-tick.C:
			parts := make([]string, len(p.names))
			for i, name := range p.names {
				parts[i] = fmt.Sprintf("%s %d", name, p.counts[name].Load())
			}
			fmt.Fprintf(p.out, "\r\033[Kreading tokens: %s", strings.Join(parts, ", "))
		}
	}
}

// Stop clears the progress line.
func (p *progress) Stop() {
	if p == nil {
		return
	}
	close(p.stop)
	p.done.Wait()
}
