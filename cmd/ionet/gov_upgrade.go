package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/governance"
	govgen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/deploy"
)

// govProposeUpgradeCommand is `ionet gov propose upgrade`: a proposal to upgrade one program
// from a buffer held by the governance PDA.
func govProposeUpgradeCommand(programs func(...ucli.Flag) []ucli.Flag) *ucli.Command {
	return &ucli.Command{
		Name:  "upgrade",
		Usage: "propose upgrading a program from a buffer held by the governance PDA (its SHA-256 goes into the proposal)",
		Description: "--buffer is a buffer's address, or a program file (.so) to write into a new buffer handed to " +
			"the governance PDA first (as `ionet deploy --write-buffer` does; its keypair is kept in --state until " +
			"then, so an interrupted write resumes). The proposal carries the SHA-256 of the buffer's code " +
			"(trailing zeros trimmed, as `ionet verify --buffer` prints it); execute checks it again before the " +
			"loader's Upgrade, signed by the governance PDA, the program's upgrade authority after " +
			"`ionet deploy --hand-over-upgrades`.",
		Flags: programs(
			&ucli.StringFlag{Name: "program", Required: true, Usage: "the program to upgrade: " + strings.Join(deploy.ProgramNames, ", ")},
			&ucli.StringFlag{Name: "buffer", Required: true, Usage: "ADDRESS of a buffer held by the governance PDA, or FILE.so to write into one"},
			&ucli.StringFlag{Name: "spill", Usage: "who receives the buffer's rent after the upgrade (default: the --keypair wallet)"},
			&ucli.StringFlag{Name: "state", Usage: "with --buffer FILE.so: directory keeping the buffer keypair while it is written (default: the file's directory)"},
			&ucli.StringFlag{Name: "title", Usage: "title, at most 64 bytes (default: Upgrade PROGRAM to <sha256 prefix>)"},
			&ucli.StringFlag{Name: "description-file", Usage: "the full text; its SHA-256 goes on chain (default: a one-line description of the upgrade)"},
			&ucli.StringFlag{Name: "uri", Usage: "where the full text is published (default: file://<description-file>)"}),
		Action: cli.Action(runGovProposeUpgrade),
	}
}

func runGovProposeUpgrade(c *ucli.Context, env *cli.Env) error {
	if c.NArg() != 0 {
		return fmt.Errorf("gov propose upgrade takes only flags (got %q)", c.Args().First())
	}
	name := c.String("program")
	if !slices.Contains(deploy.ProgramNames, name) {
		return fmt.Errorf("--program %q: give one of %s", name, strings.Join(deploy.ProgramNames, ", "))
	}
	key, err := env.Keypair()
	if err != nil {
		return err
	}
	spill := key.PublicKey()
	if text := c.String("spill"); text != "" {
		if spill, err = solana.PublicKeyFromBase58(text); err != nil {
			return fmt.Errorf("--spill %q is not a base58 public key: %w", text, err)
		}
	}
	program, err := cli.CommandPrograms(c, env).ID(name)
	if err != nil {
		return err
	}
	gc, err := govClient(c, env)
	if err != nil {
		return err
	}
	buffer, hash, err := upgradeBuffer(c, env, name, gc.Governance)
	if err != nil {
		return err
	}
	action, err := governance.UpgradeAction(program, buffer, spill, hash)
	if err != nil {
		return err
	}
	hexHash := hex.EncodeToString(hash[:])
	title := c.String("title")
	if title == "" {
		title = fmt.Sprintf("Upgrade %s to %s", name, hexHash[:16])
	}
	text := []byte(fmt.Sprintf("Upgrade %s (%s) to the code in buffer %s, sha256 %s.\n", name, program, buffer, hexHash))
	uri := c.String("uri")
	if path := c.String("description-file"); path != "" {
		if text, err = os.ReadFile(path); err != nil {
			return fmt.Errorf("--description-file: %w", err)
		}
		if uri == "" {
			abs, err := filepath.Abs(path)
			if err != nil {
				return fmt.Errorf("--description-file: %w", err)
			}
			uri = "file://" + abs
		}
	}
	h, err := proposeHints(c, env, gc, key.PublicKey())
	if err != nil {
		return err
	}
	id, res, err := gc.CreateProposal(c.Context, key, governance.Proposal{
		Title: title, URI: uri, DescriptionHash: sha256.Sum256(text), Actions: []govgen.ProposalAction{action},
	})
	if err != nil {
		return explain(env, err, h)
	}
	return env.Print(upgradeProposedReport{ID: id, Program: name, ProgramID: program.String(), Buffer: buffer.String(),
		SHA256: hexHash, Signature: res.Signature.String(), Slot: res.Slot})
}

// upgradeBuffer is the --buffer to propose and its code's SHA-256: a buffer read from the chain,
// which must be held by the governance PDA, or a file written into a new one handed to it.
func upgradeBuffer(c *ucli.Context, env *cli.Env, name string, gov solana.PublicKey) (solana.PublicKey, [32]byte, error) {
	arg := c.String("buffer")
	if addr, err := solana.PublicKeyFromBase58(arg); err == nil {
		acct, err := env.Client().RPC.GetAccountInfoWithOpts(c.Context, addr,
			&rpc.GetAccountInfoOpts{Commitment: env.Client().Commitment(), Encoding: solana.EncodingBase64})
		if err != nil {
			return addr, [32]byte{}, fmt.Errorf("read the buffer %s: %w", addr, solanax.WrapRPCError("getAccountInfo", err))
		}
		buf, err := deploy.DecodeBuffer(acct.Value.Data.GetBinary())
		if err != nil || !acct.Value.Owner.Equals(deploy.LoaderID) {
			return addr, [32]byte{}, fmt.Errorf("--buffer %s is not a loader buffer (owner %s)", addr, acct.Value.Owner)
		}
		if buf.Authority == nil || !buf.Authority.Equals(gov) {
			return addr, [32]byte{}, fmt.Errorf("--buffer %s is held by %s, not the governance PDA %s: hand it over first (solana program set-buffer-authority %s --new-buffer-authority %s), or give the .so to write a new one",
				addr, describeKey(buf.Authority), gov, addr, gov)
		}
		return addr, codeHash(buf.Code), nil
	}
	elf, err := os.ReadFile(arg)
	if err != nil {
		return solana.PublicKey{}, [32]byte{}, fmt.Errorf("--buffer %q is neither a base58 address nor a readable program file: %w", arg, err)
	}
	key, err := env.Keypair()
	if err != nil {
		return solana.PublicKey{}, [32]byte{}, err
	}
	state := firstNonEmpty(c.String("state"), filepath.Dir(arg))
	d := &deploy.Deployer{Client: env.Client(), Authority: key, StateDir: state, Log: env.Log, Progress: progressPrinter(c.App.ErrWriter, env)}
	res, err := d.WriteBuffer(c.Context, deploy.Program{Name: name, ELF: elf}, gov)
	if err != nil {
		return solana.PublicKey{}, [32]byte{}, err
	}
	return res.Buffer, codeHash(elf), nil
}

func codeHash(code []byte) [32]byte {
	var h [32]byte
	raw, _ := hex.DecodeString(deploy.CodeHash(code)) // a hex SHA-256: always 32 bytes
	copy(h[:], raw)
	return h
}

func describeKey(k *solana.PublicKey) string {
	if k == nil {
		return "nobody (immutable)"
	}
	return k.String()
}

type upgradeProposedReport struct {
	ID        uint64 `json:"id"`
	Program   string `json:"program"`
	ProgramID string `json:"programId"`
	Buffer    string `json:"buffer"`
	SHA256    string `json:"sha256"`
	Signature string `json:"signature"`
	Slot      uint64 `json:"slot"`
}

func (r upgradeProposedReport) WriteHuman(w io.Writer) error {
	_, err := fmt.Fprintf(w, "Proposal %d: upgrade %s (%s) from buffer %s, sha256 %s (slot %d)\nVoters check it against a checkout of the proposed code: ionet verify --buffer %s --program %s --artifacts CHECKOUT/localnet/programs --build CHECKOUT\nSignature %s\n",
		r.ID, r.Program, r.ProgramID, r.Buffer, r.SHA256, r.Slot, r.Buffer, r.Program, r.Signature)
	return err
}

// programNames names the deployment's program ids (for `gov show`'s upgrades); a program whose id
// cannot be found is left unnamed.
func programNames(c *ucli.Context, env *cli.Env) map[solana.PublicKey]string {
	names := map[solana.PublicKey]string{}
	ids, err := cli.DeployedProgramIDs(c, env.Client().RPC, env.RPCURL, deploy.ProgramNames...)
	if err != nil {
		env.Log.Debug("no deployment to name the programs by", "err", err)
		return names
	}
	for i, id := range ids {
		if !id.IsZero() {
			names[id] = deploy.ProgramNames[i]
		}
	}
	return names
}

// recordUpgrades writes the code hashes of the programs an executed proposal upgraded into the
// cluster's registered deployment, so that `ionet verify` expects the new code (publish the file
// again for its importers). A failure is only reported: the proposal was executed.
func recordUpgrades(c *ucli.Context, env *cli.Env, gc *governance.Client, id uint64) {
	warn := func(err error) {
		fmt.Fprintf(c.App.ErrWriter, "Executed, but the deployment file was not updated with the new code hashes: %v\n", err)
	}
	p, err := gc.FetchProposal(c.Context, id)
	if err != nil {
		warn(err)
		return
	}
	var upgrades []governance.Upgrade
	for _, a := range p.Actions[:min(int(p.ActionCount), len(p.Actions))] {
		if u, ok := governance.DecodeUpgrade(a); ok {
			upgrades = append(upgrades, u)
		}
	}
	if len(upgrades) == 0 {
		return
	}
	genesis, err := env.Client().RPC.GetGenesisHash(c.Context)
	if err != nil {
		warn(solanax.WrapRPCError("getGenesisHash", err))
		return
	}
	dep, _, found, err := cli.LookupDeployment(genesis)
	if err != nil || !found {
		if err == nil {
			err = fmt.Errorf("no deployment of this cluster is registered")
		}
		warn(err)
		return
	}
	changed := false
	for _, u := range upgrades {
		for name, pid := range dep.Programs {
			if pid.Equals(u.Program) && dep.ProgramHashes[name] != u.SHA256 {
				if dep.ProgramHashes == nil {
					dep.ProgramHashes = map[string]string{}
				}
				dep.ProgramHashes[name] = u.SHA256
				changed = true
			}
		}
	}
	if !changed {
		return
	}
	dep.UpdatedAt = time.Now().UTC().Truncate(time.Second)
	path, err := cli.RegisterDeployment(dep)
	if err != nil {
		warn(err)
		return
	}
	fmt.Fprintf(c.App.ErrWriter, "Recorded the upgraded code hashes in %s (publish it again for those who imported it).\n", path)
}
