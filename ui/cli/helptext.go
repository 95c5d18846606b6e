package cli

// Flag descriptions that --help and the README must word alike
// (TestHelpAgreesWithREADME).
const (
	// readOnlyRefuses is what read-only mode refuses: every call the
	// client treats as a change (twilioapi's mutate).
	readOnlyRefuses = "create, edit, delete, send, cancel and approve, and every change to factors, challenges, the Safe List and rate limits"
	// mouseCovers is what --mouse turns on.
	mouseCovers = "click a tab or a row to select it; the wheel moves through lists and scrolls the details under the pointer"
	// logFileRule is how --log treats its file, which holds phone numbers.
	logFileRule = "created 0600, an existing file made 0600, a symbolic link refused"
)
