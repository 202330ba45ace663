// Command sbpf-link links Rust programs for Solana: use it as rustc's linker
// for the bpfel-unknown-none target (-C linker=bin/sbpf-link). It writes an
// SBPF v3 program to -o and, with -C link-arg=--emit-v0, an SBPF v0 program
// beside it (.so replaced by .v0.so). LLVM 22 tools come from $LLVM_BIN
// (default /usr/lib/llvm-22/bin); SBPF_LINK_LOG=debug logs each step.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"

	"github.com/ionet-oss/ionet/sbpf/bitcode"
	"github.com/ionet-oss/ionet/sbpf/driver"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sbpf-link: error:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	level := slog.LevelWarn
	if os.Getenv("SBPF_LINK_LOG") == "debug" {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	args, err := driver.ParseArgs(os.Args[1:])
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "sbpf-link-")
	if err != nil {
		return fmt.Errorf("creating scratch directory: %w", err)
	}
	defer os.RemoveAll(dir)
	_, err = driver.Run(ctx, args, bitcode.ToolsFromEnv(), dir, log)
	return err
}
