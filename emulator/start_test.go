package emulator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func startEmulator(t *testing.T, f *Fixture, opts ...Option) (string, *Server) {
	t.Helper()
	url, srv, stop, err := Start(f, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return url, srv
}

func fetch(ctx context.Context, method, url, secret, body string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+secret)
	return http.DefaultClient.Do(req)
}

func TestStartListensOnLoopbackOnly(t *testing.T) {
	f := GenerateFixture(5, 1)
	url, srv, stop, err := Start(f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("url %q", url)
	}
	resp, err := fetch(context.Background(), http.MethodGet, url+"/v6/user/tokens", f.Secret(), "")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK || srv.Count(EndpointList) != 1 {
		t.Fatalf("status %d, %d list requests", resp.StatusCode, srv.Count(EndpointList))
	}
	stop()
	stop()
	if _, err := fetch(context.Background(), http.MethodGet, url+"/v6/user/tokens", f.Secret(), ""); err == nil {
		t.Fatal("still serving after stop")
	}
}

func TestTruncatedBodyEndsTheConnectionEarly(t *testing.T) {
	f := GenerateFixture(30, 1)
	url, srv := startEmulator(t, f)
	srv.SetFaults(Faults{TruncatedBody: true})
	resp, err := fetch(context.Background(), http.MethodGet, url+"/v6/user/tokens", f.Secret(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := io.ReadAll(resp.Body); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("reading the body: %v, want unexpected EOF", err)
	}
}

func TestLatencyOverTheNetworkHonoursClientTimeouts(t *testing.T) {
	f := GenerateFixture(5, 1)
	url, srv := startEmulator(t, f)
	srv.SetFaults(Faults{Latency: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := fetch(ctx, http.MethodGet, url+"/v6/user/tokens", f.Secret(), ""); err == nil {
		t.Fatal("no timeout")
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("the client waited for the whole latency")
	}
}

func TestConcurrentCreatesListsAndDeletes(t *testing.T) {
	f := GenerateFixture(100, 1)
	url, srv := startEmulator(t, f)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for worker := range 8 {
		wg.Go(func() {
			for i := range 5 {
				resp, err := fetch(context.Background(), http.MethodPost, url+"/v3/user/tokens", f.Secret(), fmt.Sprintf(`{"name":"w%d-%d"}`, worker, i))
				if err != nil {
					errs <- err
					return
				}
				_ = resp.Body.Close()
				resp, err = fetch(context.Background(), http.MethodGet, url+"/v6/user/tokens?limit=100", f.Secret(), "")
				if err != nil {
					errs <- err
					return
				}
				_ = resp.Body.Close()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if srv.Count(EndpointCreate) != 40 || srv.Count(EndpointList) != 40 {
		t.Fatalf("%d creates, %d lists", srv.Count(EndpointCreate), srv.Count(EndpointList))
	}
	h := &harness{t: t, srv: srv, secret: f.Secret()}
	total := 0
	target := "/v6/user/tokens?limit=100"
	for {
		ans := decodeAs[listAnswer](t, h.get(target))
		total += ans.Pagination.Count
		if isNull(ans.Pagination.Next) {
			break
		}
		target = "/v6/user/tokens?limit=100&until=" + cursorParam(t, ans.Pagination.Next)
	}
	if total != 140 {
		t.Fatalf("%d tokens listed, want 140", total)
	}
}
