package sandbox

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// A reader of just enough of Twilio's OpenAPI 3.0 descriptions
// (testdata/openapi) to know, for each operation, its success statuses and
// the shape of its JSON answer.

// oaSchema is a schema: a $ref to a component, or an object with
// properties, or an array with items. Twilio's descriptions use nothing
// else for response shapes (no allOf, oneOf or additionalProperties).
type oaSchema struct {
	Ref        string               `json:"$ref"`
	Properties map[string]*oaSchema `json:"properties"`
	Items      *oaSchema            `json:"items"`
}

type oaResponse struct {
	Content map[string]struct {
		Schema *oaSchema `json:"schema"`
	} `json:"content"`
}

type oaOperation struct {
	Responses map[string]oaResponse `json:"responses"`
}

// oaOp is one operation of a description: its method, its path template
// ("/v2/Services/{ServiceSid}") and what it answers.
type oaOp struct {
	spec   *openAPI
	method string
	path   string
	op     oaOperation
}

// key names the operation as the tests do: "GET /v2/Services/{Sid}".
func (o oaOp) key() string { return o.method + " " + o.path }

// success is the schema the operation answers with status, and whether
// status is one of its documented 2xx answers. A nil schema means no body
// (204).
func (o oaOp) success(status int) (*oaSchema, bool) {
	if status < 200 || status > 299 {
		return nil, false
	}
	r, ok := o.op.Responses[strconv.Itoa(status)]
	if !ok {
		return nil, false
	}
	c, ok := r.Content["application/json"]
	if !ok {
		return nil, true
	}
	return c.Schema, true
}

// openAPI is one description: its components, to resolve $refs.
type openAPI struct {
	name    string
	schemas map[string]*oaSchema
}

// loadOpenAPI reads testdata/openapi/name and lists its operations.
func loadOpenAPI(t *testing.T, name string) []oaOp {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "openapi", name))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]*oaSchema `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	spec := &openAPI{name: name, schemas: doc.Components.Schemas}
	var ops []oaOp
	for path, item := range doc.Paths {
		// A path item also holds servers, description and x-twilio.
		for method, raw := range item {
			if !slices.Contains([]string{"get", "post", "put", "patch", "delete"}, method) {
				continue
			}
			var op oaOperation
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatalf("%s %s %s: %v", name, method, path, err)
			}
			ops = append(ops, oaOp{spec: spec, method: strings.ToUpper(method), path: path, op: op})
		}
	}
	return ops
}

// resolve follows s's $ref to its component.
func (d *openAPI) resolve(s *oaSchema) *oaSchema {
	for s != nil && s.Ref != "" {
		s = d.schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")]
	}
	return s
}

// shapeDiff lists where v's object keys differ from the properties of s,
// all the way down: nested objects and array items are compared wherever
// the description gives their properties (where it gives none, as for
// Verify's push, totp and config objects, anything goes). An empty array
// whose items have properties is reported too, since its item shape went
// unchecked.
func (d *openAPI) shapeDiff(where string, s *oaSchema, v any, out map[string]bool) {
	s = d.resolve(s)
	if s == nil {
		return
	}
	switch v := v.(type) {
	case map[string]any:
		if len(s.Properties) == 0 {
			return
		}
		var missing, extra []string
		for k := range s.Properties {
			if _, ok := v[k]; !ok {
				missing = append(missing, k)
			}
		}
		for k, x := range v {
			ps, ok := s.Properties[k]
			if !ok {
				extra = append(extra, k)
				continue
			}
			d.shapeDiff(where+"."+k, ps, x, out)
		}
		if len(missing)+len(extra) > 0 {
			sort.Strings(missing)
			sort.Strings(extra)
			out[fmt.Sprintf("%s: missing %q, extra %q", where, missing, extra)] = true
		}
		d.checkListKey(where, s, v, out)
	case []any:
		items := d.resolve(s.Items)
		if items == nil {
			return
		}
		if len(v) == 0 && len(items.Properties) > 0 {
			out[where+": empty list, so its items' shape went unchecked"] = true
		}
		for _, x := range v {
			d.shapeDiff(where+"[]", items, x, out)
		}
	}
}

// checkListKey: a list answer (meta and one array, as every Twilio list
// is) names its array in meta.key, which twilio-go pages by.
func (d *openAPI) checkListKey(where string, s *oaSchema, v map[string]any, out map[string]bool) {
	if _, ok := s.Properties["meta"]; !ok || len(s.Properties) != 2 {
		return
	}
	for k := range s.Properties {
		if k == "meta" {
			continue
		}
		if meta, _ := v["meta"].(map[string]any); meta["key"] != k {
			out[fmt.Sprintf("%s.meta.key = %v, want %q", where, meta["key"], k)] = true
		}
	}
}
