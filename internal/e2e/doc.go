// Package e2e holds the end-to-end suite: the scripts in testdata/e2e
// (and the screenshot journeys in testdata/screenshots) are run against
// the built binary in tmux, on its --sandbox, by the tests of this
// package. A script is one journey, one command a line:
//
//	# a comment
//	requires sessions            skip unless this view is registered
//	size 110 34                  the terminal (before the first action)
//	args --sandbox               the program's arguments (the default)
//	keys resend = R              a `[keys]` entry written to config.toml
//	wait Sandbox Demo            wait until the text is on screen
//	gone Loading                 wait until it is not
//	key tab_2 new                press bindings by `[keys]` name (their
//	                             first key; rebinding never breaks a
//	                             script) or keys by name (enter, esc, …)
//	type +14155550100            type text ($name inserts a capture)
//	capture code code (\d{4,10}) wait for a regexp, keep group 1 as $code
//	match YC[0-9a-f]{32}         wait for a regexp
//	totp code $secret [+30s]     keep as $code the TOTP code of a secret
//	resize 60 16                 resize the terminal
//	sleep 300ms                  let the program settle
//	shot services                (screenshots) capture the screen as services
//	exit 0                       wait for the program to end with a status
//
// Timeouts are generous (the suite runs on loaded machines); every
// failure shows the screen.
package e2e
