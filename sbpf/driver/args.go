// Package driver implements sbpf-link: it accepts the bpf-linker command line
// rustc passes for the bpfel-unknown-none target and runs the whole
// pipeline (bitcode steps, ELF link, verification, v3 and v0 writers).
package driver

import (
	"fmt"
	"strings"
)

// Args is the parsed command line.
type Args struct {
	Inputs []string
	Output string
	// ExportSymbols is rustc's list of exported symbols. It is read past,
	// not used: a Solana program exports only its entrypoint.
	ExportSymbols string
	EmitV0        bool
}

// Flags of bpf-linker that do not change what sbpf-link produces: the
// pipeline always optimises at O3 and drops debug info and BTF.
var (
	ignoredBool = map[string]bool{
		"--debug": true, "--btf": true, "--allow-bpf-trap": true, "--unroll-loops": true,
		"--ignore-inline-never": true, "--disable-expand-memcpy-in-order": true,
		"--disable-memory-builtins": true, "--fatal-errors": true, "-O0": true, "-O1": true,
		"-O2": true, "-O3": true, "-Os": true, "-Oz": true, "--no-entry": true,
	}
	ignoredValue = map[string]bool{
		"-L": true, "--log-file": true, "--log-level": true, "--target": true, "--export": true,
	}
	// CPUs whose code SBPF runs as written: no JMP32 or 32-bit ALU.
	safeCPU = map[string]bool{"v1": true, "v2": true, "generic": true, "probe": true}
)

const usage = "usage: sbpf-link [bpf-linker options] INPUT... -o OUT.so [--emit-v0]"

// ParseArgs parses the linker command line.
func ParseArgs(argv []string) (*Args, error) {
	a := &Args{}
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		name, value, hasValue := strings.Cut(arg, "=")
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			a.Inputs = append(a.Inputs, arg)
			continue
		}
		takeValue := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(argv) {
				return "", fmt.Errorf("option %s needs a value (%s)", name, usage)
			}
			i++
			return argv[i], nil
		}
		switch {
		case name == "-o" || name == "--output":
			v, err := takeValue()
			if err != nil {
				return nil, err
			}
			a.Output = v
		case strings.HasPrefix(arg, "-o") && len(arg) > 2 && !hasValue:
			a.Output = arg[2:]
		case name == "--export-symbols":
			v, err := takeValue()
			if err != nil {
				return nil, err
			}
			a.ExportSymbols = v
		case name == "--emit-v0":
			a.EmitV0 = true
		case name == "--cpu":
			v, err := takeValue()
			if err != nil {
				return nil, err
			}
			if !safeCPU[v] {
				return nil, fmt.Errorf("--cpu %s: SBPF needs eBPF v2 code (v3/v4 emit JMP32 and 32-bit ALU results SBPF sign-extends); build with -C target-cpu=v2", v)
			}
		case name == "--cpu-features":
			v, err := takeValue()
			if err != nil {
				return nil, err
			}
			if strings.Contains(v, "+alu32") {
				return nil, fmt.Errorf("--cpu-features %s: +alu32 emits 32-bit ALU results SBPF sign-extends; remove it", v)
			}
		case ignoredBool[name] && !hasValue:
		case ignoredValue[name]:
			if _, err := takeValue(); err != nil {
				return nil, err
			}
		case strings.HasPrefix(arg, "-L") && len(arg) > 2:
		case strings.HasPrefix(arg, "-l"):
			return nil, fmt.Errorf("%s: sbpf-link links libraries given by path only (rustc passes .rlib paths)", arg)
		case name == "--emit":
			return nil, fmt.Errorf("%s: sbpf-link only writes SBPF shared objects (v3, and v0 with --emit-v0)", arg)
		case name == "--llvm-args":
			return nil, fmt.Errorf("%s: sbpf-link runs llc with fixed flags (-mcpu=v2 -bpf-stack-size=4096); extra LLVM arguments are not supported", arg)
		default:
			return nil, fmt.Errorf("unknown option %s (%s)", arg, usage)
		}
	}
	if a.Output == "" {
		return nil, fmt.Errorf("no output file: pass -o OUT.so (%s)", usage)
	}
	if len(a.Inputs) == 0 {
		return nil, fmt.Errorf("no input files (%s)", usage)
	}
	return a, nil
}

// V0Path is where --emit-v0 writes the v0 file: OUT with ".so" replaced by
// ".v0.so" (or ".v0.so" appended).
func V0Path(out string) string {
	return strings.TrimSuffix(out, ".so") + ".v0.so"
}
