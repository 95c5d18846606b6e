// Package ui is the console's shell: one root model per program that
// holds the registry's views in tab order and derives from them the tab
// bar, the tab keys, help, result routing, the busy spinner, the quit
// question and sizing; it owns the status line, dialogs, the theme and
// the sandbox outbox line. Build runs a program (locally or per SSH
// session); ui/cli is the command line, the console's other face.
//
// # Contributor guide
//
// Dependencies point one way:
//
//	main → ui (shell, cli, sshserve) → views/<name> → ui/common → twilioapi, keyring
//
// twilioapi knows no screen; views never import the shell, another view
// or the sandbox (the sandbox's outbox reaches them through the client).
// Nothing is a package-level mutable value: two SSH sessions share no
// keymap, style, client or clock. What a program shares lives in its
// common.Common.
//
// UI rules:
//
//   - No I/O in Update or View. Every call is a tea.Cmd made with
//     common.Call (or common.Poll for timers' polls): it has the program's
//     timeout, is logged with secrets masked, turns a panic into an error,
//     and answers with a typed common.Result[T] addressed to the view and
//     request that asked. Track requests with common.Requests: a result
//     whose request is gone (superseded, its row closed) is dropped.
//   - Timers go through Common.After, never tea.Tick: tests record them.
//   - Twilio knowledge (codes, limits, when a limit clears, polling
//     budgets, hints) lives in twilioapi; views only phrase it. Errors are
//     shown in place with common.Explain / Problem.Render, and on form
//     fields with Form.PlaceError; input is never lost.
//   - Keys by name, never literal strings: shared keys are fields of
//     common.KeyMap, a view's own keys are KeyDefs in its registry entry,
//     read with KeyMap.Get. Help (ShortHelp/FullHelp) shows only the keys
//     that work in the current state. While a text field has focus the
//     view is Capturing and gets every key but force-quit.
//   - Lists use common.List (filter on /, paging, scrolling, states).
//     Panes scroll; the focused field stays visible at MinWidth×MinHeight.
//   - Changes at Twilio go through twilioapi's mutating calls, which a
//     read-only client refuses; views hide those actions in read-only mode
//     and say common.ReadOnlyRefused when a key asks anyway. Dangerous
//     actions ask first with common.ConfirmMsg (Mutates: true).
//   - Tests: Update tests with viewtest.Harness on a real sandbox over
//     loopback; golden files of View at fixed sizes (80×24 and 160×48,
//     dark and light, and the minimum size) with `-update` to regenerate;
//     end-to-end tests drive the built binary in tmux (tmuxtest).
//
// # Adding a view
//
//  1. Create views/<name> with the same file roles as the others:
//     model.go (Model, New, ID, Entry and the View methods), update.go
//     (Update and key handling), view.go (drawing), keys.go (help and the
//     view's KeyDefs) and calls.go (calls and their results).
//  2. Implement common.View on Model; Update and SetSize return the
//     Model as a common.View. Two optional interfaces: common.KeyClaimer
//     to take a global key first in some state (digits typing a code),
//     common.QuitWarner to make the quit question say what would be lost.
//  3. Export Entry() common.ViewEntry with the view's ID, Title, Keys
//     and constructor.
//  4. Add one line, <name>.Entry(), to Registry in registry.go. Nothing
//     else in the shell changes: TestRegistryEntriesAreComplete and
//     TestProbeViewGetsEverything check that.
//  5. Add the view's tests (Update via viewtest.Harness, goldens) and its
//     keys to the README's key table.
package ui
