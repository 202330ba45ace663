package localnet

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// readyTimeout bounds how long the server may take to print its ready line.
const readyTimeout = 90 * time.Second

// readyLine is what the LiteSVM server prints on stdout once it serves.
type readyLine struct {
	Event    string `json:"event"`
	RPC      string `json:"rpc"`
	WS       string `json:"ws"`
	Programs []struct {
		ID string `json:"id"`
		SO string `json:"so"`
	} `json:"programs"`
}

// checkLiteSVMDeps says plainly what is missing to run the Node server.
func checkLiteSVMDeps(dir string) (node, mainJS string, err error) {
	if node, err = findNode(); err != nil {
		return "", "", err
	}
	if !complete(dir) {
		return "", "", fmt.Errorf("localnet: %s has no node_modules/litesvm: run `npm ci` there (in a checkout, make deps does)", dir)
	}
	mainJS = filepath.Join(dir, "server", "main.mjs")
	if _, err := os.Stat(mainJS); err != nil {
		return "", "", fmt.Errorf("localnet: server %s is missing: the checkout is incomplete", mainJS)
	}
	return node, mainJS, nil
}

// findNode finds the Node.js that runs the server.
func findNode() (string, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return "", fmt.Errorf("localnet: node not found on PATH: the local chain runs on Node.js; install Node.js 20 or newer with npm (Debian/Ubuntu: apt-get install nodejs npm; in a checkout, make deps does)")
	}
	return node, nil
}

// liteSVMArgs is the server's command line (see localnet/server/main.mjs for its flags).
func liteSVMArgs(s serverSpec) []string {
	args := []string{s.script,
		"--port", strconv.Itoa(s.port),
		"--ws-port", strconv.Itoa(s.port + 1),
		"--bind", "127.0.0.1",
		"--features", s.opts.Features,
		"--slot-ms", strconv.FormatInt(s.opts.SlotDuration.Milliseconds(), 10),
		"--upgrade-authority", s.keys.UpgradeAuthority.Path,
		"--exit-on-stdin-close",
	}
	if s.ledger != "" {
		args = append(args, "--ledger", s.ledger)
		if s.opts.Reset {
			args = append(args, "--reset")
		}
	}
	for _, p := range s.programs {
		args = append(args, "--program", p.SO+":"+p.Key.Path)
	}
	if s.ledger == "" && len(s.programs) > 0 && s.opts.GenesisCache != "" {
		args = append(args, "--genesis-cache", s.opts.GenesisCache)
	}
	return args
}

// startLiteSVM runs the Node server and waits for its ready line and a healthy getHealth.
func startLiteSVM(ctx context.Context, s serverSpec) (*started, error) {
	ready := make(chan readyLine, 1)
	onStdout := func(line string) {
		var r readyLine
		if json.Unmarshal([]byte(line), &r) == nil && r.Event == "ready" {
			select {
			case ready <- r:
			default:
			}
		}
	}
	proc, err := startProcess(s.opts.Logger, onStdout, s.bin, liteSVMArgs(s)...)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*started, error) {
		_ = proc.stop(5 * time.Second)
		return nil, err
	}
	timer := time.NewTimer(readyTimeout)
	defer timer.Stop()
	var r readyLine
	select {
	case r = <-ready:
	case <-proc.done:
		if strings.Contains(proc.tail.String(), "EADDRINUSE") {
			return nil, fmt.Errorf("localnet: server on port %d: %w", s.port, errPortTaken)
		}
		return nil, fmt.Errorf("localnet: server exited before it was ready: %s", proc.describeExit())
	case <-ctx.Done():
		return fail(fmt.Errorf("localnet: waiting for the server: %w", ctx.Err()))
	case <-timer.C:
		return fail(fmt.Errorf("localnet: server not ready after %v; last log lines:\n%s", readyTimeout, proc.tail.String()))
	}
	if err := checkDeployed(r, s.programs); err != nil {
		return fail(err)
	}
	st := &started{proc: proc, rpcURL: r.RPC, wsURL: r.WS}
	if err := waitHealthy(ctx, st, 30*time.Second); err != nil {
		return fail(err)
	}
	return st, nil
}

// checkDeployed compares the programs the server says it deployed with those asked for.
func checkDeployed(r readyLine, programs []program) error {
	got := make(map[string]bool, len(r.Programs))
	for _, p := range r.Programs {
		got[p.ID] = true
	}
	for _, p := range programs {
		if !got[p.Key.Public().String()] {
			return fmt.Errorf("localnet: server did not report program %s (%s) deployed; it reported %v", p.Name, p.Key.Public(), r.Programs)
		}
	}
	if len(r.Programs) != len(programs) {
		return fmt.Errorf("localnet: server reports %d programs deployed, expected %d: %v", len(r.Programs), len(programs), r.Programs)
	}
	return nil
}
