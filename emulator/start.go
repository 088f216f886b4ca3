package emulator

import (
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// MaxHeaderBytes is what a served emulator reads of a request's line and
// headers: room for the huge cursors of Faults.CursorBytes to come back.
const MaxHeaderBytes = 16 << 20

// Start serves a new emulator on a free port of 127.0.0.1 (never any other
// address) and returns its base URL, such as "http://127.0.0.1:41234". stop
// closes the listener and every connection; it may be called more than once.
func Start(f *Fixture, opts ...Option) (baseURL string, srv *Server, stop func(), err error) {
	srv, err = New(f, opts...)
	if err != nil {
		return "", nil, nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, nil, fmt.Errorf("emulator: listen: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: MaxHeaderBytes}
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = hs.Serve(ln) // returns http.ErrServerClosed once stopped
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			_ = hs.Close()
			<-served
		})
	}
	return "http://" + ln.Addr().String(), srv, stop, nil
}
