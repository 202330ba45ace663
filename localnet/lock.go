package localnet

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// LockFile is the file in a ledger directory that the chain using it holds locked.
const LockFile = "ionet-localnet.lock"

// ErrLedgerInUse means another chain runs on the ledger directory.
var ErrLedgerInUse = errors.New("ledger directory in use")

// ledgerLock is an exclusive flock on <ledger>/LockFile, held while a chain uses the ledger. The
// kernel drops it when the holder exits however it exits, so a crash never leaves it stuck.
type ledgerLock struct{ f *os.File }

// lockLedger takes the ledger's lock or fails at once, changing nothing, when another process
// holds it.
func lockLedger(ledger string) (*ledgerLock, error) {
	path := filepath.Join(ledger, LockFile)
	// No O_TRUNC: a start that is refused must not rewrite the holder's pid.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("localnet: open the ledger lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			holder := "another process"
			if data, err := os.ReadFile(path); err == nil && strings.TrimSpace(string(data)) != "" {
				holder = "process " + strings.TrimSpace(string(data))
			}
			return nil, fmt.Errorf("localnet: %w: %s already runs a local chain on %s; stop it (Ctrl-C) or pass another --ledger",
				ErrLedgerInUse, holder, ledger)
		}
		return nil, fmt.Errorf("localnet: lock %s: %w", path, err)
	}
	// The holder's pid, for the refusal above.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &ledgerLock{f: f}, nil
}

// release drops the lock; nil-safe and idempotent.
func (l *ledgerLock) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = l.f.Close()
	l.f = nil
}
