package twilioapi

import (
	"context"
	"errors"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// Entities, factors and challenges (Verify Push/TOTP). twilio-go quirks
// met here:
//   - The identity goes into the URL path unescaped (strings.Replace), so
//     every method validates it first.
//   - Factor config is flat form keys on the way in (SetConfigTimeStep →
//     "Config.TimeStep") but a nested JSON object on the way out
//     (*interface{} holding map[string]any with float64 numbers).
//   - Metadata and HiddenDetails are interface{} that twilio-go JSON-encodes;
//     Details.Fields is a []interface{} whose elements are JSON-encoded
//     one per repeated "Details.Fields" key.
//   - The binding (TOTP secret and URI) only exists on CreateNewFactor's
//     VerifyV2NewFactor; VerifyV2Factor has no field for it.

// CreateEntity creates an entity. Creating a factor creates its entity
// too, so this is only needed to reserve an identity.
func (c *Client) CreateEntity(ctx context.Context, serviceSID, identity string) (Entity, error) {
	if err := validateEntityPath(serviceSID, identity); err != nil {
		return Entity{}, err
	}
	return mutate(ctx, c, audited{action: ActionEntityCreate, service: serviceSID}, func(cl *call) (Entity, error) {
		e, err := cl.verifyAPI().CreateEntity(serviceSID, (&verify.CreateEntityParams{}).SetIdentity(identity))
		if err != nil {
			return Entity{}, err
		}
		return entityFrom(e), nil
	})
}

// ListEntitiesPage returns one page of a service's entities (pageSize
// 1–1000). An empty token asks for the first page.
func (c *Client) ListEntitiesPage(ctx context.Context, serviceSID string, pageSize int, pageToken string) (EntityPage, error) {
	if err := ValidateSID("VA", serviceSID); err != nil {
		return EntityPage{}, err
	}
	if err := ValidatePageSize(pageSize); err != nil {
		return EntityPage{}, err
	}
	page, token, err := decodePageToken(pageToken)
	if err != nil {
		return EntityPage{}, err
	}
	return run(ctx, c, func(cl *call) (EntityPage, error) {
		r, err := cl.verifyAPI().PageEntity(serviceSID, (&verify.ListEntityParams{}).SetPageSize(pageSize), token, page)
		if err != nil {
			return EntityPage{}, err
		}
		out := EntityPage{Entities: make([]Entity, 0, len(r.Entities))}
		for i := range r.Entities {
			out.Entities = append(out.Entities, entityFrom(&r.Entities[i]))
		}
		out.NextPageToken = encodePageToken(r.Meta.NextPageUrl)
		return out, nil
	})
}

// FetchEntity returns one entity.
func (c *Client) FetchEntity(ctx context.Context, serviceSID, identity string) (Entity, error) {
	if err := validateEntityPath(serviceSID, identity); err != nil {
		return Entity{}, err
	}
	e, err := run(ctx, c, func(cl *call) (Entity, error) {
		e, err := cl.verifyAPI().FetchEntity(serviceSID, identity)
		if err != nil {
			return Entity{}, err
		}
		return entityFrom(e), nil
	})
	return e, tfaNotFound(err)
}

// DeleteEntity deletes an entity with all its factors and challenges.
func (c *Client) DeleteEntity(ctx context.Context, serviceSID, identity string) error {
	if err := validateEntityPath(serviceSID, identity); err != nil {
		return err
	}
	_, err := mutate(ctx, c, audited{action: ActionEntityDelete, service: serviceSID}, func(cl *call) (struct{}, error) {
		return struct{}{}, cl.verifyAPI().DeleteEntity(serviceSID, identity)
	})
	return tfaNotFound(err)
}

// tfaNotFoundHint replaces the 20404 hint (which explains verifications)
// for entities, factors and challenges.
const tfaNotFoundHint = "Verify has no such entity, factor or challenge. Check the identity and SID; " +
	"a deleted entity takes its factors and challenges with it, and a factor is only created for " +
	"an identity by creating a factor (or the entity) first."

// tfaNotFound gives a 20404 from the Push/TOTP resources its own hint.
func tfaNotFound(err error) error {
	var e *Error
	if errors.As(err, &e) && e.Code == 20404 {
		e.Hint = tfaNotFoundHint
	}
	return err
}
