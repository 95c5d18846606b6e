package sandbox

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// paging is a list request's PageSize, Page and PageToken.
type paging struct {
	size     int
	page     int
	token    string
	afterSeq int64 // from token; -1 when no token
}

// maxPage bounds Page so that Page×PageSize (at most 1000) and Page+1
// cannot overflow; no list comes near it.
const maxPage = math.MaxInt32

// parsePaging reads PageSize (default 50, capped at 1000 like Twilio),
// Page (0-based) and PageToken ("PT" + the hex creation sequence number of
// the last item of the previous page, so pages stay stable when items are
// added or deleted meanwhile; Twilio's tokens are opaque too).
func parsePaging(f form) (paging, *apiError) {
	p := paging{size: 50, afterSeq: -1}
	if v, ok := f.get("PageSize"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, errInvalid("PageSize")
		}
		p.size = min(n, 1000)
	}
	if v, ok := f.get("Page"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxPage {
			return p, errInvalid("Page")
		}
		p.page = n
	}
	if v, ok := f.get("PageToken"); ok && v != "" {
		hexSeq, ok := strings.CutPrefix(v, "PT")
		n, err := strconv.ParseInt(hexSeq, 16, 64)
		if !ok || err != nil || n < 0 {
			return p, errInvalid("PageToken")
		}
		p.token, p.afterSeq = v, n
	}
	return p, nil
}

// window picks the page out of items with ascending sequence numbers seqs:
// items[from:to], and the token of the next page ("" on the last page).
func (p paging) window(seqs []int64) (from, to int, next string) {
	if p.afterSeq >= 0 {
		for from < len(seqs) && seqs[from] <= p.afterSeq {
			from++
		}
	} else {
		from = min(p.page*p.size, len(seqs))
	}
	to = min(from+p.size, len(seqs))
	if to < len(seqs) && to > from {
		next = "PT" + strconv.FormatInt(seqs[to-1], 16)
	}
	return from, to, next
}

// meta builds the v2 list envelope's meta for base (an absolute list URL).
func (p paging) meta(base, key, next string) map[string]any {
	pageURL := func(page int, token string) string {
		u := base + "?PageSize=" + strconv.Itoa(p.size) + "&Page=" + strconv.Itoa(page)
		if token != "" {
			u += "&PageToken=" + token
		}
		return u
	}
	m := map[string]any{
		"page":              p.page,
		"page_size":         p.size,
		"first_page_url":    pageURL(0, ""),
		"previous_page_url": nil,
		"url":               pageURL(p.page, p.token),
		"next_page_url":     nil,
		"key":               key,
	}
	if p.page > 0 {
		m["previous_page_url"] = pageURL(p.page-1, "")
	}
	if next != "" {
		m["next_page_url"] = pageURL(p.page+1, next)
	}
	return m
}

// pageItems renders the page of all (in order, with the ascending sequence
// numbers seqs) that pg asks for, and says the next page's token.
func pageItems[T, J any](pg paging, all []T, seqs []int64, render func(T) J) (items []J, next string) {
	from, to, next := pg.window(seqs)
	items = make([]J, 0, to-from)
	for _, it := range all[from:to] {
		items = append(items, render(it))
	}
	return items, next
}

// listPage is the v2 list answer for the page of all (in creation order)
// that pg asks for: the rendered items under key, and the meta of the list
// at url.
func listPage[T sequenced, J any](pg paging, key, url string, all []T, render func(T) J) map[string]any {
	items, next := pageItems(pg, all, sequences(all), render)
	return map[string]any{key: items, "meta": pg.meta(url, key, next)}
}

// sequenced is a stored resource that knows its creation sequence number:
// lists answer in that order, and page tokens hold it.
type sequenced interface{ sequence() int64 }

// sequences lists the sequence numbers of items, for paging.window.
func sequences[T sequenced](items []T) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.sequence()
	}
	return out
}

// creationOrder lists the values of m that keep accepts (all of them when
// keep is nil), oldest first.
func creationOrder[K comparable, T sequenced](m map[K]T, keep func(T) bool) []T {
	var out []T
	if keep == nil {
		out = make([]T, 0, len(m))
	}
	for _, v := range m {
		if keep == nil || keep(v) {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b T) int { return cmp.Compare(a.sequence(), b.sequence()) })
	return out
}

// filteredMeta is meta for a list filtered by query ("&Name=value…", or ""
// for none): its page URLs carry the filter, so following them keeps it.
func (p paging) filteredMeta(base, key, next, query string) map[string]any {
	m := p.meta(base, key, next)
	if query == "" {
		return m
	}
	for _, k := range []string{"first_page_url", "previous_page_url", "url", "next_page_url"} {
		if u, ok := m[k].(string); ok {
			m[k] = u + query
		}
	}
	return m
}
