package sandbox

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// Bucket names. Each map of the state is a bucket keyed like the map;
// each list is a bucket keyed by the 8-byte big-endian position key of
// its elements (state.closedFirst and friends).
const (
	bucketMeta          = "meta"
	bucketServices      = "services"
	bucketVerifications = "verifications"
	bucketSafeList      = "safe_list"
	bucketEntities      = "entities"
	bucketRateLimits    = "rate_limits"
	bucketGuard         = "guard"
	bucketWebhooks      = "webhooks"
	bucketMsgConfigs    = "messaging_configurations"
	bucketClosed        = "closed"
	bucketOutbox        = "outbox"
	bucketAttempts      = "attempts" // keyed by VL sid (store_attempts.go)
)

// Keys of the meta bucket.
var (
	metaFormat  = []byte("format")
	metaAccount = []byte("account_sid")
	metaSeq     = []byte("seq")
)

// mapBucket is a keyed collection of the state, stored one record per key.
// A resource added to the sandbox adds an entry to mapBuckets, scanned
// unless it is large and hot.
type mapBucket struct {
	name string
	// scan: every commit compares each record with what was last written
	// (so no change can be missed, at the cost of encoding the whole map:
	// for the small maps). Otherwise the code that changes a record calls
	// Sandbox.changed with its key (verifications: thousands of records).
	scan bool
	// keys lists the keys st holds.
	keys func(st *state) []string
	// get returns the record under key, or false when there is none.
	get func(st *state, key string) (any, bool)
	// set decodes raw, a stored record, into st under key; drop removes
	// key from st.
	set  func(st *state, key string, raw []byte) error
	drop func(st *state, key string)
}

// mapBuckets are the state's keyed collections.
var mapBuckets = []mapBucket{
	ptrMap(bucketServices, true, func(st *state) map[string]*service { return st.Services },
		func(sv *service) string { return sv.SID }),
	ptrMap(bucketVerifications, false, func(st *state) map[string]*verification { return st.Verifications },
		func(v *verification) string { return v.SID }),
	ptrMap(bucketEntities, true, func(st *state) map[string]*entity { return st.Entities },
		func(en *entity) string { return entityKey(en.ServiceSID, en.Identity) }),
	ptrMap(bucketRateLimits, true, func(st *state) map[string]*rateLimit { return st.RateLimits },
		func(rl *rateLimit) string { return rl.SID }),
	ptrMap(bucketGuard, true, func(st *state) map[string]*guardConfig { return st.Guard }, nil),
	ptrMap(bucketWebhooks, true, func(st *state) map[string]*webhook { return st.Webhooks },
		func(wh *webhook) string { return wh.SID }),
	ptrMap(bucketMsgConfigs, true, func(st *state) map[string]*msgConfig { return st.MessagingConfigs },
		func(mc *msgConfig) string { return msgConfigKey(mc.ServiceSID, mc.Country) }),
	{
		name: bucketSafeList,
		scan: true,
		keys: func(st *state) []string { return slices.Collect(maps.Keys(st.SafeList)) },
		get: func(st *state, key string) (any, bool) {
			sid, ok := st.SafeList[key]
			return sid, ok
		},
		set: func(st *state, key string, raw []byte) error {
			var sid string
			if err := strictJSON(raw, &sid); err != nil {
				return err
			}
			if !validSID(sid, "GN") {
				return fmt.Errorf("safe list entry %s has no valid sid", key)
			}
			st.SafeList[key] = sid
			return nil
		},
		drop: func(st *state, key string) { delete(st.SafeList, key) },
	},
}

// ptrMap is the mapBucket of a map of records. When the records carry
// their own key (key not nil: a SID), a stored record whose key differs
// from the one it is stored under is refused.
func ptrMap[T any](name string, scan bool, m func(*state) map[string]*T, key func(*T) string) mapBucket {
	return mapBucket{
		name: name,
		scan: scan,
		keys: func(st *state) []string { return slices.Collect(maps.Keys(m(st))) },
		get: func(st *state, key string) (any, bool) {
			rec, ok := m(st)[key]
			return rec, ok
		},
		set: func(st *state, k string, raw []byte) error {
			rec := new(T)
			if err := strictJSON(raw, rec); err != nil {
				return err
			}
			if key != nil && key(rec) != k {
				return fmt.Errorf("%s entry %s is inconsistent", name, k)
			}
			m(st)[k] = rec
			return nil
		},
		drop: func(st *state, key string) { delete(m(st), key) },
	}
}

// listBucket is an ordered, trimmed list of the state.
type listBucket struct {
	name string
	// first points at the key of the list's first element.
	first func(st *state) *uint64
	len   func(st *state) int
	// get returns element i; push decodes raw and appends it; reset
	// empties the list.
	get   func(st *state, i int) any
	push  func(st *state, raw []byte) error
	reset func(st *state)
}

// listBuckets are the state's lists.
var listBuckets = []listBucket{
	sliceList(bucketClosed, func(st *state) *[]string { return &st.Closed },
		func(st *state) *uint64 { return &st.closedFirst }),
	sliceList(bucketOutbox, func(st *state) *[]Message { return &st.Outbox },
		func(st *state) *uint64 { return &st.outboxFirst }),
}

// sliceList is the listBucket of a slice of the state.
func sliceList[T any](name string, list func(*state) *[]T, first func(*state) *uint64) listBucket {
	return listBucket{
		name:  name,
		first: first,
		len:   func(st *state) int { return len(*list(st)) },
		get:   func(st *state, i int) any { return (*list(st))[i] },
		push: func(st *state, raw []byte) error {
			var x T
			if err := strictJSON(raw, &x); err != nil {
				return err
			}
			*list(st) = append(*list(st), x)
			return nil
		},
		reset: func(st *state) { *list(st) = nil },
	}
}

// bucketNames are the names of every bucket of the store.
func bucketNames() []string {
	names := []string{bucketMeta}
	for _, mb := range mapBuckets {
		names = append(names, mb.name)
	}
	for _, lb := range listBuckets {
		names = append(names, lb.name)
	}
	return append(names, bucketAttempts)
}

// strictJSON decodes a stored record, refusing fields the sandbox does not
// know (a record written by something else).
func strictJSON(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// listKey is the bucket key of a list element's position key.
func listKey(k uint64) []byte { return binary.BigEndian.AppendUint64(make([]byte, 0, 8), k) }

// pushKeyed appends x to list and keeps its newest keep elements
// (trimOldest), advancing *first past the trimmed ones so every element
// keeps its store key.
func pushKeyed[T any](list []T, x T, keep int, first *uint64) []T {
	list = append(list, x)
	return trimKeyed(list, keep, first)
}

// trimKeyed is trimOldest for a list whose first key is *first.
func trimKeyed[T any](list []T, keep int, first *uint64) []T {
	n := len(list)
	list = trimOldest(list, keep)
	*first += uint64(n - len(list))
	return list
}
