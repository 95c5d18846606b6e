// Package safelist remembers which numbers this console put on an
// account's Safe List. Twilio's Safe List API can add, fetch and remove a
// number but cannot list them, so without this file the console could not
// show what it added. The file (safe_list.json in the config directory,
// mode 0600, written atomically) holds numbers per account SID and never a
// secret.
package safelist

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/twilio-verify/twilio-verify/internal/atomicfile"
)

// FileName is the store's file inside the config directory.
const FileName = "safe_list.json"

// MaxPerAccount bounds the numbers kept for one account: the file stays
// small and checking every number on load stays cheap. Adding one more
// forgets the oldest.
const MaxPerAccount = 200

// Entry is one number this console added to an account's Safe List.
type Entry struct {
	// Number is the E.164 number.
	Number string `json:"number"`
	// Added is when the console added it.
	Added time.Time `json:"added"`
	// By names who added it (the operator), "" when unknown.
	By string `json:"by,omitempty"`
}

// file is the JSON content: entries per account SID, oldest first.
type file struct {
	Accounts map[string][]Entry `json:"accounts"`
}

// Path is the store's file in dir.
func Path(dir string) string { return filepath.Join(dir, FileName) }

// read loads the file; a missing file is empty.
func read(dir string) (file, error) {
	f := file{Accounts: map[string][]Entry{}}
	data, err := os.ReadFile(Path(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("read the Safe List numbers: %w", err)
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return f, fmt.Errorf("the Safe List numbers file %s is not valid JSON: %w", Path(dir), err)
	}
	if f.Accounts == nil {
		f.Accounts = map[string][]Entry{}
	}
	return f, nil
}

// write saves the file atomically with mode 0600, creating dir (0700).
func write(dir string, f file) error {
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save the Safe List numbers: %w", err)
	}
	if err := atomicfile.Write(Path(dir), append(data, '\n')); err != nil {
		return fmt.Errorf("save the Safe List numbers: %w", err)
	}
	return nil
}

// Load returns the numbers kept for account, oldest first.
func Load(dir, account string) ([]Entry, error) {
	f, err := read(dir)
	if err != nil {
		return nil, err
	}
	return f.Accounts[account], nil
}

// Add keeps e for account (a number already kept keeps its first entry)
// and returns the account's numbers.
func Add(dir, account string, e Entry) ([]Entry, error) {
	f, err := read(dir)
	if err != nil {
		return nil, err
	}
	list := f.Accounts[account]
	if i := indexOf(list, e.Number); i >= 0 {
		return list, nil
	}
	list = append(slices.Clone(list), e)
	if len(list) > MaxPerAccount {
		list = list[len(list)-MaxPerAccount:]
	}
	f.Accounts[account] = list
	return list, write(dir, f)
}

// Remove forgets number for account and returns the account's numbers.
func Remove(dir, account, number string) ([]Entry, error) {
	f, err := read(dir)
	if err != nil {
		return nil, err
	}
	list := f.Accounts[account]
	i := indexOf(list, number)
	if i < 0 {
		return list, nil
	}
	list = slices.Delete(slices.Clone(list), i, i+1)
	if len(list) == 0 {
		delete(f.Accounts, account)
	} else {
		f.Accounts[account] = list
	}
	return list, write(dir, f)
}

// indexOf is the position of number in list, or -1.
func indexOf(list []Entry, number string) int {
	return slices.IndexFunc(list, func(e Entry) bool { return e.Number == number })
}
