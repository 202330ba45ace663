package governance

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/governance/gen"
)

// Upgrades under governance (programs/governance/src/processor/upgrade.rs): a proposal action
// that has the BPF Loader Upgradeable replace a program's code with a buffer's, signed by the
// governance PDA, after checking the buffer's SHA-256 against the one in the proposal.

// upgradeTag is the loader's Upgrade instruction (u32 LE), the first 4 bytes of the action's data;
// the buffer's SHA-256 follows.
var upgradeTag = binary.LittleEndian.AppendUint32(nil, 3)

// UpgradeComputeUnits is the compute budget of a create_proposal or execute that carries
// upgrade actions: each hashes its buffer (about 1 CU per 2 bytes: a 230 KB program costs
// about 115,000), beyond the 200,000 of a plain instruction.
const UpgradeComputeUnits = 1_400_000

// Upgrade is an upgrade action, decoded.
type Upgrade struct {
	Program     solana.PublicKey `json:"program"`
	ProgramData solana.PublicKey `json:"programData"`
	Buffer      solana.PublicKey `json:"buffer"`
	// Spill receives the buffer's lamports (its rent) once the upgrade is done.
	Spill solana.PublicKey `json:"spill"`
	// SHA256 is the hex SHA-256 of the buffer's program bytes without trailing zeros: what
	// `ionet verify --buffer` prints for a buffer holding the build.
	SHA256 string `json:"sha256"`
}

// IsUpgrade reports whether an action aimed at programID is an upgrade (the loader's Upgrade:
// no other loader instruction is allowed).
func IsUpgrade(programID solana.PublicKey) bool {
	return programID.Equals(solana.BPFLoaderUpgradeableProgramID)
}

// UpgradeAction is the action that upgrades program from buffer, whose code (trailing zeros
// trimmed) hashes to sha256; the buffer must be held by the governance PDA, which must be the
// program's upgrade authority. The buffer's lamports go to spill.
func UpgradeAction(program, buffer, spill solana.PublicKey, sha256 [32]byte) (gen.ProposalAction, error) {
	pd, err := anchor.ProgramDataAddress(program)
	if err != nil {
		return gen.ProposalAction{}, fmt.Errorf("upgrade action: ProgramData of %s: %w", program, err)
	}
	data := append(bytes.Clone(upgradeTag), sha256[:]...)
	accounts := make([]gen.ProposalAccountMeta, 0, 4)
	for _, key := range []solana.PublicKey{pd, program, buffer, spill} {
		accounts = append(accounts, gen.ProposalAccountMeta{Pubkey: key, IsWritable: true})
	}
	return gen.ProposalAction{ProgramId: solana.BPFLoaderUpgradeableProgramID, Accounts: accounts, Data: data}, nil
}

// DecodeUpgrade reads a stored upgrade action; false when a is not one.
func DecodeUpgrade(a gen.Action) (Upgrade, bool) {
	data := a.Data[:min(int(a.DataLen), len(a.Data))]
	if !IsUpgrade(a.ProgramId) || a.AccountCount != 4 || len(data) != 4+32 || !bytes.Equal(data[:4], upgradeTag) {
		return Upgrade{}, false
	}
	return Upgrade{
		ProgramData: a.Accounts[0].Pubkey, Program: a.Accounts[1].Pubkey, Buffer: a.Accounts[2].Pubkey,
		Spill: a.Accounts[3].Pubkey, SHA256: hex.EncodeToString(data[4:]),
	}, true
}

// describeUpgrade is an upgrade action in words for voters; names maps program ids to names.
func describeUpgrade(u Upgrade, names map[solana.PublicKey]string) ActionDescription {
	name, ok := names[u.Program]
	if !ok {
		name = u.Program.String()
	}
	check := "ionet verify --buffer " + u.Buffer.String()
	if ok {
		check += " --program " + name
	}
	return ActionDescription{Program: name, Changes: []ParamChange{}, Upgrade: &u,
		Note: fmt.Sprintf("upgrade %s (%s) to the code in buffer %s, sha256 %s (check it: %s; execute checks the hash again); the buffer's rent goes to %s",
			name, u.Program, u.Buffer, u.SHA256, check, u.Spill)}
}

// HasUpgrade reports whether the stored proposal p carries an upgrade action: its execute then
// needs UpgradeComputeUnits.
func HasUpgrade(p *gen.Proposal) bool {
	for _, a := range p.Actions[:min(int(p.ActionCount), len(p.Actions))] {
		if IsUpgrade(a.ProgramId) {
			return true
		}
	}
	return false
}

// hasUpgrade reports whether any of programs (actions' targets) is the loader.
func hasUpgrade(programs ...solana.PublicKey) bool {
	for _, p := range programs {
		if IsUpgrade(p) {
			return true
		}
	}
	return false
}
