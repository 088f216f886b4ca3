package main

import (
	"fmt"
	"sync"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
)

// server is one foreign server's connection: an engine configured with the
// server's config and the current user's token.
type server struct {
	engine *inprocess.Engine
	// applied is the config the engine was last configured with.
	applied string
}

// servers holds the engines of this backend by foreign server OID.
// PostgreSQL's callbacks are plain C with no room for Go state, so the
// module keeps its engines in a package variable; they live as long as the
// backend.
var servers struct {
	mu   sync.Mutex
	byID map[uint32]*server
}

// serverSettings is what the C half reads of a foreign server for the
// current user.
type serverSettings struct {
	id               uint32
	name             string
	config           string // the server's config option
	mapping          mappingToken
	ownerIsSuperuser bool
}

// engine returns the server's engine, configured with the current settings:
// ALTER SERVER and ALTER USER MAPPING take effect on the next query.
func (s serverSettings) engine() (*inprocess.Engine, error) {
	hcl, err := s.connectionConfig()
	if err != nil {
		return nil, err
	}
	servers.mu.Lock()
	defer servers.mu.Unlock()
	if servers.byID == nil {
		servers.byID = map[uint32]*server{}
	}
	srv, ok := servers.byID[s.id]
	if !ok {
		engine, err := inprocess.New(inprocess.CacheOffByDefault())
		if err != nil {
			return nil, err
		}
		srv = &server{engine: engine}
		servers.byID[s.id] = srv
	}
	if !ok || hcl != srv.applied {
		// A config that fails stays applied: the engine keeps failing
		// with its error until the server's settings change.
		srv.applied = hcl
		if err := srv.engine.Configure(hcl); err != nil {
			return nil, err
		}
	}
	return srv.engine, nil
}

// tables returns the schemas of the plugin's tables by name.
func (s serverSettings) tables() (map[string]*proto.TableSchema, error) {
	engine, err := s.engine()
	if err != nil {
		return nil, err
	}
	return engine.Tables()
}

// table returns the schema of one of the plugin's tables.
func (s serverSettings) table(name string) (*proto.TableSchema, error) {
	tables, err := s.tables()
	if err != nil {
		return nil, err
	}
	schema, ok := tables[name]
	if !ok {
		return nil, fmt.Errorf("the plugin has no table %q: drop this foreign table and run IMPORT FOREIGN SCHEMA again", name)
	}
	return schema, nil
}
