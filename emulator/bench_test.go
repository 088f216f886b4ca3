package emulator

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func BenchmarkGenerateFixture100k(b *testing.B) {
	for b.Loop() {
		GenerateFixture(100_000, 1)
	}
}

func BenchmarkListEveryPageOf100k(b *testing.B) {
	f := GenerateFixture(100_000, 1)
	srv, err := New(f, WithCursor(CursorString))
	if err != nil {
		b.Fatal(err)
	}
	secret := f.Secret()
	for b.Loop() {
		target := "/v6/user/tokens?limit=100"
		pages := 0
		for {
			req := httptest.NewRequest(http.MethodGet, target, nil)
			req.Header.Set("Authorization", "Bearer "+secret)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			ans := decodeAs[listAnswer](b, rec)
			pages++
			if isNull(ans.Pagination.Next) {
				break
			}
			target = "/v6/user/tokens?limit=100&until=" + string(ans.Pagination.Next[1:len(ans.Pagination.Next)-1])
		}
		if pages != 1000 {
			b.Fatalf("%d pages", pages)
		}
		srv.ResetStats()
	}
}
