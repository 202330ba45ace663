package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/deploy"
)

func verifyCommand() *ucli.Command {
	return &ucli.Command{
		Name:     "verify",
		Usage:    "check that the --url cluster runs exactly the protocol's built programs",
		Category: categoryOperator,
		Description: "For each program of the cluster's deployment, hashes the code on chain (its ProgramData " +
			"after the header, trailing zeros trimmed) and compares it with the built artefact (the ones built " +
			"into ionet, as committed in localnet/programs, or --artifacts DIR, e.g. a fresh `make programs` " +
			"output) and with the hash the deployment file recorded; prints each hash and the program's " +
			"security.txt, and exits non-zero on any mismatch.",
		Flags: []ucli.Flag{artifactsFlag(), sbpfFlag(),
			&ucli.StringFlag{Name: "buffer", Usage: "check this loader buffer (an upgrade waiting for its vote) instead of the deployed programs; with --program"},
			&ucli.StringFlag{Name: "program", Usage: "with --buffer: the program whose build the buffer should hold (" + strings.Join(deploy.ProgramNames, ", ") + ")"},
			&ucli.StringFlag{Name: "build", Usage: "also build the programs afresh from the checkout at this directory (make linker, scripts/build-programs.sh) and compare with that build"}},
		Action: cli.Action(runVerify),
	}
}

func runVerify(c *ucli.Context, env *cli.Env) error {
	elfs, err := programELFs(c)
	if err != nil {
		return err
	}
	if c.String("buffer") != "" {
		return verifyBuffer(c, env, elfs)
	}
	dep, _, err := deploymentFor(c.Context, c, env)
	if err != nil {
		return err
	}
	// Without --sbpf, a program matches either build (the v0 one where v3 is not enabled).
	v0 := c.String("sbpf") == "v0"
	var v0ELFs map[string][]byte
	if !c.IsSet("sbpf") {
		if v0ELFs, err = programELFsOf(c, true); err != nil {
			env.Log.Debug("no SBPF v0 build to compare with", "err", err)
			v0ELFs = nil
		}
	}
	var built, builtV0 map[string][]byte
	if dir := c.String("build"); dir != "" {
		fmt.Fprintf(c.App.ErrWriter, "Building the programs afresh from %s...\n", dir)
		if built, builtV0, err = freshBuild(c.Context, dir); err != nil {
			return err
		}
		if v0 {
			built = builtV0
		}
	}
	report := verifyReport{Programs: []verifiedProgram{}}
	for _, name := range deploy.ProgramNames {
		id := dep.Programs[name]
		v := verifiedProgram{Name: name, ID: id.String(), SBPF: "v3", Expected: deploy.CodeHash(elfs[name]), Recorded: dep.ProgramHashes[name]}
		if v0 {
			v.SBPF = "v0"
		}
		programBuilt := built
		code, err := deployedCode(c, env, id)
		if err != nil {
			v.Problem = err.Error()
		} else {
			v.OnChain = deploy.CodeHash(code)
			if v0ELFs != nil && v.OnChain != v.Expected && v.OnChain == deploy.CodeHash(v0ELFs[name]) {
				v.SBPF, v.Expected, programBuilt = "v0", v.OnChain, builtV0
			}
			fields := deploy.SecurityTxt(code)
			for _, k := range deploy.SecurityTxtKeys(fields) {
				v.SecurityTxt = append(v.SecurityTxt, securityField{Field: k, Value: fields[k]})
			}
		}
		if programBuilt != nil {
			v.Built = deploy.CodeHash(programBuilt[name])
		}
		switch {
		case v.Problem != "":
		case v.OnChain != v.Expected:
			v.Problem = "the code on chain is not the artefact"
		case v.Built != "" && v.Built != v.OnChain:
			v.Problem = "the code on chain is not the fresh build"
		case v.Recorded != "" && v.Recorded != v.OnChain:
			v.Problem = "the code on chain is not what the deployment file recorded"
		}
		v.Match = v.Problem == ""
		report.Programs = append(report.Programs, v)
	}
	if err := env.Print(report); err != nil {
		return err
	}
	var bad []string
	for _, p := range report.Programs {
		if !p.Match {
			bad = append(bad, p.Name+" ("+p.Problem+")")
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("verify: %w: %s", errMismatch, strings.Join(bad, "; "))
	}
	return nil
}

// deployedCode is the code of the upgradeable program id: its ProgramData after the header.
func deployedCode(c *ucli.Context, env *cli.Env, id solana.PublicKey) ([]byte, error) {
	acct, err := env.Client().RPC.GetAccountInfoWithOpts(c.Context, deploy.ProgramDataAddress(id),
		&rpc.GetAccountInfoOpts{Commitment: env.Client().Commitment(), Encoding: solana.EncodingBase64})
	if err != nil {
		return nil, fmt.Errorf("read the ProgramData of %s: %w", id, solanax.WrapRPCError("getAccountInfo", err))
	}
	if !acct.Value.Owner.Equals(deploy.LoaderID) {
		return nil, fmt.Errorf("the ProgramData of %s is not the upgradeable loader's", id)
	}
	pd, err := deploy.DecodeProgramData(acct.Value.Data.GetBinary())
	if err != nil {
		return nil, fmt.Errorf("the ProgramData of %s: %w", id, err)
	}
	return pd.Code, nil
}

type verifiedProgram struct {
	Name     string `json:"name"`
	ID       string `json:"id"`
	SBPF     string `json:"sbpf"` // the build it was compared with: v3 or v0
	OnChain  string `json:"onChain"`
	Expected string `json:"expected"`
	Recorded string `json:"recorded,omitempty"`
	Built    string `json:"built,omitempty"` // of the fresh build (--build)
	Match    bool   `json:"match"`
	Problem  string `json:"problem,omitempty"`
	// SecurityTxt are the fields of the program's security.txt, in the standard's order (its
	// snake_case names are values here, so the JSON keys stay camelCase).
	SecurityTxt []securityField `json:"securityTxt,omitempty"`
}

type securityField struct {
	Field string `json:"field"`
	Value string `json:"value"`
}

type verifyReport struct {
	Programs []verifiedProgram `json:"programs"`
}

func (r verifyReport) WriteHuman(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, p := range r.Programs {
		verdict := "OK"
		if !p.Match {
			verdict = "MISMATCH: " + p.Problem
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", p.Name, p.ID, verdict)
		fmt.Fprintf(tw, "  on chain\t%s\n", p.OnChain)
		fmt.Fprintf(tw, "  artefact\t%s\n", p.Expected)
		if p.Built != "" {
			fmt.Fprintf(tw, "  fresh build\t%s\n", p.Built)
		}
		if p.Recorded != "" {
			fmt.Fprintf(tw, "  recorded\t%s\n", p.Recorded)
		}
		if len(p.SecurityTxt) == 0 {
			fmt.Fprintf(tw, "  security.txt\t(none)\n")
		}
		for _, f := range p.SecurityTxt {
			fmt.Fprintf(tw, "  %s\t%s\n", f.Field, f.Value)
		}
	}
	return tw.Flush()
}

// freshBuild builds the five programs from the checkout at dir into a temporary directory, as
// `make check-artifacts` does, and returns their SBPF v3 and v0 ELFs.
func freshBuild(ctx context.Context, dir string) (v3, v0 map[string][]byte, err error) {
	script := filepath.Join(dir, "scripts", "build-programs.sh")
	if _, err := os.Stat(script); err != nil {
		return nil, nil, fmt.Errorf("--build %s: not a checkout of this repository (no scripts/build-programs.sh): %w", dir, err)
	}
	tmp, err := os.MkdirTemp("", "ionet-verify-")
	if err != nil {
		return nil, nil, fmt.Errorf("--build: %w", err)
	}
	defer os.RemoveAll(tmp)
	for _, cmd := range [][]string{{"make", "-C", dir, "--no-print-directory", "linker"}, {script, filepath.Join(tmp, "out"), filepath.Join(tmp, "target")}} {
		out, err := exec.CommandContext(ctx, cmd[0], cmd[1:]...).CombinedOutput()
		if err != nil {
			return nil, nil, fmt.Errorf("--build: %s: %w\n%s", strings.Join(cmd, " "), err, out)
		}
	}
	v3, v0 = map[string][]byte{}, map[string][]byte{}
	for _, name := range deploy.ProgramNames {
		if v3[name], err = os.ReadFile(filepath.Join(tmp, "out", name+".so")); err != nil {
			return nil, nil, fmt.Errorf("--build: %w", err)
		}
		if v0[name], err = os.ReadFile(filepath.Join(tmp, "out", name+".v0.so")); err != nil {
			return nil, nil, fmt.Errorf("--build: %w", err)
		}
	}
	return v3, v0, nil
}

// verifyBuffer is `verify --buffer ADDRESS --program NAME`: the buffer's code against the build.
func verifyBuffer(c *ucli.Context, env *cli.Env, elfs map[string][]byte) error {
	addr, err := solana.PublicKeyFromBase58(c.String("buffer"))
	if err != nil {
		return fmt.Errorf("--buffer %q is not a base58 public key: %w", c.String("buffer"), err)
	}
	name := c.String("program")
	elf, ok := elfs[name]
	if !ok {
		return fmt.Errorf("--buffer needs --program, one of %s (got %q)", strings.Join(deploy.ProgramNames, ", "), name)
	}
	acct, err := env.Client().RPC.GetAccountInfoWithOpts(c.Context, addr,
		&rpc.GetAccountInfoOpts{Commitment: env.Client().Commitment(), Encoding: solana.EncodingBase64})
	if err != nil {
		return fmt.Errorf("read the buffer %s: %w", addr, solanax.WrapRPCError("getAccountInfo", err))
	}
	buf, err := deploy.DecodeBuffer(acct.Value.Data.GetBinary())
	if err != nil || !acct.Value.Owner.Equals(deploy.LoaderID) {
		return fmt.Errorf("%s is not a loader buffer (owner %s)", addr, acct.Value.Owner)
	}
	r := bufferVerified{Buffer: addr.String(), Program: name, OnChain: deploy.CodeHash(buf.Code), Expected: deploy.CodeHash(elf)}
	if buf.Authority != nil {
		r.Authority = buf.Authority.String()
	}
	if dir := c.String("build"); dir != "" {
		built, builtV0, err := freshBuild(c.Context, dir)
		if err != nil {
			return err
		}
		if c.String("sbpf") == "v0" {
			built = builtV0
		}
		r.Built = deploy.CodeHash(built[name])
	}
	r.Match = r.OnChain == r.Expected && (r.Built == "" || r.Built == r.OnChain)
	fields := deploy.SecurityTxt(buf.Code)
	for _, k := range deploy.SecurityTxtKeys(fields) {
		r.SecurityTxt = append(r.SecurityTxt, securityField{Field: k, Value: fields[k]})
	}
	if err := env.Print(r); err != nil {
		return err
	}
	if !r.Match {
		return fmt.Errorf("verify: %w: the buffer %s does not hold the %s build", errMismatch, addr, name)
	}
	return nil
}

type bufferVerified struct {
	Buffer      string          `json:"buffer"`
	Program     string          `json:"program"`
	Authority   string          `json:"authority,omitempty"`
	OnChain     string          `json:"onChain"`
	Expected    string          `json:"expected"`
	Built       string          `json:"built,omitempty"`
	Match       bool            `json:"match"`
	SecurityTxt []securityField `json:"securityTxt,omitempty"`
}

func (r bufferVerified) WriteHuman(w io.Writer) error {
	verdict := "OK: it holds the " + r.Program + " build"
	if !r.Match {
		verdict = "MISMATCH: it does not hold the " + r.Program + " build"
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "buffer %s\t%s\n", r.Buffer, verdict)
	fmt.Fprintf(tw, "  authority\t%s\n", r.Authority)
	fmt.Fprintf(tw, "  in the buffer\t%s\n", r.OnChain)
	fmt.Fprintf(tw, "  artefact\t%s\n", r.Expected)
	if r.Built != "" {
		fmt.Fprintf(tw, "  fresh build\t%s\n", r.Built)
	}
	for _, f := range r.SecurityTxt {
		fmt.Fprintf(tw, "  %s\t%s\n", f.Field, f.Value)
	}
	return tw.Flush()
}
