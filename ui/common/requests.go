package common

// Requests is a view's calls in flight, each with what it was for (K: a
// kind, plus whatever the view needs to apply the answer, such as a
// session and its epoch). A result whose request is not here any more
// (answered, superseded by a refresh, or its session closed) is late and
// is dropped, never applied to the wrong screen or row.
//
// Build it with NewRequests in the view's constructor: copies of a view
// share the map on purpose (a value-receiver Init or View sees the same
// calls), and only Update touches it, on the program's one goroutine.
type Requests[K any] struct {
	m map[RequestID]K
}

// NewRequests returns an empty tracker.
func NewRequests[K any]() Requests[K] { return Requests[K]{m: map[RequestID]K{}} }

// Start numbers a new request for k and remembers it.
func (r *Requests[K]) Start(c *Common, k K) RequestID {
	if r.m == nil {
		panic("common.Requests used without NewRequests: a copy of the view would lose this request")
	}
	id := c.NextRequestID()
	r.m[id] = k
	return id
}

// Take returns what request id was for and forgets it; ok is false for a
// late or unknown result.
func (r *Requests[K]) Take(id RequestID) (k K, ok bool) {
	k, ok = r.m[id]
	if ok {
		delete(r.m, id)
	}
	return k, ok
}

// Drop forgets every request for which match is true, so their answers
// will be dropped (a refresh supersedes older loads; a closed session's
// calls no longer matter).
func (r *Requests[K]) Drop(match func(K) bool) {
	for id, k := range r.m {
		if match(k) {
			delete(r.m, id)
		}
	}
}

// Any reports whether a request for which match is true is in flight.
func (r Requests[K]) Any(match func(K) bool) bool {
	for _, k := range r.m {
		if match(k) {
			return true
		}
	}
	return false
}

// Len is the number of requests in flight.
func (r Requests[K]) Len() int { return len(r.m) }
