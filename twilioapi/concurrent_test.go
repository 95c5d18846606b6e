package twilioapi_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// TestConcurrentUse runs send+check pairs from many goroutines through one
// Client (CI runs it under -race): the client must be safe for concurrent
// use, and each pair must see its own code.
func TestConcurrentUse(t *testing.T) {
	c, sb := apitest.Start(t, sandbox.Options{Empty: true})
	ctx := context.Background()
	svc, err := c.CreateService(ctx, twilioapi.ServiceSettings{FriendlyName: ptr("Concurrent")})
	if err != nil {
		t.Fatal(err)
	}
	const workers, pairs = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			to := fmt.Sprintf("+1415300%04d", w)
			for i := 0; i < pairs; i++ {
				v, err := c.StartVerification(ctx, twilioapi.StartParams{ServiceSID: svc.SID, To: to, Channel: twilioapi.ChannelSMS})
				if err != nil {
					errs <- err
					return
				}
				msgs := sb.Outbox(to)
				if len(msgs) == 0 || msgs[0].VerificationSID != v.SID {
					errs <- fmt.Errorf("worker %d: newest message %+v is not for %s", w, msgs, v.SID)
					return
				}
				res, err := c.CheckVerification(ctx, twilioapi.CheckParams{ServiceSID: svc.SID, To: to, Code: msgs[0].Code})
				if err != nil || !res.Valid || res.SID != v.SID {
					errs <- fmt.Errorf("worker %d check: %+v %v", w, res, err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
