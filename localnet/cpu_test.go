package localnet

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// clockTicks is the unit of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux).
const clockTicks = 100

// cpuMeter measures the CPU a benchmark's sends cost: this process's (the senders') and, when
// pid is not 0, a server process's, each reported per transaction.
type cpuMeter struct {
	pid                int
	self, server, main time.Duration
}

func startCPU(b *testing.B, pid int) *cpuMeter {
	return &cpuMeter{pid: pid, self: selfCPU(b), server: procCPU(b, pid), main: threadCPU(b, pid)}
}

// report adds client-µs/tx and (with a server) server-µs/tx to b's metrics, and the server's
// main thread (its event loop, the ceiling of its rate) as server-main-µs/tx.
func (m *cpuMeter) report(b *testing.B) {
	perTx := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(b.N) }
	b.ReportMetric(perTx(selfCPU(b)-m.self), "client-µs/tx")
	if m.pid != 0 {
		b.ReportMetric(perTx(procCPU(b, m.pid)-m.server), "server-µs/tx")
		b.ReportMetric(perTx(threadCPU(b, m.pid)-m.main), "server-main-µs/tx")
	}
}

// selfCPU is this process's user and system CPU time.
func selfCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	require.NoError(b, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procCPU is process pid's user and system CPU time (0 for pid 0), from /proc/<pid>/stat.
func procCPU(b *testing.B, pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	return statCPU(b, "/proc/"+strconv.Itoa(pid)+"/stat")
}

// threadCPU is the CPU time of process pid's main thread (0 for pid 0).
func threadCPU(b *testing.B, pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	return statCPU(b, "/proc/"+strconv.Itoa(pid)+"/task/"+strconv.Itoa(pid)+"/stat")
}

// statCPU reads user and system CPU time from a /proc stat file.
func statCPU(b *testing.B, path string) time.Duration {
	data, err := os.ReadFile(path)
	require.NoError(b, err)
	// Fields after the command name (which may hold spaces) start at state, field 3: utime and
	// stime are fields 14 and 15.
	fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	require.GreaterOrEqual(b, len(fields), 13)
	utime, err := strconv.ParseInt(fields[11], 10, 64)
	require.NoError(b, err)
	stime, err := strconv.ParseInt(fields[12], 10, 64)
	require.NoError(b, err)
	return time.Duration(utime+stime) * time.Second / clockTicks
}
