package sandbox

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

func TestEntityCRUD(t *testing.T) {
	e := newEnv(t, Options{})
	resp, err := e.v.CreateEntityWithMetadata(e.demo, (&verify.CreateEntityParams{}).SetIdentity(identity))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("create: %v %v", err, resp)
	}
	en := resp.Resource
	u := e.srv.URL() + "/v2/Services/" + e.demo + "/Entities/" + identity
	if !validSID(*en.Sid, "YE") || *en.Identity != identity || *en.ServiceSid != e.demo ||
		*en.AccountSid != e.sb.AccountSID() || *en.Url != u || !en.DateCreated.Equal(t0) {
		t.Fatalf("entity %+v", en)
	}
	links := *en.Links
	if links["factors"] != u+"/Factors" || links["new_factors"] != u+"/Factors" || links["challenges"] != u+"/Challenges" {
		t.Fatalf("links %v", links)
	}
	got, err := e.v.FetchEntity(e.demo, identity)
	if err != nil || *got.Sid != *en.Sid {
		t.Fatalf("fetch: %v %+v", err, got)
	}
	_, err = e.v.CreateEntity(e.demo, (&verify.CreateEntityParams{}).SetIdentity(identity))
	wantErr(t, err, 400, 60300) // exists already
	if err := e.v.DeleteEntity(e.demo, identity); err != nil {
		t.Fatal(err)
	}
	_, err = e.v.FetchEntity(e.demo, identity)
	wantErr(t, err, 404, 20404)
	wantErr(t, e.v.DeleteEntity(e.demo, identity), 404, 20404)
	_, err = e.v.FetchEntity("VA"+strings.Repeat("0", 32), identity)
	wantErr(t, err, 404, 20404)
}

func TestEntityIdentityRule(t *testing.T) {
	e := newEnv(t, Options{})
	for _, id := range []string{
		"abcdefgh", "a-b-c-d-e", "ff483d1ff591898a9942916050d2ca3f", "A1b2-C3d4", strings.Repeat("x", 64),
	} {
		if _, err := e.v.CreateEntity(e.demo, (&verify.CreateEntityParams{}).SetIdentity(id)); err != nil {
			t.Errorf("identity %q refused: %v", id, err)
		}
	}
	for _, id := range []string{
		"", "abcdefg", strings.Repeat("x", 65), "-abcdefgh", "abcdefgh-", "abcd--efgh", "abcd_efgh",
		"user@example.com", "abcd efgh", "abcdéfgh",
	} {
		_, err := e.v.CreateEntity(e.demo, (&verify.CreateEntityParams{}).SetIdentity(id))
		wantErr(t, err, 400, 60300)
	}
}

func TestEntityListPages(t *testing.T) {
	e := newEnv(t, Options{})
	other := e.newService("Other", nil)
	var want []string
	for i := range 5 {
		id := fmt.Sprintf("entity-%04d", i)
		want = append(want, id)
		if _, err := e.v.CreateEntity(e.demo, (&verify.CreateEntityParams{}).SetIdentity(id)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.v.CreateEntity(other, (&verify.CreateEntityParams{}).SetIdentity("not-in-demo")); err != nil {
		t.Fatal(err)
	}
	page, err := e.v.PageEntity(e.demo, (&verify.ListEntityParams{}).SetPageSize(2), "", "")
	if err != nil || len(page.Entities) != 2 || page.Meta.NextPageUrl == nil || page.Meta.Key != "entities" {
		t.Fatalf("first page: %v %+v", err, page)
	}
	// twilio-go follows next_page_url through the sandbox.
	all, err := e.v.ListEntity(e.demo, (&verify.ListEntityParams{}).SetPageSize(2))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, en := range all {
		got = append(got, *en.Identity)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("listed %v, want %v", got, want)
	}
	_, body := e.raw("GET", "/v2/Services/"+e.demo+"/Entities?PageSize=0", "")
	if !strings.Contains(string(body), "60200") {
		t.Fatalf("PageSize=0: %s", body)
	}
}

func TestEntityRoutes(t *testing.T) {
	e := newEnv(t, Options{})
	base := "/v2/Services/" + e.demo + "/Entities"
	for _, c := range []struct {
		method, path string
		status       int
	}{
		{"PUT", base, 405},
		{"POST", base + "/" + identity, 405},
		{"DELETE", base + "/" + identity + "/Challenges", 405},
		{"GET", base + "/" + identity + "/Factors/YFnothex", 404},
		{"GET", base + "/" + identity + "/Challenges/YC" + strings.Repeat("0", 32), 404},
		{"GET", base + "/" + identity + "/Other", 404},
		{"GET", base + "//Factors", 404},
		{"GET", "/v2/Services/VAbad/Entities", 404},
	} {
		resp, body := e.raw(c.method, c.path, "")
		var eb errorBody
		if resp.StatusCode != c.status || json.Unmarshal(body, &eb) != nil || eb.Status != c.status {
			t.Errorf("%s %s: %d %s", c.method, c.path, resp.StatusCode, body)
		}
	}
}

func TestDeletingServiceDeletesEntities(t *testing.T) {
	e := newEnv(t, Options{})
	va := e.newService("Gone", nil)
	e.totpFactor(va, identity, nil)
	if err := e.v.DeleteService(va); err != nil {
		t.Fatal(err)
	}
	e.sb.mu.Lock()
	n := len(e.sb.st.Entities)
	e.sb.mu.Unlock()
	if n != 0 {
		t.Fatalf("%d entities left", n)
	}
}

func TestFactorsSurviveRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e := newEnv(t, Options{StatePath: path})
	f, secret := e.totpFactor(e.demo, identity, nil)
	cfg := configOf(t, f.Config)
	_ = e.srv.Close()
	_ = e.sb.Close() // releases the state file

	e2 := newEnv(t, Options{StatePath: path, Clock: e.clock.Now})
	got, err := e2.v.UpdateFactor(e.demo, identity, *f.Sid, (&verify.UpdateFactorParams{}).SetAuthPayload(e.code(secret, cfg, 0)))
	if err != nil || *got.Status != "verified" {
		t.Fatalf("verify after restart: %v %+v", err, got)
	}
}
