// twilio-verify patch: not in upstream.
package phonenumbers

import (
	"fmt"
	"sync"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// Field numbers in phonemetadata.proto.
const (
	collectionMetadataField = 1  // PhoneMetadataCollection.metadata
	metadataIDField         = 9  // PhoneMetadata.id
	metadataCountryCode     = 10 // PhoneMetadata.country_code
)

// metadataIndex holds the serialized PhoneMetadata of every territory and
// parses each one the first time it is read. Parsing all 246 up front cost
// a process about 4 ms and 2.5 MB before its first phone number; most
// processes read one or two.
type metadataIndex struct {
	regions map[string][]byte // region code → serialized PhoneMetadata
	nonGeo  map[int][]byte    // calling code of a non-geographical entity → serialized PhoneMetadata

	parsedRegions sync.Map // string → *PhoneMetadata
	parsedNonGeo  sync.Map // int → *PhoneMetadata
}

// indexMetadata reads the top level of a serialized PhoneMetadataCollection:
// each territory's bytes by its id (or, for "001", its calling code).
func indexMetadata(collection []byte) (*metadataIndex, error) {
	idx := &metadataIndex{regions: make(map[string][]byte, 256), nonGeo: make(map[int][]byte, 16)}
	b := collection
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
		if num != collectionMetadataField || typ != protowire.BytesType {
			n = protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return nil, protowire.ParseError(n)
			}
			b = b[n:]
			continue
		}
		msg, n := protowire.ConsumeBytes(b)
		if n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
		id, code, err := metadataKey(msg)
		if err != nil {
			return nil, err
		}
		if id == REGION_CODE_FOR_NON_GEO_ENTITY {
			idx.nonGeo[code] = msg
		} else {
			idx.regions[id] = msg
		}
	}
	if len(idx.regions) == 0 {
		return nil, ErrEmptyMetadata
	}
	return idx, nil
}

// metadataKey reads a serialized PhoneMetadata's id and country code
// without parsing the rest.
func metadataKey(msg []byte) (id string, code int, err error) {
	seenID := false
	for len(msg) > 0 {
		num, typ, n := protowire.ConsumeTag(msg)
		if n < 0 {
			return "", 0, protowire.ParseError(n)
		}
		msg = msg[n:]
		switch {
		case num == metadataIDField && typ == protowire.BytesType:
			v, n := protowire.ConsumeBytes(msg)
			if n < 0 {
				return "", 0, protowire.ParseError(n)
			}
			id, seenID = string(v), true
			msg = msg[n:]
		case num == metadataCountryCode && typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(msg)
			if n < 0 {
				return "", 0, protowire.ParseError(n)
			}
			code = int(int32(v))
			msg = msg[n:]
		default:
			n = protowire.ConsumeFieldValue(num, typ, msg)
			if n < 0 {
				return "", 0, protowire.ParseError(n)
			}
			msg = msg[n:]
		}
	}
	if !seenID {
		return "", 0, fmt.Errorf("phonenumbers: a territory's metadata has no id")
	}
	return id, code, nil
}

// region returns the metadata of a region code, parsing it on first use.
func (idx *metadataIndex) region(code string) (*PhoneMetadata, bool) {
	if v, ok := idx.parsedRegions.Load(code); ok {
		return v.(*PhoneMetadata), true
	}
	raw, ok := idx.regions[code]
	if !ok {
		return nil, false
	}
	v, _ := idx.parsedRegions.LoadOrStore(code, mustParseMetadata(raw))
	return v.(*PhoneMetadata), true
}

// nonGeographical returns the metadata of a non-geographical calling code,
// parsing it on first use.
func (idx *metadataIndex) nonGeographical(code int) (*PhoneMetadata, bool) {
	if v, ok := idx.parsedNonGeo.Load(code); ok {
		return v.(*PhoneMetadata), true
	}
	raw, ok := idx.nonGeo[code]
	if !ok {
		return nil, false
	}
	v, _ := idx.parsedNonGeo.LoadOrStore(code, mustParseMetadata(raw))
	return v.(*PhoneMetadata), true
}

// mustParseMetadata parses one territory's metadata. The bytes are the
// embedded data, already walked by indexMetadata: an error here is a
// corrupt build, as upstream's panic at init was.
func mustParseMetadata(raw []byte) *PhoneMetadata {
	m := &PhoneMetadata{}
	if err := proto.Unmarshal(raw, m); err != nil {
		panic(fmt.Errorf("phonenumbers: embedded metadata: %w", err))
	}
	return m
}
