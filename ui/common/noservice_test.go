package common

import "testing"

// Every view names the Services view, with its tab key, when it needs a
// current service; without a Services tab the title alone is named.
func TestNoServiceNamesTheServicesTab(t *testing.T) {
	km := DefaultKeyMap()
	km.SetViews([]string{"Services", "Sessions"})
	if got, want := km.NoService(), "No current service: choose one in Services (1)."; got != want {
		t.Errorf("NoService = %q, want %q", got, want)
	}
	if got, want := km.NoServiceFirst(), "no current service: choose one in Services (1) first"; got != want {
		t.Errorf("NoServiceFirst = %q, want %q", got, want)
	}
	bare := DefaultKeyMap()
	if got, want := bare.NoService(), "No current service: choose one in Services."; got != want {
		t.Errorf("without tabs NoService = %q, want %q", got, want)
	}
}
