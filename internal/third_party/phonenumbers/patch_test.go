// twilio-verify patch: tests of what the patch changed.
package phonenumbers

import (
	"sync"
	"testing"

	"google.golang.org/protobuf/proto"
)

// TestFirstUseFromManyGoroutines: numbers of many territories parsed at
// once, the first reads of the index and of the lazy patterns among
// them, agree with one another (run with -race). It is the first test
// of the package, so that it is the first use.
func TestFirstUseFromManyGoroutines(t *testing.T) {
	numbers := []string{"+14155550100", "+442079460000", "+33142685300", "+4930901820",
		"+81312345678", "+5511987654321", "+61291234567", "+80012345678", "+16135550100"}
	var wg sync.WaitGroup
	results := make([][]string, 8)
	for g := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, s := range numbers {
				n, err := Parse(s, "US")
				if err != nil {
					results[g] = append(results[g], err.Error())
					continue
				}
				results[g] = append(results[g], GetRegionCodeForNumber(n)+" "+Format(n, E164))
			}
		}()
	}
	wg.Wait()
	for g := 1; g < len(results); g++ {
		for i := range numbers {
			if results[g][i] != results[0][i] {
				t.Errorf("%s: %q in one goroutine, %q in another", numbers[i], results[0][i], results[g][i])
			}
		}
	}
	if results[0][0] != "US +14155550100" || results[0][8] != "CA +16135550100" {
		t.Errorf("results: %q", results[0])
	}
}

// TestIndexMatchesCollection: reading a territory through the index
// gives what parsing the whole collection gives, for every territory and
// non-geographical entity, and nothing for unknown ones.
func TestIndexMatchesCollection(t *testing.T) {
	coll, err := MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	regions, nonGeo := 0, 0
	for _, want := range coll.GetMetadata() {
		var got *PhoneMetadata
		var ok bool
		if want.GetId() == REGION_CODE_FOR_NON_GEO_ENTITY {
			got, ok = readFromCountryCodeToNonGeographicalMetadataMap(int(want.GetCountryCode()))
			nonGeo++
		} else {
			got, ok = readFromRegionToMetadataMap(want.GetId())
			regions++
		}
		if !ok || !proto.Equal(got, want) {
			t.Errorf("%s (+%d): the index gives %v", want.GetId(), want.GetCountryCode(), got)
		}
	}
	idx := metadata().index
	if len(idx.regions) != regions || len(idx.nonGeo) != nonGeo {
		t.Errorf("the index has %d regions and %d entities, the collection %d and %d",
			len(idx.regions), len(idx.nonGeo), regions, nonGeo)
	}
	if regions < 240 {
		t.Errorf("only %d regions", regions)
	}
	if _, ok := readFromRegionToMetadataMap("XX"); ok {
		t.Error("metadata for XX")
	}
	if _, ok := readFromCountryCodeToNonGeographicalMetadataMap(1); ok {
		t.Error("non-geographical metadata for +1")
	}
}

// TestIndexRejectsCorruptData: a truncated collection is an error, not a
// short index.
func TestIndexRejectsCorruptData(t *testing.T) {
	if _, err := indexMetadata(numberData[:len(numberData)/2]); err == nil {
		t.Error("half the collection indexed without an error")
	}
	if _, err := indexMetadata(nil); err != ErrEmptyMetadata {
		t.Errorf("an empty collection: %v", err)
	}
}

// TestLazyRegexpCompilesOnce: a pattern is compiled on first use, once.
func TestLazyRegexpCompilesOnce(t *testing.T) {
	l := lazyMustCompile(`^\d+$`)
	if l.re != nil {
		t.Fatal("compiled before use")
	}
	if !l.MatchString("123") || l.MatchString("12a") {
		t.Error("wrong matches")
	}
	if first := l.Regexp(); l.Regexp() != first {
		t.Error("compiled twice")
	}
}
