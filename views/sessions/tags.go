package sessions

import (
	"fmt"
	"sort"
	"strings"
)

// formatTags writes tags as the Tags field reads them, keys sorted.
func formatTags(tags map[string]string) string {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + tags[k]
	}
	return strings.Join(parts, ", ")
}

// parseTags reads "k=v, k=v" into a map (nil when empty).
func parseTags(s string) (map[string]string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	tags := map[string]string{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, found := strings.Cut(part, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !found || k == "" {
			return nil, fmt.Errorf("write tags as key=value, separated by commas (%q)", part)
		}
		if _, dup := tags[k]; dup {
			return nil, fmt.Errorf("tag %q appears twice", k)
		}
		tags[k] = v
	}
	return tags, nil
}
