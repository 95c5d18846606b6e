package phonenumbers

import "embed"

//go:embed data/countrycode_to_region.xml.gz
var regionData []byte

// numberData is the territory metadata, a serialized
// PhoneMetadataCollection: stored uncompressed (upstream gzips it) so
// that reading one territory costs no decompression of all of them.
//
//go:embed data/metadata.bin
var numberData []byte

//go:embed data/prefix_to_carriers/*.gz
var carrierData embed.FS
var carrierDataPath = "data/prefix_to_carriers"

//go:embed data/prefix_to_timezone.xml.gz
var timezoneData []byte

//go:embed data/shortnumber_metadata.xml.gz
var shortNumberData []byte
