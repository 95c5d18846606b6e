package common

// KeyMap holds the global key bindings of one program. (The shell issue
// fills it in.)
type KeyMap struct{}
