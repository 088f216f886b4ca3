package main

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchemaPath is the official SARIF 2.1.0 schema, in the reference
// folder beside the repository (shared/, as on every machine and in CI).
const sarifSchemaPath = "../../../shared/reference/sarif-schema-2.1.0.json"

var officialSARIFSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	path, err := filepath.Abs(sarifSchemaPath)
	if err != nil {
		return nil, err
	}
	compiler := jsonschema.NewCompiler()
	compiler.AssertFormat()
	return compiler.Compile(path)
})

// requireValidSARIF fails the test unless out is valid against the SARIF
// 2.1.0 schema, as GitHub's upload checks it.
func requireValidSARIF(t testing.TB, out string) {
	t.Helper()
	schema, err := officialSARIFSchema()
	if err != nil {
		t.Fatalf("the SARIF 2.1.0 schema (%s): %v", sarifSchemaPath, err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("the SARIF report is not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("the SARIF report fails the SARIF 2.1.0 schema: %v", err)
	}
}

// isSARIFRun tells whether args ask for SARIF.
func isSARIFRun(args []string) bool {
	i := slices.Index(args, "--output")
	return (i >= 0 && i+1 < len(args) && args[i+1] == "sarif") || slices.Contains(args, "--output=sarif")
}

// The validator itself catches what GitHub refuses: the null suppression
// fields earlier reports carried.
func TestTheSchemaRefusesNullSuppressionFields(t *testing.T) {
	schema, err := officialSARIFSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
  {"message": {"text": "m"}, "suppressions": [{"kind": "external", "status": "accepted", "location": null, "guid": null}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if schema.Validate(doc) == nil {
		t.Fatal("the schema accepts null suppression fields")
	}
}
