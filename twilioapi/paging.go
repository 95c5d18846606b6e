package twilioapi

// pageRequest checks a page size (1–1000) and reads a page token made by
// encodePageToken: the Page and PageToken values twilio-go's PageX methods
// take.
func pageRequest(pageSize int, pageToken string) (page, token string, err error) {
	if err := ValidatePageSize(pageSize); err != nil {
		return "", "", err
	}
	return decodePageToken(pageToken)
}
