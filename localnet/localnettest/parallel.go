package localnettest

import (
	"flag"
	"strconv"
)

// WaitBound raises go test's -parallel to at least n for a package whose parallel tests mostly
// wait (on slots, polls, processes that sleep) rather than compute: by default only GOMAXPROCS
// of them run at once, which on two cores leaves the rest queued behind real-time waits. A
// -parallel given on the command line wins. Call it from TestMain before m.Run.
func WaitBound(n int) {
	if !flag.Parsed() {
		flag.Parse()
	}
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if f := flag.Lookup("test.parallel"); f != nil && !set {
		if cur, err := strconv.Atoi(f.Value.String()); err == nil && cur < n {
			_ = f.Value.Set(strconv.Itoa(n))
		}
	}
}
