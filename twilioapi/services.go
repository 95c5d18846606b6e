package twilioapi

import (
	"context"
	"errors"
	"net/url"
	"strconv"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// ListServicesPage returns one page of services (pageSize 1–1000). An empty
// token asks for the first page.
func (c *Client) ListServicesPage(ctx context.Context, pageSize int, pageToken string) (ServicePage, error) {
	if err := ValidatePageSize(pageSize); err != nil {
		return ServicePage{}, err
	}
	page, token, err := decodePageToken(pageToken)
	if err != nil {
		return ServicePage{}, err
	}
	return run(ctx, c, func(cl *call) (ServicePage, error) {
		r, err := cl.verifyAPI().PageService((&verify.ListServiceParams{}).SetPageSize(pageSize), token, page)
		if err != nil {
			return ServicePage{}, err
		}
		out := ServicePage{Services: make([]Service, 0, len(r.Services))}
		for i := range r.Services {
			out.Services = append(out.Services, serviceFrom(&r.Services[i]))
		}
		out.NextPageToken = encodePageToken(r.Meta.NextPageUrl)
		return out, nil
	})
}

// encodePageToken turns meta.next_page_url into the opaque NextPageToken:
// the Page and PageToken query values twilio-go's PageService takes back.
// No next page (null or "") gives "".
func encodePageToken(next *string) string {
	if next == nil || *next == "" {
		return ""
	}
	u, err := url.Parse(*next)
	if err != nil {
		return ""
	}
	q := u.Query()
	v := url.Values{}
	if p := q.Get("Page"); p != "" {
		v.Set("Page", p)
	}
	if t := q.Get("PageToken"); t != "" {
		v.Set("PageToken", t)
	}
	if len(v) == 0 {
		// A next page the client cannot address: say there is none rather
		// than loop on the first page.
		return ""
	}
	return v.Encode()
}

// decodePageToken reads a token made by encodePageToken.
func decodePageToken(tok string) (page, pageToken string, err error) {
	if tok == "" {
		return "", "", nil
	}
	v, perr := url.ParseQuery(tok)
	page, pageToken = v.Get("Page"), v.Get("PageToken")
	if perr != nil || (page == "" && pageToken == "") {
		return "", "", invalid("Page token", "That page token was not made by this client.")
	}
	if page != "" {
		if n, err := strconv.Atoi(page); err != nil || n < 0 {
			return "", "", invalid("Page token", "That page token was not made by this client.")
		}
	}
	return page, pageToken, nil
}

// FetchService returns one service.
func (c *Client) FetchService(ctx context.Context, sid string) (Service, error) {
	if err := ValidateSID("VA", sid); err != nil {
		return Service{}, err
	}
	s, err := run(ctx, c, func(cl *call) (Service, error) {
		s, err := cl.verifyAPI().FetchService(sid)
		if err != nil {
			return Service{}, err
		}
		return serviceFrom(s), nil
	})
	return s, serviceNotFound(err)
}

// CreateService creates a service; FriendlyName is required.
func (c *Client) CreateService(ctx context.Context, s ServiceSettings) (Service, error) {
	if err := ValidateServiceSettings(s, true); err != nil {
		return Service{}, err
	}
	return mutate(ctx, c, audited{action: ActionServiceCreate}, func(cl *call) (Service, error) {
		out, err := cl.verifyAPI().CreateService(createServiceParams(s))
		if err != nil {
			return Service{}, err
		}
		return serviceFrom(out), nil
	})
}

// UpdateService changes the non-nil settings of a service.
func (c *Client) UpdateService(ctx context.Context, sid string, s ServiceSettings) (Service, error) {
	if err := ValidateSID("VA", sid); err != nil {
		return Service{}, err
	}
	if err := ValidateServiceSettings(s, false); err != nil {
		return Service{}, err
	}
	out, err := mutate(ctx, c, audited{action: ActionServiceUpdate, service: sid}, func(cl *call) (Service, error) {
		out, err := cl.verifyAPI().UpdateService(sid, updateServiceParams(s))
		if err != nil {
			return Service{}, err
		}
		return serviceFrom(out), nil
	})
	return out, serviceNotFound(err)
}

// DeleteService deletes a service.
func (c *Client) DeleteService(ctx context.Context, sid string) error {
	if err := ValidateSID("VA", sid); err != nil {
		return err
	}
	_, err := mutate(ctx, c, audited{action: ActionServiceDelete, service: sid}, func(cl *call) (struct{}, error) {
		return struct{}{}, cl.verifyAPI().DeleteService(sid)
	})
	return serviceNotFound(err)
}

// serviceNotFoundHint replaces the 20404 hint (which explains
// verifications) where only the service can be missing.
const serviceNotFoundHint = "No Verify service has that SID on this account: it was deleted, or belongs to " +
	"another account or profile. List the services to pick one that exists."

// serviceNotFound gives a 20404 from a call addressing a service (fetch,
// update, delete, or a verification start) the service's hint.
func serviceNotFound(err error) error {
	var e *Error
	if errors.As(err, &e) && e.Code == CodeNotFound {
		e.Hint = serviceNotFoundHint
	}
	return err
}
