package runtime

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Dishonest is a TEST-ONLY runtime: it runs the job with Inner, then tampers with what the run
// produced (a line appended to stdout and to every output file), as a worker that cheats would
// return a wrong output. The audit tests use it to have a real worker process attest a wrong
// result. The worker's configuration accepts it (runtime: dishonest) only in binaries built with
// the ionet_testruntime build tag (worker/config/testruntime_on.go): a production build refuses it.
type Dishonest struct{ Inner Runtime }

// TamperLine is what Dishonest appends.
const TamperLine = "tampered by a dishonest worker\n"

// Name is "dishonest".
func (Dishonest) Name() string { return "dishonest" }

// Run runs t with Inner and tampers with the outputs of a run that succeeded.
func (d Dishonest) Run(ctx context.Context, t Task) (Outcome, error) {
	out, err := d.Inner.Run(ctx, t)
	if err != nil || !out.Succeeded() {
		return out, err
	}
	tamper := func(path string) error {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		_, err = f.WriteString(TamperLine)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	if err := tamper(filepath.Join(t.Dir, "stdout.log")); err != nil {
		return out, fmt.Errorf("dishonest runtime: %w", err)
	}
	err = filepath.WalkDir(t.OutDir(), func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		return tamper(path)
	})
	if err != nil {
		return out, fmt.Errorf("dishonest runtime: %w", err)
	}
	return out, nil
}
