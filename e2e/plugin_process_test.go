package e2e

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
	sdkgrpc "github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	pluginshared "github.com/turbot/steampipe-plugin-sdk/v5/grpc/shared"
	"google.golang.org/grpc/status"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

const connectionName = "vercel"

// pluginBinary is built once per test binary run, into a directory that
// TestMain removes.
var pluginBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "vercel-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pluginBinary = filepath.Join(dir, "vercel.plugin")
	if err := testapi.GoBuild(pluginBinary, ".."); err != nil {
		fmt.Fprintln(os.Stderr, "building the plugin:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// pluginProcess is one running plugin, as Steampipe's plugin manager would
// hold it. Everything the process logs is kept in output.
type pluginProcess struct {
	client *goplugin.Client
	plugin *sdkgrpc.PluginClient
	output *testapi.SyncBuffer
}

type processOptions struct {
	// env is added to a minimal environment (no VERCEL_* variables leak in
	// from the machine running the tests).
	env []string
}

// startPlugin starts the plugin binary with its own TMPDIR, at TRACE log
// level, and stops it when the test ends.
func startPlugin(t testing.TB, opts processOptions) *pluginProcess {
	t.Helper()
	output := &testapi.SyncBuffer{}
	cmd := exec.Command(pluginBinary)
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + t.TempDir(),
		"TMPDIR=" + t.TempDir(),
		"STEAMPIPE_LOG_LEVEL=TRACE",
	}, opts.env...)
	client := goplugin.NewClient(&goplugin.ClientConfig{
		HandshakeConfig:  pluginshared.Handshake,
		Plugins:          map[string]goplugin.Plugin{vercel.PluginName: &pluginshared.WrapperPlugin{}},
		Cmd:              cmd,
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Logger:           hclog.New(&hclog.LoggerOptions{Output: output, Level: hclog.Trace}),
		SyncStdout:       output,
		SyncStderr:       output,
	})
	t.Cleanup(client.Kill)
	pc, err := sdkgrpc.NewPluginClient(client, vercel.PluginName)
	if err != nil {
		t.Fatalf("starting the plugin: %v\n%s", err, output)
	}
	return &pluginProcess{client: client, plugin: pc, output: output}
}

// configure gives the plugin one connection with this HCL body.
func (p *pluginProcess) configure(t testing.TB, hcl string) {
	t.Helper()
	res, err := p.plugin.SetAllConnectionConfigs(sdkquery.ConnectionConfigRequest(connectionName, vercel.PluginName, hcl))
	if err != nil {
		t.Fatalf("SetAllConnectionConfigs: %v", err)
	}
	for name, msg := range res.GetFailedConnections() {
		t.Fatalf("connection %s failed: %s", name, msg)
	}
}

func (p *pluginProcess) schema(t testing.TB) *proto.Schema {
	t.Helper()
	s, err := p.plugin.GetSchema(connectionName)
	if err != nil {
		t.Fatalf("GetSchema: %v", err)
	}
	return s
}

// row maps column names to values decoded by sdkquery.ColumnValue.
type row map[string]any

// query runs q over the plugin protocol and returns every row, or the error
// the plugin ended the stream with.
func (p *pluginProcess) query(q sdkquery.Query) ([]row, error) {
	var rows []row
	err := p.stream(q, func(r *proto.Row) {
		decoded := row{}
		for name, col := range r.Columns {
			decoded[name] = sdkquery.ColumnValue(col)
		}
		rows = append(rows, decoded)
	})
	return rows, err
}

// stream runs q and hands each row, undecoded, to handle.
func (p *pluginProcess) stream(q sdkquery.Query, handle func(*proto.Row)) error {
	return p.streamRequest(q.ExecuteRequest(connectionName, ""), handle)
}

// streamRequest runs an Execute request built by hand.
func (p *pluginProcess) streamRequest(req *proto.ExecuteRequest, handle func(*proto.Row)) error {
	stream, _, cancel, err := p.plugin.Execute(req)
	if err != nil {
		return errors.New(status.Convert(err).Message())
	}
	defer cancel()
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return errors.New(status.Convert(err).Message())
		}
		if resp.GetRow() != nil {
			handle(resp.Row)
		}
	}
}

// mustQuery is query for tests that expect success.
func (p *pluginProcess) mustQuery(t testing.TB, q sdkquery.Query) []row {
	t.Helper()
	rows, err := p.query(q)
	if err != nil {
		t.Fatalf("query %+v: %v", q, err)
	}
	return rows
}

// stop ends the process and waits for it, so its output is complete.
func (p *pluginProcess) stop() {
	p.client.Kill()
}

// overrideLimiter replaces the plugin's vercel_api limiter, as a limiter
// block in the plugin's HCL config does in Steampipe.
func (p *pluginProcess) overrideLimiter(t testing.TB, fillRate float32, bucketSize int64) {
	t.Helper()
	_, err := p.plugin.SetRateLimiters(&proto.SetRateLimitersRequest{Definitions: []*proto.RateLimiterDefinition{
		{Name: vercel.APIRateLimiter().Name, FillRate: fillRate, BucketSize: bucketSize},
	}})
	if err != nil {
		t.Fatalf("SetRateLimiters: %v", err)
	}
}
