package emulator

import (
	"net/http"
	"testing"
	"time"
)

func TestRequestsAreCountedAndRecorded(t *testing.T) {
	f := GenerateFixture(250, 1)
	h := newHarness(t, f)
	h.get("/v6/user/tokens?limit=100")
	h.get("/v5/user/tokens/" + f.BearerTokens[f.Secret()])
	h.get("/v5/user/tokens/current")
	h.do(http.MethodPost, "/v3/user/tokens?teamId="+f.Teams[0].ID, `{"name":"x"}`)
	h.do(http.MethodDelete, "/v3/user/tokens/nope", "")
	h.get("/elsewhere")

	for ep, want := range map[Endpoint]int{EndpointList: 1, EndpointGet: 1, EndpointCurrent: 1, EndpointCreate: 1, EndpointDelete: 1, EndpointOther: 1} {
		if got := h.srv.Count(ep); got != want {
			t.Errorf("Count(%s) = %d, want %d", ep, got, want)
		}
	}
	reqs := h.srv.Requests()
	if len(reqs) != 6 {
		t.Fatalf("%d requests recorded, want 6", len(reqs))
	}
	first := reqs[0]
	if first.Endpoint != EndpointList || first.Method != http.MethodGet || first.Path != "/v6/user/tokens" || first.Query().Get("limit") != "100" {
		t.Fatalf("first request %+v", first)
	}
	create := h.srv.RequestsTo(EndpointCreate)
	if len(create) != 1 || create[0].Body != `{"name":"x"}` || create[0].Query().Get("teamId") != f.Teams[0].ID {
		t.Fatalf("create requests %+v", create)
	}
	for _, r := range reqs {
		if r.Body != "" && r.Endpoint != EndpointCreate {
			t.Fatalf("unexpected body recorded: %+v", r)
		}
	}

	h.srv.ResetStats()
	if h.srv.Count(EndpointList) != 0 || len(h.srv.Requests()) != 0 {
		t.Fatal("ResetStats kept something")
	}
}

func TestRequestsReturnsACopy(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	h.get("/v6/user/tokens")
	reqs := h.srv.Requests()
	reqs[0].Path = "changed"
	if h.srv.Requests()[0].Path != "/v6/user/tokens" {
		t.Fatal("Requests exposes the server's own slice")
	}
}

func TestRequestsRecordTheirArrivalByTheEmulatorsClock(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	h := newHarness(t, GenerateFixture(5, 1), WithClock(func() time.Time { return now }))
	h.get("/v6/user/tokens")
	now = now.Add(1500 * time.Millisecond)
	h.get("/v6/user/tokens")
	reqs := h.srv.Requests()
	if gap := reqs[1].At.Sub(reqs[0].At); gap != 1500*time.Millisecond {
		t.Fatalf("requests %v apart, want 1.5s", gap)
	}
}
