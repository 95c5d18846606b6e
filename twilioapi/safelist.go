package twilioapi

import (
	"context"
	"strings"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// safeListNumber reads a Safe List number: strict E.164 as typed (Twilio's
// own example, +18001234567, is one libphonenumber calls invalid, so
// validity is not required), or anything NormalizePhone turns into it.
func safeListNumber(input string) (string, error) {
	s := strings.TrimSpace(input)
	if isE164(s) {
		return s, nil
	}
	if n, err := NormalizePhone(s, ""); err == nil {
		return n, nil
	}
	return "", invalid("Phone number", "The Safe List takes a phone number in E.164 form: + then the country code and number.")
}

func safeListFrom(s *verify.VerifyV2Safelist) SafeListEntry {
	return SafeListEntry{SID: str(s.Sid), PhoneNumber: str(s.PhoneNumber), URL: str(s.Url)}
}

// AddToSafeList puts a number on the Safe List (adding a listed number
// again answers its entry).
func (c *Client) AddToSafeList(ctx context.Context, number string) (SafeListEntry, error) {
	n, err := safeListNumber(number)
	if err != nil {
		return SafeListEntry{}, err
	}
	return mutate(ctx, c, audited{action: ActionSafeListAdd, ref: n}, func(cl *call) (SafeListEntry, error) {
		s, err := cl.verifyAPI().CreateSafelist((&verify.CreateSafelistParams{}).SetPhoneNumber(n))
		if err != nil {
			return SafeListEntry{}, err
		}
		return safeListFrom(s), nil
	})
}

// FetchSafeListEntry returns a number's Safe List entry; a number not on the
// list is a KindAPI 404/20404.
func (c *Client) FetchSafeListEntry(ctx context.Context, number string) (SafeListEntry, error) {
	n, err := safeListNumber(number)
	if err != nil {
		return SafeListEntry{}, err
	}
	return run(ctx, c, func(cl *call) (SafeListEntry, error) {
		s, err := cl.verifyAPI().FetchSafelist(n)
		if err != nil {
			return SafeListEntry{}, err
		}
		return safeListFrom(s), nil
	})
}

// RemoveFromSafeList takes a number off the Safe List.
func (c *Client) RemoveFromSafeList(ctx context.Context, number string) error {
	n, err := safeListNumber(number)
	if err != nil {
		return err
	}
	_, err = mutate(ctx, c, audited{action: ActionSafeListRemove, ref: n}, func(cl *call) (struct{}, error) {
		return struct{}{}, cl.verifyAPI().DeleteSafelist(n)
	})
	return err
}
